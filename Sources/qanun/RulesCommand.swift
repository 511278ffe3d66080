import ArgumentParser
import Foundation
import QanunCore
import QanunIndex
import QanunRules

/// `--rules PATH` (repeatable; default `rules`, or $QANUN_RULES) and the term base rules use.
struct RulePackOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "Rule files or folders (default: ./rules or $QANUN_RULES).")
    var paths: [String] = []

    @OptionGroup var terms: TermBaseOptions

    var resolved: [String] {
        if !paths.isEmpty { return paths }
        return [ProcessInfo.processInfo.environment["QANUN_RULES"] ?? "rules"]
    }

    /// Loads the pack; any rule error is printed (file:line:col: error: …) and exits 2.
    func load() throws -> (rules: [Rule], termBase: TermBase) {
        let tb = try terms.load()
        let (rules, errors) = RuleLoader(termBase: tb).load(resolved)
        if !errors.isEmpty {
            for e in errors { printError(e.description) }
            printError("\(errors.count) rule file(s) with errors: fix them first")
            throw ExitCode(2)
        }
        return (rules, tb)
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List and test the gap rules.", subcommands: [RulesList.self, RulesTest.self])
}

struct RulesList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Print the rule catalogue.")
    @OptionGroup var pack: RulePackOptions
    @Option(help: "Language of titles (az, en, ru).") var lang: Language = .en
    @Option(help: "text or json") var format: OutputFormat = .text
    @Argument(help: "Rule files or folders (same as --rules).") var path: [String] = []

    func run() throws {
        var p = pack
        if !path.isEmpty { p.paths = path }
        let (rules, _) = try p.load()
        if format == .json {
            struct Entry: Encodable { var id, severity, scope, title, source, file: String; var examples: Int }
            try printJSON(rules.map {
                Entry(id: $0.id, severity: $0.severity.rawValue, scope: $0.scope.rawValue, title: $0.title.text(lang),
                      source: $0.source.document, file: $0.file, examples: $0.examples.count)
            })
            return
        }
        print("\(rules.count) rules")
        for r in rules {
            print("\(r.id)  [\(r.severity.rawValue), \(r.scope.rawValue)]  \(r.title.text(lang))")
            print("    source: \(r.source.document): \"\(r.source.passage.prefix(110))\(r.source.passage.count > 110 ? "…" : "")\"")
        }
    }
}

struct RulesTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every rule's examples through the real pipeline; fail on any miss.")
    @OptionGroup var pack: RulePackOptions
    @Argument(help: "Rule files or folders (same as --rules).") var path: [String] = []

    func run() throws {
        var p = pack
        if !path.isEmpty { p.paths = path }
        let (rules, tb) = try p.load()
        let (count, failures) = try ExampleRunner(checker: try Checker(rules: rules, termBase: tb)).run()
        for f in failures { print(f.description) }
        print("\(rules.count) rules, \(count) examples: \(count - failures.count) passed, \(failures.count) failed")
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

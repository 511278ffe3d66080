import ArgumentParser
import Foundation
import QanunCore
import QanunFormats
import QanunIndex
import QanunRules

/// `qanun check [FILE...]`: the gap report for the database, or for bills against it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find missing provisions: run the rule pack over the database, or over bills (FILE...).",
        discussion: """
            Without files, checks every act in the database and the body of law as a whole. With \
            files, checks them as bills (read and parsed like ingested acts, not stored); a \
            requirement a bill lacks but existing law in the database meets is covered, with the \
            citation. With no database, or an empty one, bills are checked on their own.
            Exit codes: 0 no gap at or above --fail-on, 1 gaps, 2 usage, rule or input errors.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, sarif, markdown, html }
    enum FailOn: String, ExpressibleByArgument, CaseIterable { case error, warning, note, never }

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var pack: RulePackOptions
    @Option(help: "text, json, sarif, markdown or html.") var format: Format = .text
    @Option(help: "Write the report to this file instead of standard output.") var output: String?
    @Option(help: "The report's language: titles, messages and recommendations (az, en, ru).") var lang: Language = .en
    @Option(name: .customLong("fail-on"), help: "Exit 1 when a gap at or above this severity exists (error, warning, note, never).")
    var failOn: FailOn = .error
    @Option(name: .customLong("bill-lang"), help: "Language of the bills when the text does not say (az, ru, en).")
    var billLang: Language?
    @Argument(help: "Bills to check (text files).") var files: [String] = []

    func run() throws {
        let (rules, termBase) = try pack.load()
        var bills: [Act] = []
        var unreadable = 0
        let reader = SourceReader(languageOverride: billLang)
        for f in files {
            do {
                bills.append(try reader.read(path: f).act)
            } catch {
                printError("\(f): \(error)")
                unreadable += 1
            }
        }
        if !files.isEmpty && bills.isEmpty {
            printError("no bill could be read")
            throw ExitCode(2)
        }
        let dbPath = database.path
        let db: QanunDatabase?
        if files.isEmpty {
            db = try database.open(mustExist: true)
        } else {
            db = FileManager.default.fileExists(atPath: dbPath) ? try database.open() : nil
        }
        let report = try Checker(rules: rules, termBase: termBase).check(database: db, bills: bills, lang: lang)
        let data: Data
        switch format {
        case .text: data = Data((TextReport.render(report) + "\n").utf8)
        case .json:
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            data = try enc.encode(report)
        case .sarif: data = try SarifReport.render(report, toolVersion: Qanun.version)
        case .markdown: data = Data(MarkdownReport.render(report).utf8)
        case .html: data = Data(HTMLReport.render(report).utf8)
        }
        if let output {
            do { try data.write(to: URL(fileURLWithPath: output)) } catch {
                printError("cannot write \(output): \(error.localizedDescription)")
                throw ExitCode(2)
            }
            printError("wrote \(output): \(report.summary.gaps) gap(s), \(report.summary.covered) covered, \(report.summary.notApplicable) not applicable")
        } else {
            FileHandle.standardOutput.write(data)
            if format != .text { FileHandle.standardOutput.write(Data("\n".utf8)) }
        }
        if unreadable > 0 { throw ExitCode(2) }
        let threshold: Severity? =
            switch failOn {
            case .error: .error
            case .warning: .warning
            case .note: .note
            case .never: nil
            }
        if let threshold, report.findings.contains(where: { $0.status == .gap && $0.severity >= threshold }) {
            throw ExitCode(1)
        }
    }
}

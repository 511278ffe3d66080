import ArgumentParser
import Foundation

@main
struct Qanun: ParsableCommand {
    static let version = "0.3.0"

    static let configuration = CommandConfiguration(
        commandName: "qanun",
        abstract: "Search normative acts in Azerbaijani, Russian and English, article by article, and find missing provisions.",
        version: version,
        subcommands: [
            IngestCommand.self, SearchCommand.self, StatsCommand.self, RemoveCommand.self, AnalyzeCommand.self,
            TermsCommand.self, CheckCommand.self, RulesCommand.self, EvalCommand.self, ExportCommand.self, ExtractCommand.self,
        ])

    /// Usage errors of `check` and `rules` exit 2 (their documented contract: 0 clean, 1 gaps or
    /// failed examples, 2 usage or rule errors); other commands keep ArgumentParser's codes.
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(args)
            try command.run()
        } catch {
            if ["check", "rules"].contains(args.first ?? ""), exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

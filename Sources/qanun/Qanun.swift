import ArgumentParser

@main
struct Qanun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qanun",
        abstract: "Search normative acts in Azerbaijani, Russian and English, article by article.",
        subcommands: [
            IngestCommand.self, SearchCommand.self, StatsCommand.self, RemoveCommand.self, AnalyzeCommand.self,
            TermsCommand.self, RulesCommand.self, EvalCommand.self,
        ])
}

import ArgumentParser
import Foundation
import QanunIndex

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Acts, articles and languages in the database.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let db = try database.open(mustExist: true)
        let acts = try db.stats()
        switch format {
        case .json:
            struct Output: Encodable { var acts: [ActStats] }
            try printJSON(Output(acts: acts))
        case .text:
            for a in acts {
                print("[\(a.lang)] \(a.title): \(a.articles) articles (\(a.repealed) repealed) — \(a.source)")
            }
            let byLang = Dictionary(grouping: acts, by: \.lang).sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value.count)" }.joined(separator: ", ")
            print("\(acts.count) acts (\(byLang)), \(acts.reduce(0) { $0 + $1.articles }) articles")
        }
    }
}

import ArgumentParser
import Foundation
import QanunIndex

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Acts, articles and languages in the database.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Flag(help: "Also verify the database and the full-text index (SQLite and FTS5 integrity checks).")
    var check = false

    func run() throws {
        let db = try database.open(mustExist: true)
        if check {
            do {
                try db.integrityCheck()
            } catch {
                printError("error: \(database.path) is damaged: \(error); re-ingest into a new database")
                throw ExitCode(1)
            }
            printError("integrity: ok")
        }
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

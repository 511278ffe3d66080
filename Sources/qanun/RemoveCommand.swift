import ArgumentParser
import QanunIndex

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Drop acts from the database, by the path they were ingested from.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Source paths as shown by `qanun stats`.")
    var sources: [String]

    func run() throws {
        let db = try database.open(mustExist: true)
        let ingestor = Ingestor(database: db)
        var missing = 0
        for s in sources {
            if try ingestor.remove(source: s) {
                printError("removed \(Ingestor.normalise(s))")
            } else {
                missing += 1
                printError("error: \(s): no act was ingested from this path (see `qanun stats`)")
            }
        }
        if missing > 0 { throw ExitCode(1) }
    }
}

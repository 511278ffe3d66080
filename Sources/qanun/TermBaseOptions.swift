import ArgumentParser
import QanunIndex

/// `--terms FILE` (repeatable) and `--no-builtin-terms`: which term base expands queries.
struct TermBaseOptions: ParsableArguments {
    @Option(name: .customLong("terms"), help: "A TBX term base that extends (or, with --no-builtin-terms, replaces) the built-in one; repeatable.")
    var files: [String] = []

    @Flag(name: .customLong("no-builtin-terms"), help: "Use only the --terms files.")
    var noBuiltin = false

    func load() throws -> TermBase {
        do {
            return try TermBase.load(files: files, builtIn: !noBuiltin)
        } catch let e as TBXError {
            printError(e.description)
            throw ExitCode(2)
        }
    }
}

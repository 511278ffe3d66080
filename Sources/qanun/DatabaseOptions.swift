import ArgumentParser
import Foundation
import QanunCore
import QanunIndex

/// `--db FILE`, shared by every command that uses the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $QANUN_DB, else qanun.sqlite in the working directory).")
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["QANUN_DB"] ?? "qanun.sqlite" }

    /// Opens the database; `mustExist` refuses to create an empty one for read-only commands.
    func open(mustExist: Bool = false) throws -> QanunDatabase {
        if mustExist, !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("no database at \(path): run `qanun ingest PATH...` first, or pass --db FILE")
        }
        do {
            return try QanunDatabase(path: path)
        } catch {
            throw ValidationError("cannot open the database \(path): \(error)")
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Language: ExpressibleByArgument {
    public init?(argument: String) { self.init(code: argument) }
}

/// Parses `az,ru` into languages.
func parseLanguages(_ s: String) throws -> Set<Language> {
    var out = Set<Language>()
    for code in s.split(separator: ",") {
        guard let l = Language(code: String(code)) else {
            throw ValidationError("unknown language `\(code)`: use az, ru, en (comma-separated)")
        }
        out.insert(l)
    }
    return out
}

func printJSON<T: Encodable>(_ value: T) throws {
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try enc.encode(value), as: UTF8.self))
}

/// Writes a line to standard error.
func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

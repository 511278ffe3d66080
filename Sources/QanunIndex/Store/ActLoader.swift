import Foundation
import GRDB
import QanunCore

/// Reads stored acts back as `Act`s (for export), and resolves what a user types to name one.
public struct ActLoader {
    public var database: QanunDatabase

    public init(database: QanunDatabase) { self.database = database }

    /// Every stored act's source, in ingest order.
    public func sources() throws -> [String] {
        try database.writer.read { db in try String.fetchAll(db, sql: "SELECT source FROM acts ORDER BY id") }
    }

    /// The stored act whose source `name` names: the exact source, a path ending in it, its file
    /// name with or without extension, or a unique substring. Throws with the candidates when
    /// `name` is ambiguous or matches nothing.
    public func resolve(_ name: String) throws -> String {
        let all = try sources()
        if all.contains(name) { return name }
        let normal = Ingestor.normalise(name)
        if all.contains(normal) { return normal }
        func stem(_ s: String) -> String { URL(fileURLWithPath: s).deletingPathExtension().lastPathComponent }
        let tiers: [(String) -> Bool] = [
            { $0.hasSuffix("/" + normal) },
            { stem($0) == name || URL(fileURLWithPath: $0).lastPathComponent == name },
            { $0.lowercased().contains(name.lowercased()) },
        ]
        for matches in tiers {
            let hits = all.filter(matches)
            if hits.count == 1 { return hits[0] }
            if hits.count > 1 {
                throw LookupError(
                    "`\(name)` names \(hits.count) acts: \(hits.prefix(5).joined(separator: ", "))\(hits.count > 5 ? ", …" : ""); give more of the path")
            }
        }
        throw LookupError("no act in the database matches `\(name)`; `qanun stats` lists what is there")
    }

    /// The act stored from `source`, rebuilt from its rows (articles, parts, notes).
    public func load(source: String) throws -> Act? {
        try database.writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM acts WHERE source = ?", arguments: [source]) else {
                return nil
            }
            guard let language = Language(rawValue: row["lang"]) else { return nil }
            var articles: [Article] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT * FROM articles WHERE act_id = ? ORDER BY ordinal", arguments: [row["id"] as Int64])
            while let a = try rows.next() {
                let parts = PartsCodec.decode(a["parts"], body: a["body"])
                articles.append(
                    Article(
                        number: a["number"], heading: a["heading"], eid: a["eid"], chapter: a["chapter"], section: a["section"],
                        parts: parts, repealed: a["repealed"]))
            }
            let notes = (row["notes"] as String).components(separatedBy: "\n\n").filter { !$0.isEmpty }
            return Act(
                source: row["source"], title: row["title"], number: row["number"], date: row["date"], type: row["type"],
                status: row["status"], language: language, preamble: row["preamble"], articles: articles, notes: notes)
        }
    }
}

/// An act name that matches no act, or several.
public struct LookupError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

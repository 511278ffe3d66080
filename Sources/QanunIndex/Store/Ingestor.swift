import Foundation
import GRDB
import QanunCore

/// What happened to one file during ingest.
public enum IngestOutcome: Sendable, Equatable {
    case added(articles: Int)
    case replaced(articles: Int)
    case unchanged
    case failed(String)
}

/// One file's result, with the source path as the user gave it.
public struct IngestResult: Sendable, Equatable {
    public var source: String
    public var outcome: IngestOutcome
}

/// Loads acts into the database. Each file is its own transaction: a bad file is reported and the
/// rest of the batch still lands; a changed file replaces its previous version atomically; an
/// unchanged one (same SHA-256, same parser version) is left alone.
public struct Ingestor {
    /// Bumped when parsing changes what is stored for the same bytes, so re-ingest re-parses.
    public static let parserVersion = 1

    public var database: QanunDatabase
    public var reader: ActReader

    public init(database: QanunDatabase, reader: ActReader = ActReader()) {
        self.database = database
        self.reader = reader
    }

    /// Expands folders (recursively: `.txt` files, hidden files skipped) and keeps files as given.
    /// A path that does not exist is reported as a failed source.
    public static func expand(_ paths: [String]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
                out.append(path)
                continue
            }
            let base = URL(fileURLWithPath: path)
            guard let e = fm.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            else { out.append(path); continue }
            var found: [String] = []
            for case let url as URL in e where url.pathExtension.lowercased() == "txt" {
                let rel = url.path.dropFirst(base.path.count).drop { $0 == "/" }
                found.append(path.hasSuffix("/") ? path + rel : path + "/" + rel)
            }
            out += found.sorted()
        }
        return out
    }

    /// Ingests one file. Never throws: failures come back as `.failed(reason)`.
    public func ingest(path: String) -> IngestResult {
        let source = Self.normalise(path)
        let act: Act, hash: String
        do {
            (act, hash) = try reader.read(path: path, source: source)
        } catch {
            return IngestResult(source: source, outcome: .failed(error.description))
        }
        do {
            let outcome = try database.writer.write { db -> IngestOutcome in
                let existing = try Row.fetchOne(
                    db, sql: "SELECT id, sha256, parser_version FROM acts WHERE source = ?", arguments: [source])
                if let existing, existing["sha256"] == hash, existing["parser_version"] == Self.parserVersion {
                    return .unchanged
                }
                if let id: Int64 = existing?["id"] { try Self.delete(actID: id, in: db) }
                try Self.insert(act, hash: hash, in: db)
                return existing == nil ? .added(articles: act.articles.count) : .replaced(articles: act.articles.count)
            }
            return IngestResult(source: source, outcome: outcome)
        } catch {
            return IngestResult(source: source, outcome: .failed("database error: \(error)"))
        }
    }

    /// Removes the act ingested from `source`. Returns false if there is none.
    public func remove(source: String) throws -> Bool {
        let key = Self.normalise(source)
        return try database.writer.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM acts WHERE source = ?", arguments: [key]) else {
                return false
            }
            try Self.delete(actID: id, in: db)
            return true
        }
    }

    /// `./corpus//az/x.txt` and `corpus/az/x.txt` are the same source.
    public static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for p in path.split(separator: "/", omittingEmptySubsequences: true) where p != "." { parts.append(p) }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : joined
    }

    static func delete(actID: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO article_fts(article_fts, rowid, heading, body)
                SELECT 'delete', t.id, t.heading, t.body FROM article_text t
                JOIN articles a ON a.id = t.id WHERE a.act_id = ?
                """, arguments: [actID])
        try db.execute(sql: "DELETE FROM acts WHERE id = ?", arguments: [actID])
    }

    static func insert(_ act: Act, hash: String, in db: Database) throws {
        let encoder = JSONEncoder()
        try db.execute(
            sql: """
                INSERT INTO acts(source, title, number, date, type, status, lang, sha256, parser_version, preamble,
                                 notes, ingested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                act.source, act.title, act.number, act.date, act.type, act.status, act.language.rawValue, hash,
                parserVersion, act.preamble, act.notes.joined(separator: "\n\n"),
                ISO8601DateFormatter().string(from: Date()),
            ])
        let actID = db.lastInsertedRowID
        let stmt = try db.makeStatement(
            sql: """
                INSERT INTO articles(act_id, ordinal, eid, number, heading, body, lang, repealed, chapter, section, parts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (k, a) in act.articles.enumerated() {
            let parts = String(decoding: try encoder.encode(a.parts), as: UTF8.self)
            try stmt.execute(arguments: [
                actID, k, a.eid, a.number, a.heading, a.text, act.language.rawValue, a.repealed, a.chapter, a.section,
                parts,
            ])
        }
        try db.execute(
            sql: """
                INSERT INTO article_fts(rowid, heading, body)
                SELECT t.id, t.heading, t.body FROM article_text t JOIN articles a ON a.id = t.id WHERE a.act_id = ?
                """, arguments: [actID])
    }
}

import CQanunAnalysis
import Foundation
import GRDB
import QanunCore
import QanunFormats

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
    public static let parserVersion = 3

    public var database: QanunDatabase
    public var reader: SourceReader

    public init(database: QanunDatabase, reader: SourceReader = SourceReader()) {
        self.database = database
        self.reader = reader
    }

    /// Expands folders (recursively: files with an extension `SourceFormat` reads — `.txt`, `.html`,
    /// `.docx`, `.pdf`, `.xml`/`.akn` — hidden files skipped) and keeps files as given.
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
            for case let url as URL in e where SourceFormat.extensions[url.pathExtension.lowercased()] != nil {
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
        do {
            let (act, hash) = try reader.read(path: path, source: source)
            return store(act, hash: hash, source: source)
        } catch {
            return IngestResult(source: source, outcome: .failed(error.description))
        }
    }

    /// Ingests files in order, on two cores: a worker reads, parses and analyses file N+1 while
    /// this thread writes file N (each file still its own transaction, results identical to
    /// `ingest(path:)` one by one). `progress` gets each result as it lands.
    public func ingest(paths: [String], progress: (IngestResult) -> Void = { _ in }) -> [IngestResult] {
        let known: [String: String] =
            (try? database.writer.read { db in
                Dictionary(
                    try Row.fetchAll(db, sql: "SELECT source, sha256, parser_version FROM acts").map {
                        ($0["source"] as String, "\($0["sha256"] as String)/\($0["parser_version"] as Int)")
                    }, uniquingKeysWith: { a, _ in a })
            }) ?? [:]
        let pipe = Pipeline<(String, Result<(Act, String), ReadError>)>(capacity: 2)
        let reader = self.reader
        let worker = Thread {
            for path in paths {
                let source = Self.normalise(path)
                let item: Result<(Act, String), ReadError>
                do {
                    let (act, hash) = try reader.read(path: path, source: source)
                    if known[source] != "\(hash)/\(Self.parserVersion)" { Self.prepare(act) }
                    item = .success((act, hash))
                } catch let error as ReadError {
                    item = .failure(error)
                } catch {
                    item = .failure(.unreadable("\(error)"))
                }
                pipe.put((source, item))
            }
        }
        worker.stackSize = 8 << 20
        worker.start()
        var results: [IngestResult] = []
        for _ in paths {
            let (source, item) = pipe.take()
            let r: IngestResult
            switch item {
            case .success(let (act, hash)): r = store(act, hash: hash, source: source)
            case .failure(let e): r = IngestResult(source: source, outcome: .failed(e.description))
            }
            results.append(r)
            progress(r)
        }
        qn_prepared_clear()
        return results
    }

    /// Analyses an act's article texts ahead of the index (exactly as the `article_text` view
    /// will hand them to the tokenizer), so that writing them costs only the index work.
    static func prepare(_ act: Act) {
        let marker = "\u{1}\(act.language.rawValue)\u{1}"
        for a in act.articles {
            for text in [marker + a.number + " " + a.heading, marker + a.text] {
                var t = text
                t.withUTF8 { buf in
                    buf.withMemoryRebound(to: CChar.self) { p in _ = qn_prepare_document(p.baseAddress, Int32(p.count)) }
                }
            }
        }
    }

    /// Writes one parsed act: skipped when unchanged, replaced atomically when changed.
    func store(_ act: Act, hash: String, source: String) -> IngestResult {
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
                INSERT INTO articles(act_id, ordinal, eid, number, heading, body, lang, repealed, chapter, section, parts,
                                     definitional)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (k, a) in act.articles.enumerated() {
            let body = a.text
            let parts = PartsCodec.encode(a.parts, body: body)
            try stmt.execute(arguments: [
                actID, k, a.eid, a.number, a.heading, body, act.language.rawValue, a.repealed, a.chapter, a.section,
                parts, DefinitionHeadings.isDefinitional(a.heading),
            ])
        }
        try db.execute(
            sql: """
                INSERT INTO article_fts(rowid, heading, body)
                SELECT t.id, t.heading, t.body FROM article_text t JOIN articles a ON a.id = t.id WHERE a.act_id = ?
                """, arguments: [actID])
    }
}

/// A bounded hand-over between the parsing worker and the writing thread.
final class Pipeline<T>: @unchecked Sendable {
    private var items: [T] = []
    private let capacity: Int
    private let cond = NSCondition()

    init(capacity: Int) { self.capacity = capacity }

    func put(_ item: T) {
        cond.lock()
        while items.count >= capacity { cond.wait() }
        items.append(item)
        cond.broadcast()
        cond.unlock()
    }

    func take() -> T {
        cond.lock()
        while items.isEmpty { cond.wait() }
        let item = items.removeFirst()
        cond.broadcast()
        cond.unlock()
        return item
    }
}

/// Headings that make an article a definition (`Resources/definition-headings.txt`).
enum DefinitionHeadings {
    static let cues: [String] = {
        guard let url = Bundle.module.url(forResource: "definition-headings", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }()

    /// A word of the heading starts with a cue (`anlayışı`, `Понятие`, `Definitions`).
    static func isDefinitional(_ heading: String) -> Bool {
        let words = heading.lowercased().split(whereSeparator: { !$0.isLetter })
        return words.contains { w in cues.contains { w.hasPrefix($0) } }
    }
}

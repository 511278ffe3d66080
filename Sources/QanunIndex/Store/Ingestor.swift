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
            return store(PreparedAct(act, hash: hash), source: source)
        } catch {
            return IngestResult(source: source, outcome: .failed(error.description))
        }
    }

    /// Ingests files in order, on two cores: a worker reads, parses and analyses file N+1 while
    /// this thread writes file N (each file still its own transaction, results identical to
    /// `ingest(path:)` one by one). `progress` gets each result as it lands.
    ///
    /// The writer keeps a larger page cache and checkpoints the WAL less often while the batch
    /// runs (pages rewritten by successive files are then written out once), and checkpoints at
    /// the end; the FTS5 settings that make bulk writes cheap are the index's own
    /// (`QanunDatabase`, migration v3).
    public func ingest(paths: [String], progress: (IngestResult) -> Void = { _ in }) -> [IngestResult] {
        let known: [String: String] =
            (try? database.writer.read { db in
                Dictionary(
                    try Row.fetchAll(db, sql: "SELECT source, sha256, parser_version FROM acts").map {
                        ($0["source"] as String, "\($0["sha256"] as String)/\($0["parser_version"] as Int)")
                    }, uniquingKeysWith: { a, _ in a })
            }) ?? [:]
        try? database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384")
        }
        defer {
            try? database.writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000")
                _ = try? db.checkpoint(.truncate)
            }
        }
        let pipe = Pipeline<(String, Result<PreparedAct, ReadError>)>(capacity: 2)
        let reader = self.reader
        let worker = Thread {
            for path in paths {
                let source = Self.normalise(path)
                let item: Result<PreparedAct, ReadError>
                do {
                    let (act, hash) = try reader.read(path: path, source: source)
                    let prepared = PreparedAct(act, hash: hash)
                    if known[source] != "\(hash)/\(Self.parserVersion)" { prepared.analyse() }
                    item = .success(prepared)
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
            case .success(let prepared): r = store(prepared, source: source)
            case .failure(let e): r = IngestResult(source: source, outcome: .failed(e.description))
            }
            results.append(r)
            progress(r)
        }
        qn_prepared_clear()
        return results
    }

    /// Writes one parsed act: skipped when unchanged, replaced atomically when changed.
    func store(_ prepared: PreparedAct, source: String) -> IngestResult {
        let act = prepared.act, hash = prepared.hash
        do {
            let outcome = try database.writer.write { db -> IngestOutcome in
                let existing = try Row.fetchOne(
                    db, sql: "SELECT id, sha256, parser_version FROM acts WHERE source = ?", arguments: [source])
                if let existing, existing["sha256"] == hash, existing["parser_version"] == Self.parserVersion {
                    return .unchanged
                }
                if let id: Int64 = existing?["id"] { try Self.delete(actID: id, in: db) }
                try Self.insert(prepared, in: db)
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

    static func insert(_ prepared: PreparedAct, in db: Database) throws {
        let act = prepared.act
        try db.execute(
            sql: """
                INSERT INTO acts(source, title, number, date, type, status, lang, sha256, parser_version, preamble,
                                 notes, ingested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                act.source, act.title, act.number, act.date, act.type, act.status, act.language.rawValue,
                prepared.hash, parserVersion, act.preamble, act.notes.joined(separator: "\n\n"),
                prepared.ingestedAt,
            ])
        let actID = db.lastInsertedRowID
        let stmt = try db.makeStatement(
            sql: """
                INSERT INTO articles(act_id, ordinal, eid, number, heading, body, lang, repealed, chapter, section, parts,
                                     definitional)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        // The index gets the same values the `article_text` view holds for these rows (deletes and
        // the integrity check read them from there), bound directly instead of read back.
        let index = try db.makeStatement(sql: "INSERT INTO article_fts(rowid, heading, body) VALUES (?, ?, ?)")
        for (k, (a, row)) in zip(act.articles, prepared.rows).enumerated() {
            try stmt.execute(arguments: [
                actID, k, a.eid, a.number, a.heading, row.body, act.language.rawValue, a.repealed, a.chapter,
                a.section, row.parts, row.definitional,
            ])
            let texts = prepared.indexTexts(k)
            try index.execute(arguments: [db.lastInsertedRowID, texts.heading, texts.body])
        }
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

    static let cueBytes: [[UInt8]] = cues.map { Array($0.lowercased().utf8) }

    /// A word of the heading starts with a cue (`anlayışı`, `Понятие`, `Definitions`).
    /// Compares UTF-8 bytes at each word start: this runs for every article ingested.
    static func isDefinitional(_ heading: String) -> Bool {
        let lower = heading.lowercased()
        let utf8 = Array(lower.utf8)
        var offset = 0
        var previousIsLetter = false
        for scalar in lower.unicodeScalars {
            let isLetter = scalar.properties.isAlphabetic
            if isLetter && !previousIsLetter {
                for cue in cueBytes where offset + cue.count <= utf8.count {
                    if utf8[offset..<offset + cue.count].elementsEqual(cue) { return true }
                }
            }
            previousIsLetter = isLetter
            offset += scalar.utf8.count
        }
        return false
    }
}

/// An act read and parsed, with what its rows store computed ahead of the write: the article
/// bodies, their parts in stored form, whether each defines terms, and (with `analyse()`) the
/// terms of every text the index will read. Built on the parsing thread so that the writing thread
/// does only database work.
struct PreparedAct: @unchecked Sendable {
    struct Row {
        var body: String
        var parts: String
        var definitional: Bool
    }

    var act: Act
    var hash: String
    var rows: [Row]
    var ingestedAt: String

    init(_ act: Act, hash: String) {
        self.act = act
        self.hash = hash
        rows = act.articles.map { a in
            let body = a.text
            return Row(
                body: body, parts: PartsCodec.encode(a.parts, body: body),
                definitional: DefinitionHeadings.isDefinitional(a.heading))
        }
        ingestedAt = ISO8601DateFormatter().string(from: Date())
    }

    /// What the index reads for article `k`: its values in the `article_text` view (language
    /// marker, number and heading; marker and body).
    func indexTexts(_ k: Int) -> (heading: String, body: String) {
        let marker = "\u{1}\(act.language.rawValue)\u{1}"
        return (marker + act.articles[k].number + " " + act.articles[k].heading, marker + rows[k].body)
    }

    /// Analyses the article texts ahead of the index (exactly as the `article_text` view will hand
    /// them to the tokenizer), so that writing them costs only the index work.
    func analyse() {
        for k in rows.indices {
            let texts = indexTexts(k)
            for text in [texts.heading, texts.body] {
                var t = text
                t.withUTF8 { buf in
                    buf.withMemoryRebound(to: CChar.self) { p in _ = qn_prepare_document(p.baseAddress, Int32(p.count)) }
                }
            }
        }
    }
}

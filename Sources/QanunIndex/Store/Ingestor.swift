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
    /// this thread writes file N. Results are identical to `ingest(path:)` one by one, and
    /// `progress` gets each result, in order, once it has landed.
    ///
    /// Files are committed in groups of up to `groupBytes` of article text: FTS5 writes its
    /// buffered terms as a new index segment at every commit, and every segment costs a merge
    /// later, so one commit per file made the index merge all its postings once more than needed.
    /// A file that cannot be read never reaches the database. If writing a file fails, the group is
    /// rolled back and its files are written again one per transaction, so the bad file is
    /// reported with its reason and the others land (a crash mid-group loses that group only; a
    /// rerun adds it). While the batch runs the writer keeps a larger page cache, FTS5 does not
    /// automerge, and the database uses a rollback journal when it can (see "Bulk mode" below).
    ///
    /// `progress` runs on the database's queue: it must not use the database.
    public func ingest(paths: [String], progress: (IngestResult) -> Void = { _ in }) -> [IngestResult] {
        let known: [String: String] =
            (try? database.writer.read { db in
                Dictionary(
                    try Row.fetchAll(db, sql: "SELECT source, sha256, parser_version FROM acts").map {
                        ($0["source"] as String, "\($0["sha256"] as String)/\($0["parser_version"] as Int)")
                    }, uniquingKeysWith: { a, _ in a })
            }) ?? [:]
        // Bulk mode. A rollback journal instead of the WAL while the batch runs: a batch mostly
        // appends new pages, which a rollback journal does not copy at all, where the WAL writes
        // every page twice (log, then checkpoint). Commits stay atomic and a crash leaves a hot
        // journal that the next open rolls back (SQLite does that before GRDB sets WAL mode again).
        // Leaving WAL needs the database to itself; when another connection has it open the batch
        // simply runs in WAL mode. Readers that arrive during the batch wait for each commit
        // (busy timeout on both sides) instead of reading beside it. FTS5 does not automerge during
        // the batch (the batch merges once, `mergeAheadBytes`).
        try? database.writer.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384; PRAGMA mmap_size = 0;
                    PRAGMA busy_timeout = 10000;
                    INSERT INTO article_fts(article_fts, rank) VALUES('automerge', 0);
                    """)
            guard database.path != ":memory:" else { return }
            _ = try? db.checkpoint(.truncate)
            if (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) == "delete" {
                // (NORMAL is what WAL needs; a rollback journal is only power-safe with FULL syncs,
                // which cost little at one commit per group)
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        }
        defer {
            // back to WAL first, whatever else fails; NORMAL syncs only once WAL is back
            database.writer.writeWithoutTransaction { db in
                var mode = try? String.fetchOne(db, sql: "PRAGMA journal_mode")
                if mode != "wal", database.path != ":memory:" {
                    mode = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
                if mode == "wal" { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
                try? db.execute(
                    sql: """
                        PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000; PRAGMA busy_timeout = 0;
                        PRAGMA mmap_size = \(QanunDatabase.mmapSize);
                        INSERT INTO article_fts(article_fts, rank) VALUES('automerge', 4);
                        """)
                _ = try? db.checkpoint(.truncate)
            }
        }
        let pipe = Pipeline<(String, Result<PreparedAct, ReadError>)>(capacity: 8)
        let reader = self.reader
        let worker = Thread {
            for path in paths {
                let source = Self.normalise(path)
                let item: Result<PreparedAct, ReadError>
                do {
                    let (act, hash) = try reader.read(path: path, source: source)
                    let prepared = PreparedAct(act, hash: hash)
                    if known[source] != "\(hash)/\(Self.parserVersion)" {
                        // the writer analyses what is left itself once it has nothing else to do
                        prepared.analyse(until: { pipe.consumerIsWaiting })
                    }
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
        // The open group, in order: each file's path, its result, and whether it was written in
        // the group's transaction (files that could not be read were not).
        var group: [(path: String, result: IngestResult, written: Bool)] = []
        var bytes = 0
        // input bytes not yet written: once the rest of the batch is small, the index is merged
        // into one segment while the worker still parses it (see `mergeAheadBytes`)
        let sizes = paths.map { path -> Int in
            var st = stat()
            return stat(path, &st) == 0 ? Int(st.st_size) : 0
        }
        var remaining = sizes.reduce(0, +)
        var mergedAhead = false
        func report(_ r: IngestResult) {
            results.append(r)
            progress(r)
        }
        database.writer.writeWithoutTransaction { db in
            /// Undoes the group and writes its files again one per transaction.
            func rollBackAndRetry() {
                try? db.rollback()
                group = group.map { g in (g.path, g.written ? retry(g.path, source: g.result.source, in: db) : g.result, false) }
            }
            func land() {
                if db.isInsideTransaction {
                    do { try db.commit() } catch { rollBackAndRetry() }
                }
                group.forEach { report($0.result) }
                group.removeAll()
                bytes = 0
            }
            for (path, size) in zip(paths, sizes) {
                let (source, item) = pipe.take()
                remaining -= size
                switch item {
                case .success(let prepared):
                    do {
                        if !db.isInsideTransaction { try db.beginTransaction(.immediate) }
                        let outcome = try Self.write(prepared, source: source, in: db)
                        group.append((path, IngestResult(source: source, outcome: outcome), true))
                        bytes += prepared.textBytes
                    } catch {
                        group.append((path, IngestResult(source: source, outcome: .unchanged), true))
                        rollBackAndRetry()
                        land()
                    }
                case .failure(let e):
                    group.append((path, IngestResult(source: source, outcome: .failed(e.description)), false))
                }
                if bytes >= Self.groupBytes {
                    land()
                    if !mergedAhead && remaining <= Self.mergeAheadBytes && remaining > 0 {
                        mergedAhead = true
                        try? db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES('optimize')")
                    }
                }
            }
            land()
            }
        qn_prepared_clear()
        return results
    }

    /// Article text written per commit during a batch (see `ingest(paths:progress:)`).
    /// 16 MB: FTS5 writes a group's terms as one segment at its commit, while the worker parses
    /// the next files. Measured on ../shared/corpus-real (`qanun ingest` of a fresh database, interleaved runs,
    /// 9 rounds): 8 MB groups 2.72 s median, 16 MB 2.46 s; 4 MB and 2 MB were slower still
    /// (3.1 s: more segments to merge). Larger groups leave a longer commit at the end of the batch.
    static let groupBytes = 16 << 20

    /// When no more than this much input is left to write, the index is merged into one segment
    /// (FTS5 'optimize') while the worker parses the rest. The batch then ends with that segment
    /// plus one or two small ones, and `QanunDatabase.optimizeIfFragmented()` has nothing to do,
    /// instead of rewriting the whole index after the last file with both cores but one idle
    /// (0.35-0.5 s of 3 s on ../shared/corpus-real).
    static let mergeAheadBytes = 20 << 20

    /// Writes one file of a rolled-back group again, on its own and in its own transaction,
    /// re-reading it (the group's parsed acts are not kept).
    private func retry(_ path: String, source: String, in db: Database) -> IngestResult {
        do {
            let (act, hash) = try reader.read(path: path, source: source)
            let prepared = PreparedAct(act, hash: hash)
            var outcome = IngestOutcome.unchanged
            try db.inTransaction(.immediate) {
                outcome = try Self.write(prepared, source: source, in: db)
                return .commit
            }
            return IngestResult(source: source, outcome: outcome)
        } catch let error as ReadError {
            return IngestResult(source: source, outcome: .failed(error.description))
        } catch {
            return IngestResult(source: source, outcome: .failed("database error: \(error)"))
        }
    }

    /// Writes one parsed act in its own transaction: skipped when unchanged, replaced atomically
    /// when changed.
    func store(_ prepared: PreparedAct, source: String) -> IngestResult {
        do {
            let outcome = try database.writer.write { db in try Self.write(prepared, source: source, in: db) }
            return IngestResult(source: source, outcome: outcome)
        } catch {
            return IngestResult(source: source, outcome: .failed("database error: \(error)"))
        }
    }

    /// Writes one parsed act inside the caller's transaction.
    static func write(_ prepared: PreparedAct, source: String, in db: Database) throws -> IngestOutcome {
        let act = prepared.act, hash = prepared.hash
        let existing = try Row.fetchOne(
            db, sql: "SELECT id, sha256, parser_version FROM acts WHERE source = ?", arguments: [source])
        if let existing, existing["sha256"] == hash, existing["parser_version"] == Self.parserVersion {
            return .unchanged
        }
        if let id: Int64 = existing?["id"] { try Self.delete(actID: id, in: db) }
        try Self.insert(prepared, in: db)
        return existing == nil ? .added(articles: act.articles.count) : .replaced(articles: act.articles.count)
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
            try index.execute(arguments: [db.lastInsertedRowID, row.indexHeading, row.indexBody])
        }
    }
}

/// A bounded hand-over between the parsing worker and the writing thread.
final class Pipeline<T>: @unchecked Sendable {
    private var items: [T] = []
    private let capacity: Int
    private let cond = NSCondition()

    init(capacity: Int) { self.capacity = capacity }

    private var waiting = false

    /// The consumer is blocked in `take()`, waiting for the next item.
    var consumerIsWaiting: Bool {
        cond.lock()
        defer { cond.unlock() }
        return waiting
    }

    func put(_ item: T) {
        cond.lock()
        while items.count >= capacity { cond.wait() }
        items.append(item)
        cond.broadcast()
        cond.unlock()
    }

    func take() -> T {
        cond.lock()
        while items.isEmpty {
            waiting = true
            cond.wait()
        }
        waiting = false
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

    static let cueScalars: [[UInt32]] = cues.map { $0.unicodeScalars.map { simpleLowercase($0.value) } }

    /// A word of the heading starts with a cue (`anlayışı`, `Понятие`, `Definitions`).
    /// Runs for every article ingested, so it compares code points lower-cased by `simpleLowercase`
    /// instead of lower-casing and splitting the heading as Strings.
    static func isDefinitional(_ heading: String) -> Bool {
        let scalars = heading.unicodeScalars.map { simpleLowercase($0.value) }
        var previousIsLetter = false
        for (i, s) in scalars.enumerated() {
            let isLetter = Unicode.Scalar(s)?.properties.isAlphabetic ?? false
            if isLetter && !previousIsLetter {
                for cue in cueScalars where i + cue.count <= scalars.count && scalars[i] == cue[0] {
                    if scalars[i..<i + cue.count].elementsEqual(cue) { return true }
                }
            }
            previousIsLetter = isLetter
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
        /// What the index reads for the article: its values in the `article_text` view (language
        /// marker, number and heading; marker and body).
        var indexHeading: String
        var indexBody: String
    }

    var act: Act
    var hash: String
    var rows: [Row]
    var ingestedAt: String
    /// UTF-8 bytes of the article texts (what a commit group counts).
    var textBytes: Int { rows.reduce(0) { $0 + $1.body.utf8.count } }

    init(_ act: Act, hash: String) {
        self.act = act
        self.hash = hash
        let marker = "\u{1}\(act.language.rawValue)\u{1}"
        rows = act.articles.map { a in
            let body = a.text
            return Row(
                body: body, parts: PartsCodec.encode(a.parts, body: body),
                definitional: DefinitionHeadings.isDefinitional(a.heading),
                indexHeading: marker + a.number + " " + a.heading, indexBody: marker + body)
        }
        ingestedAt = ISO8601DateFormatter().string(from: Date())
    }

    /// Analyses the article texts ahead of the index (exactly as the `article_text` view will hand
    /// them to the tokenizer), so that writing them costs only the index work.
    ///
    /// Balancing: `until` is asked before each article; once it says yes, the rest is left to the
    /// tokenizer on the writing thread (a text never prepared is analysed there, with the same
    /// result), so neither core idles while the other has work.
    func analyse(until stop: () -> Bool = { false }) {
        for row in rows {
            if stop() { return }
            for text in [row.indexHeading, row.indexBody] {
                var t = text
                t.withUTF8 { buf in
                    buf.withMemoryRebound(to: CChar.self) { p in _ = qn_prepare_document(p.baseAddress, Int32(p.count)) }
                }
            }
        }
    }
}

import CQanunAnalysis
import Foundation
import GRDB
import QanunCore

/// The SQLite store: acts, articles, and the FTS5 index over articles (tokenizer `qanun`).
///
/// Language per row: SQLite 3.40's tokenizer API gives a tokenizer no per-row language, so the
/// view the index reads from prefixes each value with an in-band marker (`\u{1}az\u{1}`) that the
/// tokenizer reads and strips. One table, one BM25 ranking across all three languages.
/// The heading column also carries the article number, so `27-1` finds article 27-1.
public final class QanunDatabase: Sendable {
    public let writer: DatabaseQueue
    public let path: String
    /// Bytes of the database file that searches read through a memory map.
    static let mmapSize = 1 << 30

    /// Opens (creating if needed) the database at `path`, migrating and rebuilding the index if it
    /// was built by another version of the analysis.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        Analyzer.prepare()
        config.prepareDatabase { db in
            let rc = qn_register_fts5_tokenizer(UnsafeMutableRawPointer(db.sqliteConnection))
            if rc != 0 {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "cannot register the qanun tokenizer")
            }
            // WAL with synchronous=NORMAL: a commit is not synced until the next checkpoint, so a
            // power cut may lose the last files ingested, never corrupt the database (a rerun re-adds them)
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Searches read index pages through a memory map instead of a read() copy per page
            // (writes still go through the WAL).
            try db.execute(sql: "PRAGMA mmap_size = \(QanunDatabase.mmapSize)")
        }
        config.journalMode = .wal
        if path == ":memory:" {
            writer = try DatabaseQueue(configuration: config)
        } else {
            writer = try DatabaseQueue(path: path, configuration: config)
        }
        try Self.migrator.migrate(writer)
        try rebuildIfAnalysisChanged()
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE acts(
                        id INTEGER PRIMARY KEY,
                        source TEXT NOT NULL UNIQUE,
                        title TEXT NOT NULL,
                        number TEXT, date TEXT, type TEXT, status TEXT,
                        lang TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        parser_version INTEGER NOT NULL,
                        preamble TEXT NOT NULL,
                        notes TEXT NOT NULL,
                        ingested_at TEXT NOT NULL);
                    CREATE TABLE articles(
                        id INTEGER PRIMARY KEY,
                        act_id INTEGER NOT NULL REFERENCES acts(id) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL,
                        eid TEXT NOT NULL,
                        number TEXT NOT NULL,
                        heading TEXT NOT NULL,
                        body TEXT NOT NULL,
                        lang TEXT NOT NULL,
                        repealed INTEGER NOT NULL,
                        chapter TEXT,
                        section TEXT,
                        parts TEXT NOT NULL);
                    CREATE INDEX articles_act ON articles(act_id, ordinal);
                    CREATE VIEW article_text AS
                        SELECT id, char(1) || lang || char(1) || number || ' ' || heading AS heading,
                               char(1) || lang || char(1) || body AS body
                        FROM articles;
                    CREATE VIRTUAL TABLE article_fts USING fts5(
                        heading, body, content='article_text', content_rowid='id', tokenize='qanun');
                    """)
            try db.execute(
                sql: "INSERT INTO meta(key, value) VALUES('analysis_version', ?)", arguments: [Analyzer.version])
        }
        m.registerMigration("v2: definitional articles") { db in
            // set at ingest from the heading (Resources/definition-headings.txt); acts ingested
            // before have 0 until re-ingested (the parser version changed with it)
            try db.execute(sql: "ALTER TABLE articles ADD COLUMN definitional INTEGER NOT NULL DEFAULT 0")
        }
        m.registerMigration("v3: bulk-write settings of the index") { db in
            // A 32 MB term buffer (default 1 MB): a commit group's postings become one segment
            // instead of many (batches also turn automerge off while they run, `Ingestor`).
            try db.execute(sql: "INSERT INTO article_fts(article_fts, rank) VALUES('hashsize', 33554432)")
        }
        return m
    }

    private func rebuildIfAnalysisChanged() throws {
        try writer.write { db in
            let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'analysis_version'")
            guard stored != Analyzer.version else { return }
            try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES('rebuild')")
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta(key, value) VALUES('analysis_version', ?)",
                arguments: [Analyzer.version])
        }
    }

    /// Runs `block` on one snapshot of the database (a deferred transaction, rolled back if the
    /// block throws). For reads on paths that run often (searches, checks), instead of
    /// `writer.read`: GRDB's `read` turns `PRAGMA query_only` on and off, and SQLite expires every
    /// prepared statement of the connection whenever a flag pragma is set, so each search prepared
    /// its own statements and FTS5's internal ones again (15% of a search with snippets). Nothing
    /// enforces read-only here: a write in `block` would commit. Not reentrant, like `read`.
    public func snapshot<T>(_ block: (Database) throws -> T) throws -> T {
        try writer.unsafeRead { db in
            var result: T?
            try db.inTransaction(.deferred) {
                result = try block(db)
                return .commit
            }
            guard let result else { throw DatabaseError(message: "the read did not complete") }
            return result
        }
    }

    /// Merges the FTS5 index segments (after a bulk load, queries get faster).
    public func optimize() throws {
        try writer.write { db in try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES('optimize')") }
    }

    /// Merges the index segments when there are more than `maxSegments`. Each segment costs every
    /// query term a lookup: one large segment and two small ones (what a batch leaves) cost the
    /// ranking 15-25% against one, measured with `qanun-bench qanun-query` (README, Performance).
    /// Returns whether it merged.
    @discardableResult
    public func optimizeIfFragmented(maxSegments: Int = 3) throws -> Bool {
        try writer.write { db in
            if let n = try Self.segmentCount(db), n <= maxSegments { return false }
            try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES('optimize')")
            return true
        }
    }

    /// The number of FTS5 segments, from the index's structure record (FTS5's format: a 4-byte
    /// cookie, then varints: levels, segments, ...). Nil when the record cannot be read.
    package static func segmentCount(_ db: Database) throws -> Int? {
        guard let block = try Data.fetchOne(db, sql: "SELECT block FROM article_fts_data WHERE id = 10") else {
            return 0
        }
        let bytes = [UInt8](block)
        var i = 4
        // newer FTS5 versions write a structure-version marker after the cookie
        if bytes.count >= 8, bytes[4] == 0xFF, bytes[5] == 0, bytes[6] == 0, bytes[7] == 1 { i = 8 }
        func varint() -> Int? {
            var v = 0
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                v = (v << 7) | Int(b & 0x7F)
                if b & 0x80 == 0 { return v }
                if i > 13 { return nil }
            }
            return nil
        }
        guard varint() != nil, let segments = varint() else { return nil }
        return segments
    }

    /// Checks the FTS5 index against its content (used by tests and `qanun stats --check`).
    public func integrityCheck() throws {
        try writer.write { db in
            let result = try String.fetchOne(db, sql: "PRAGMA integrity_check")
            if result != "ok" { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: result) }
            try db.execute(sql: "INSERT INTO article_fts(article_fts, rank) VALUES('integrity-check', 1)")
        }
    }
}

import CQanunAnalysis
import Foundation
import GRDB
import QanunCore

/// One matching article. JSON field names are a contract other tools read: keep them.
public struct SearchHit: Codable, Sendable, Equatable {
    /// The path the act was ingested from.
    public var source: String
    /// The act's title.
    public var act: String
    public var lang: String
    /// The article number as printed (`27-1`, `15.1`).
    public var article: String
    public var heading: String
    public var repealed: Bool
    /// Higher is better (negated BM25).
    public var score: Double
    /// An HTML fragment: the best passage, matches in `<mark>`, other text HTML-escaped.
    public var snippet: String
    public var eid: String
    public var chapter: String?
}

public struct SearchOptions: Sendable {
    public var languages: Set<Language>?
    public var limit: Int
    /// Expand words that name a concept into its terms in every language (nil: no expansion).
    public var termBase: TermBase?
    public init(languages: Set<Language>? = nil, limit: Int = 10, termBase: TermBase? = nil) {
        self.languages = languages
        self.limit = limit
        self.termBase = termBase
    }
}

/// Hits, and what the query was expanded into (empty without a term base).
public struct SearchResult: Sendable {
    public var hits: [SearchHit]
    public var expanded: [Expansion]
}

/// Article-level search over the FTS5 index, best first. One ranking across languages: all
/// articles live in one FTS5 table, so BM25 statistics are shared.
public struct Searcher {
    public var database: QanunDatabase
    /// Column weights for BM25: a match in the heading counts more than one in the body.
    /// 6 measured best of 3, 6 and 10 on `qanun eval search` (README, "Search quality").
    public static let headingWeight = 6.0
    /// Articles that define a concept (`Понятие …`, `… anlayışı`, `Definitions`) score this much
    /// more: a lawyer searching a concept wants its definition first.
    public static let definitionBoost = 1.3

    public init(database: QanunDatabase) { self.database = database }

    public func search(_ input: String, options: SearchOptions = SearchOptions()) throws -> [SearchHit] {
        try searchExpanded(input, options: options).hits
    }

    /// Parses `input`, expands it through the term base when `options` has one, and searches.
    public func searchExpanded(_ input: String, options: SearchOptions = SearchOptions()) throws -> SearchResult {
        var query = try QueryParser().parse(input)
        var expanded: [Expansion] = []
        if let tb = options.termBase { (query, expanded) = QueryExpander(termBase: tb).expand(query) }
        return SearchResult(hits: try search(query, options: options), expanded: expanded)
    }

    /// The ranking step alone: the ids and ranks (lower is better) of the best `options.limit`
    /// articles, no snippets or citations. What the benchmark compares with other engines' top-10.
    /// `throughFTS5`: rank with `ORDER BY qanun_rank(...)` over FTS5's matches instead of reading
    /// the segments (`qanun-bench --mode verify` and the tests hold the two to the same answers).
    public func rankedIDs(_ query: Query, options: SearchOptions, throughFTS5: Bool = false) throws -> [(id: Int64, rank: Double)] {
        // one statement is its own snapshot: `read` would add a transaction and query_only pragmas
        // around it, and the pragmas expire every prepared statement (see `QanunDatabase.snapshot`)
        if throughFTS5 {
            let plan = try query.fts5Match()
            return try database.writer.unsafeRead { db in try Self.rankInSQL(db, plan, options: options) }
        }
        // the segments need no FTS5 expression: it is built only if the search falls back
        let plan = try query.fts5Match(expression: false)
        return try database.writer.unsafeRead { db in try Self.rank(db, plan, options: options) { try query.fts5Match() } }
    }

    /// Hits up to which the snippet statement binds the ids (and is prepared once per count).
    static let boundSnippetRows = 100

    /// The best `options.limit` articles of the MATCH, best first, ties by id.
    ///
    /// `qanun_search` (topk.c) reads each phrase's postings from FTS5's segments (segments.c),
    /// evaluates the query over those lists and scores only what matches: FTS5 itself has no
    /// top-k pruning, and `ORDER BY
    /// qanun_rank(...) LIMIT k` pushes every match through FTS5's expression tree, SQLite's row
    /// machinery and its sorter. Both compute the same BM25F (`qanun_rank` stays as the fallback,
    /// for when the row facts cannot be loaded, and the tests hold the two to the same answers).
    static func rank(
        _ db: Database, _ fts: MatchPlan, options: SearchOptions, fullPlan: (() throws -> MatchPlan)? = nil
    ) throws -> [(id: Int64, rank: Double)] {
        guard options.limit > 0 else { return [] }
        var mask: Int32 = 0
        for l in options.languages ?? [] {
            switch l {
            case .az: mask |= 1
            case .ru: mask |= 2
            case .en: mask |= 4
            }
        }
        // through FTS5 when the search cannot be answered from the segments exactly (topk.c says
        // when); the expression is built then if the plan was made without it
        func fallback() throws -> [(id: Int64, rank: Double)] {
            let plan = fts.expression.isEmpty ? try fullPlan?() ?? fts : fts
            return try rankInSQL(db, plan, options: options)
        }
        guard let phrases = fts.phrases else { return try fallback() }
        let statement = try db.cachedStatement(sql: searchSQL)
        var out: UnsafeMutableRawPointer?
        var n: Int32 = 0
        let rc = fts.groups.withCString { g in
            fts.program.withCString { p in
                phrases.withCString { ph in
                    qn_search_run(
                        UnsafeMutableRawPointer(statement.sqliteStatement), g, p, ph, Int32(clamping: options.limit), mask,
                        &out, &n)
                }
            }
        }
        defer { free(out) }
        switch rc {
        case 1: return Self.decodeRanked(UnsafeRawBufferPointer(start: out, count: Int(n)))
        case -1:
            // an error: run it through GRDB, which reports it as a DatabaseError
            guard let blob = try Data.fetchOne(statement, arguments: [fts.groups, fts.program, phrases, options.limit, mask])
            else { return try fallback() }
            return blob.withUnsafeBytes { Self.decodeRanked($0) }
        default:
            // NULL (the segments cannot answer exactly), or no row (no FTS5 version in the config)
            return try fallback()
        }
    }

    /// (int64 id, double rank) pairs as `qanun_search` lays them out, in this machine's byte order.
    static func decodeRanked(_ raw: UnsafeRawBufferPointer) -> [(id: Int64, rank: Double)] {
        let stride = MemoryLayout<Int64>.size + MemoryLayout<Double>.size
        return (0..<raw.count / stride).map { i in
            (raw.loadUnaligned(fromByteOffset: i * stride, as: Int64.self),
             raw.loadUnaligned(fromByteOffset: i * stride + 8, as: Double.self))
        }
    }

    /// The FROM clause is there to start the read transaction before `qanun_search` runs: a
    /// SELECT without a table reads nothing, and the function would check the data version (and
    /// read the segments) of whatever transaction came last.
    private static let searchSQL = """
        SELECT qanun_search(?, ?, ?, ?, \(headingWeight), 1.0, \(definitionBoost), ?)
        FROM article_fts_config WHERE k = 'version'
        """

    /// Written once: formatting the two Doubles on every search showed in the profile.
    private static let rankCall = "qanun_rank(article_fts, ?, \(headingWeight), 1.0, \(definitionBoost))"

    /// BM25F over every match through SQL (headings weighted, phrase groups counted once,
    /// definitions boosted inside `qanun_rank`, rank.c), best `limit` first, ties by id. Without a
    /// language filter the index alone answers; with one, each match is joined to `articles`.
    static func rankInSQL(
        _ db: Database, _ fts: MatchPlan, options: SearchOptions
    ) throws -> [(id: Int64, rank: Double)] {
        let (sql, args) = rankingSQL(fts, options: options)
        // a cursor reads each row in place (fetchAll copies every row into a dictionary first)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(args))
        var out: [(id: Int64, rank: Double)] = []
        out.reserveCapacity(min(options.limit, 1024))
        while let row = try rows.next() { out.append((row[0], row[1])) }
        return out
    }

    private static func rankingSQL(
        _ fts: MatchPlan, options: SearchOptions
    ) -> (String, [DatabaseValueConvertible]) {
        let rank = Self.rankCall
        guard let langs = options.languages, !langs.isEmpty else {
            return (
                "SELECT rowid AS id, \(rank) AS rank FROM article_fts WHERE article_fts MATCH ? ORDER BY rank, id LIMIT ?",
                [fts.groups, fts.expression, options.limit]
            )
        }
        let sql = """
            SELECT a.id AS id, \(rank) AS rank
            FROM article_fts JOIN articles a ON a.id = article_fts.rowid
            WHERE article_fts MATCH ? AND a.lang IN (\(langs.map { _ in "?" }.joined(separator: ",")))
            ORDER BY rank, id LIMIT ?
            """
        return (sql, [fts.groups, fts.expression] + langs.sorted().map(\.rawValue) + [options.limit])
    }

    public func search(_ query: Query, options: SearchOptions) throws -> [SearchHit] {
        let fts = try query.fts5Match()
        let match = fts.expression
        // Rank first (BM25 over every match), then fetch citations and build snippets for the top
        // rows only: a snippet costs far more than a score, and broad stemmed queries match thousands.
        return try database.snapshot { db in
            let ranked = try Self.rank(db, fts, options: options)
            guard !ranked.isEmpty else { return [] }
            let ids = ranked.map(\.id)
            // Both statements are prepared once per number of ids up to `boundSnippetRows` (one
            // placeholder each); a longer list is written into the SQL (SQLite caps the variables).
            let bound = ids.count <= Self.boundSnippetRows
            let list = bound ? Array(repeating: "?", count: ids.count).joined(separator: ",") : ids.map(String.init).joined(separator: ",")
            func statement(_ sql: String) throws -> Statement {
                bound ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
            }
            let rowSQL = """
                SELECT acts.source, acts.title, a.lang, a.number, a.heading, a.repealed, a.eid, a.chapter, a.id
                FROM articles a JOIN acts ON acts.id = a.act_id WHERE a.id IN (\(list))
                """
            var rows: [Int64: Row] = [:]
            for row in try Row.fetchAll(statement(rowSQL), arguments: StatementArguments(bound ? ids : [])) {
                rows[row["id"]] = row
            }
            // One more pass of the same MATCH, restricted to the top rows, for their snippets. The
            // rowid range is what FTS5 sees: one MATCH walked from the lowest hit to the highest.
            // `rowid IN (...)` alone is an equality FTS5 takes, so SQLite ran the MATCH once per id
            // (ten set-ups, a prefix's merge ten times); the `+` keeps the list a plain filter.
            // (Search with snippets 1.28 -> 1.03 ms median, p99 8.5 -> 5.0 ms, same output.)
            let snippetSQL = """
                SELECT rowid, snippet(article_fts, 1, char(2), char(3), '…', 24) AS snip FROM article_fts
                WHERE article_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (\(list))
                """
            let range: [DatabaseValueConvertible] = [match, ids.min()!, ids.max()!]
            var snippets: [Int64: String] = [:]
            for r in try Row.fetchAll(statement(snippetSQL), arguments: StatementArguments(bound ? range + ids : range)) {
                snippets[r["rowid"]] = r["snip"]
            }
            return ranked.compactMap { hit in
                guard let row = rows[hit.id] else { return nil }
                return SearchHit(
                    source: row["source"], act: row["title"], lang: row["lang"], article: row["number"],
                    heading: row["heading"], repealed: row["repealed"], score: -hit.rank,
                    snippet: Self.htmlSnippet(snippets[hit.id] ?? ""), eid: row["eid"], chapter: row["chapter"])
            }
        }
    }

    /// Turns FTS5's snippet (matches between \u{2} and \u{3}, language marker possibly included)
    /// into an HTML fragment.
    static func htmlSnippet(_ raw: String) -> String {
        // by code points (a `switch` over Characters compares Strings: it was 13% of a search)
        var out = String.UnicodeScalarView()
        var skipMarker = false
        var markerLen = 0
        func append(_ s: String) { out.append(contentsOf: s.unicodeScalars) }
        for ch in raw.unicodeScalars {
            if skipMarker {
                markerLen += 1
                if ch.value == 0x01 || markerLen > 3 { skipMarker = false }
                continue
            }
            switch ch.value {
            case 0x01: skipMarker = true; markerLen = 0
            case 0x02: append("<mark>")
            case 0x03: append("</mark>")
            case 0x26: append("&amp;")
            case 0x3C: append("&lt;")
            case 0x3E: append("&gt;")
            case 0x0A: out.append(" ")
            default: out.append(ch)
            }
        }
        return String(out).trimmedSpaces()
    }
}

/// Counts per act for `qanun stats`.
public struct ActStats: Codable, Sendable, Equatable {
    public var source: String
    public var title: String
    public var lang: String
    /// Articles including repealed ones.
    public var articles: Int
    public var repealed: Int
}

extension QanunDatabase {
    public func stats() throws -> [ActStats] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT acts.source, acts.title, acts.lang, COUNT(a.id) AS n, COALESCE(SUM(a.repealed), 0) AS r
                    FROM acts LEFT JOIN articles a ON a.act_id = acts.id
                    GROUP BY acts.id ORDER BY acts.lang, acts.source
                    """
            ).map {
                ActStats(source: $0["source"], title: $0["title"], lang: $0["lang"], articles: $0["n"], repealed: $0["r"])
            }
        }
    }
}

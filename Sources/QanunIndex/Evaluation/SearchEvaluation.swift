import Foundation
import GRDB
import QanunCore

/// Search quality on a judged query set: recall@10 and MRR for Qanun with and without
/// term-base expansion, and for SQLite FTS5 `unicode61 remove_diacritics 2` over the same
/// articles as the baseline.
public struct SearchEvaluation {
    /// One judged query (`data/search-eval.json`).
    public struct Judged: Codable, Sendable {
        public var id: String
        public var query: String
        /// az, ru, en, az-ascii, inflected, number, or a direction such as en-az.
        public var kind: String
        /// The languages the result list is restricted to (the target language).
        public var langs: [String]
        public var relevant: [Relevant]
        public var note: String?
    }

    public struct Relevant: Codable, Sendable, Hashable {
        /// Path relative to the corpus root (`az/az_law_personal_data_2010.txt`).
        public var source: String
        public var article: String
    }

    struct SetFile: Codable { var queries: [Judged] }

    /// Recall@10 and reciprocal rank of one engine on one query.
    public struct Outcome: Sendable {
        public var recall: Double
        public var reciprocalRank: Double
    }

    public enum Engine: String, CaseIterable, Sendable { case unicode61, qanunNoExpand, qanun }

    public var queries: [Judged]
    public let database: QanunDatabase
    public let termBase: TermBase
    private let baseline: DatabaseQueue

    /// Loads the set and builds the baseline index from the articles already in `database`.
    public init(setJSON: Data, database: QanunDatabase, termBase: TermBase) throws {
        queries = try JSONDecoder().decode(SetFile.self, from: setJSON).queries
        self.database = database
        self.termBase = termBase
        baseline = try DatabaseQueue()
        let rows = try database.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, acts.source, a.number, a.heading, a.body, a.lang FROM articles a
                    JOIN acts ON acts.id = a.act_id
                    """)
        }
        try baseline.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE art(id INTEGER PRIMARY KEY, source TEXT, number TEXT, lang TEXT);
                    CREATE VIRTUAL TABLE fts USING fts5(heading, body, tokenize='unicode61 remove_diacritics 2');
                    """)
            for r in rows {
                let id: Int64 = r["id"]
                try db.execute(
                    sql: "INSERT INTO art VALUES(?, ?, ?, ?)",
                    arguments: [id, r["source"] as String, r["number"] as String, r["lang"] as String])
                try db.execute(
                    sql: "INSERT INTO fts(rowid, heading, body) VALUES(?, ?, ?)",
                    arguments: [id, (r["number"] as String) + " " + (r["heading"] as String), r["body"] as String])
            }
        }
    }

    /// Relevant articles that are not in the database (a stale set or a parser change).
    public func missing() throws -> [String] {
        let have: Set<String> = try database.writer.read { db in
            Set(
                try Row.fetchAll(db, sql: "SELECT acts.source, a.number FROM articles a JOIN acts ON acts.id = a.act_id")
                    .map { Self.key($0["source"], $0["number"]) })
        }
        return queries.flatMap { q in
            q.relevant.filter { r in !have.contains(where: { $0.hasSuffix("/" + Self.key(r.source, r.article)) || $0 == Self.key(r.source, r.article) }) }
                .map { "\(q.id): \($0.source) \($0.article)" }
        }
    }

    static func key(_ source: String, _ article: String) -> String { source + "#" + article }

    /// The top-10 (source, article) keys an engine returns for a query.
    public func top10(_ q: Judged, engine: Engine) throws -> [String] {
        let langs = Set(q.langs.compactMap(Language.init(code:)))
        switch engine {
        case .qanun, .qanunNoExpand:
            let opts = SearchOptions(languages: langs, limit: 10, termBase: engine == .qanun ? termBase : nil)
            return try Searcher(database: database).searchExpanded(q.query, options: opts).hits
                .map { Self.key($0.source, $0.article) }
        case .unicode61:
            // the words as typed, all required (FTS5's implicit AND), each quoted
            let words = q.query.split(whereSeparator: { $0.isWhitespace }).map {
                "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            let langList = q.langs.map { "'\($0)'" }.joined(separator: ",")
            return try baseline.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT art.source, art.number FROM fts JOIN art ON art.id = fts.rowid
                        WHERE fts MATCH ? AND art.lang IN (\(langList))
                        ORDER BY bm25(fts, \(Searcher.headingWeight), 1.0) LIMIT 10
                        """, arguments: [words.joined(separator: " ")]
                ).map { Self.key($0["source"], $0["number"]) }
            }
        }
    }

    /// Recall@10 and reciprocal rank of `engine` on `q`.
    public func outcome(_ q: Judged, engine: Engine) throws -> Outcome {
        let hits = try top10(q, engine: engine)
        let wanted = Set(q.relevant.map { Self.key($0.source, $0.article) })
        func isRelevant(_ h: String) -> Bool { wanted.contains { h == $0 || h.hasSuffix("/" + $0) } }
        let found = wanted.filter { w in hits.contains { $0 == w || $0.hasSuffix("/" + w) } }.count
        let first = hits.firstIndex(where: isRelevant)
        return Outcome(
            recall: wanted.isEmpty ? 0 : Double(found) / Double(wanted.count),
            reciprocalRank: first.map { 1.0 / Double($0 + 1) } ?? 0)
    }

    /// Mean recall@10 and MRR per group of query kinds and engine.
    public struct GroupScore: Codable, Sendable {
        public var group: String
        public var queries: Int
        public var recall: [String: Double]
        public var mrr: [String: Double]
    }

    public func table() throws -> [GroupScore] {
        var outcomes: [String: [Engine: Outcome]] = [:]
        for q in queries {
            var o: [Engine: Outcome] = [:]
            for e in Engine.allCases { o[e] = try outcome(q, engine: e) }
            outcomes[q.id] = o
        }
        let directions = ["en-az", "ru-az", "az-ru", "az-en", "en-ru", "ru-en"]
        let named: [(String, String)] = [
            ("az", "az"), ("ru", "ru"), ("en", "en"), ("az typed without its letters", "az-ascii"),
            ("inflected forms", "inflected"), ("act and article numbers", "number"),
        ]
        var groups: [(String, (Judged) -> Bool)] = named.map { name, kind in (name, { (q: Judged) in q.kind == kind }) }
        for d in directions { groups.append(("cross-language \(d)", { (q: Judged) in q.kind == d })) }
        groups.append(("cross-language, all", { (q: Judged) in directions.contains(q.kind) }))
        groups.append(("all queries", { (_: Judged) in true }))
        return groups.compactMap { name, filter in
            let qs = queries.filter(filter)
            guard !qs.isEmpty else { return nil }
            var recall: [String: Double] = [:], mrr: [String: Double] = [:]
            for e in Engine.allCases {
                recall[e.rawValue] = qs.map { outcomes[$0.id]![e]!.recall }.reduce(0, +) / Double(qs.count)
                mrr[e.rawValue] = qs.map { outcomes[$0.id]![e]!.reciprocalRank }.reduce(0, +) / Double(qs.count)
            }
            return GroupScore(group: name, queries: qs.count, recall: recall, mrr: mrr)
        }
    }
}

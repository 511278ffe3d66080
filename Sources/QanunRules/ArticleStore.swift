import Foundation
import GRDB
import QanunCore
import QanunIndex

/// The database side of a check: acts, and the articles that may match a condition. The full
/// index narrows the candidates (a superset of what the condition can match: its words, exact
/// or stemmed, all present); the matcher then decides on the analysed text.
struct ArticleStore {
    let database: QanunDatabase

    /// nil when there is no database.
    init?(database: QanunDatabase?) throws {
        guard let database else { return nil }
        self.database = database
    }

    func acts() throws -> [(source: String, title: String)] {
        try database.snapshot { db in
            try Row.fetchAll(db, sql: "SELECT source, title FROM acts ORDER BY lang, source").map { ($0["source"], $0["title"]) }
        }
    }

    func articleCount() throws -> Int {
        try database.snapshot { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles WHERE repealed = 0") ?? 0 }
    }

    private static let columns = """
        SELECT acts.source, acts.title, a.lang, a.number, a.heading, a.body, a.repealed, a.eid
        FROM articles a JOIN acts ON acts.id = a.act_id
        """

    private static func article(_ r: Row) -> CheckedArticle {
        CheckedArticle(
            source: r["source"], act: r["title"], lang: Language(code: r["lang"]) ?? .en, number: r["number"],
            heading: r["heading"], body: r["body"], repealed: r["repealed"], eid: r["eid"])
    }

    func articles(of source: String) throws -> [CheckedArticle] {
        try database.snapshot { db in
            try Row.fetchAll(db, sql: Self.columns + " WHERE acts.source = ? AND a.repealed = 0 ORDER BY a.ordinal", arguments: [source])
                .map(Self.article)
        }
    }

    /// Non-repealed articles that may match `c` (of the act ingested from `source`, if given).
    func candidates(for c: Condition, source: String? = nil) throws -> [CheckedArticle] {
        try database.snapshot { db in
            let only = source == nil ? "" : " AND acts.source = ?"
            if let expr = Self.fts(c) {
                var args: [DatabaseValueConvertible] = [expr]
                if let source { args.append(source) }
                // (two shapes of statement, prepared once per connection)
                return try Row.fetchAll(
                    db.cachedStatement(
                        sql: Self.columns
                            + " JOIN article_fts ON article_fts.rowid = a.id WHERE article_fts MATCH ? AND a.repealed = 0" + only),
                    arguments: StatementArguments(args)
                ).map(Self.article)
            }
            return try Row.fetchAll(
                db.cachedStatement(sql: Self.columns + " WHERE a.repealed = 0" + only),
                arguments: StatementArguments(source.map { [$0] } ?? [])
            ).map(Self.article)
        }
    }

    /// An FTS5 expression every article matching `c` also matches, or nil when the index cannot
    /// narrow it (`not`, `regex`).
    static func fts(_ c: Condition) -> String? {
        switch c {
        case .phrase(let p): return phrase(p)
        case .concept(_, _, let terms):
            let parts = terms.compactMap(phrase)
            return parts.isEmpty ? nil : "(" + parts.joined(separator: " OR ") + ")"
        case .any(let items):
            let parts = items.map(fts)
            if parts.contains(where: { $0 == nil }) { return nil }
            return "(" + parts.compactMap { $0 }.joined(separator: " OR ") + ")"
        case .all(let items), .near(_, let items):
            let parts = items.compactMap(fts)
            return parts.isEmpty ? nil : "(" + parts.joined(separator: " AND ") + ")"
        case .not, .regex: return nil
        case .modified(let inner, _, _, _): return fts(inner)
        }
    }

    private static func phrase(_ p: PhrasePattern) -> String? {
        var words: [String] = []
        for raw in p.text.split(whereSeparator: { $0.isWhitespace }) {
            var w = String(raw)
            if w.hasSuffix("*") {
                while w.hasSuffix("*") { w.removeLast() }
                let folded = TermBase.foldAzerbaijani(w)
                words.append(folded == w ? "\(quote(w)) *" : "(\(quote(w)) * OR \(quote(folded)) *)")
            } else {
                words.append("(\(quote(w)) OR \(quote(Analyzer.stemsOnlyMarker + w)))")
            }
        }
        return words.isEmpty ? nil : "(" + words.joined(separator: " AND ") + ")"
    }

    private static func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

import Foundation
import GRDB
import Testing

@testable import QanunCore
@testable import QanunIndex

/// `qanun_search` (topk.c, segments.c) reads FTS5's segments itself; `ORDER BY qanun_rank` over
/// FTS5's matches is the reference. The two must give the same articles with the same scores,
/// on an index with several segments, re-ingested and removed acts (FTS5 deletion entries),
/// doclists and position lists that run over several pages.
@Suite struct SegmentSearchTests {
    /// The shipped corpus written act by act (a segment each, automerge off), plus an act whose
    /// one article repeats a word thousands of times (its position list spans pages), then
    /// changed and removed acts.
    static func fragmentedIndex() throws -> (Workspace, [String]) {
        let ws = try Workspace()
        try ws.db.writer.write { db in try db.execute(sql: "INSERT INTO article_fts(article_fts, rank) VALUES('automerge', 0)") }
        let corpus = repoRootForIndexTests.appendingPathComponent("corpus").path
        let files = Ingestor.expand([corpus])
        #expect(files.count > 10)
        for f in files { _ = Ingestor(database: ws.db).ingest(path: f) }
        let long = Array(repeating: "informasiya sistemi qanun", count: 6000).joined(separator: " ")
        let big = try ws.write(
            "acts/long.txt",
            "Uzun qanun haqqında\nMaddə 1. Məqsəd\n1.1. \(long).\nMaddə 2. Son\n2.1. Bu Qanun qüvvəyə minir.\n")
        _ = Ingestor(database: ws.db).ingest(path: big)
        // a changed act (its old rows become deletion entries in a newer segment), a removed one
        try ws.write("acts/az.txt", azAct)
        _ = Ingestor(database: ws.db).ingest(path: ws.dir.appendingPathComponent("acts/az.txt").path)
        try ws.write("acts/az.txt", azAct.replacingOccurrences(of: "Qanunun məqsədi", with: "Qanunun hədəfi"))
        _ = Ingestor(database: ws.db).ingest(path: ws.dir.appendingPathComponent("acts/az.txt").path)
        #expect(try Ingestor(database: ws.db).remove(source: files[1]))
        let segments = try ws.db.writer.read { try QanunDatabase.segmentCount($0) }
        #expect((segments ?? 0) > 1)
        // words of every language, frequent and rare
        let bodies = try ws.db.writer.read { db in try String.fetchAll(db, sql: "SELECT heading || ' ' || body FROM articles ORDER BY id") }
        var seen = Set<String>(), words: [String] = []
        for body in bodies {
            for w in body.split(whereSeparator: { !$0.isLetter }) where w.count >= 4 {
                let word = String(w).lowercased()
                if seen.insert(word).inserted { words.append(word) }
            }
        }
        return (ws, words)
    }

    static func compare(_ ws: Workspace, _ queries: [String], termBase: TermBase? = nil) throws -> (compared: Int, fast: Int) {
        let searcher = Searcher(database: ws.db)
        var compared = 0, fast = 0
        for text in queries {
            var query = try QueryParser().parse(text)
            if let termBase { query = QueryExpander(termBase: termBase).expand(query).0 }
            let plan = try query.fts5Match()
            if let phrases = plan.phrases {
                let answered = try ws.db.writer.read { db in
                    try Bool.fetchOne(
                        db, sql: "SELECT qanun_search(?, ?, ?, 10, 6.0, 1.0, 1.3, 0) IS NOT NULL FROM article_fts_config WHERE k = 'version'",
                        arguments: [plan.groups, plan.program, phrases])
                }
                if answered == true { fast += 1 }
            }
            for langs: Set<Language>? in [nil, [.az], [.ru, .en]] {
                for limit in [10, 1000] {
                    let options = SearchOptions(languages: langs, limit: limit)
                    let a = try searcher.rankedIDs(query, options: options)
                    let b = try searcher.rankedIDs(query, options: options, throughFTS5: true)
                    #expect(a.map(\.id) == b.map(\.id), "\(text) \(String(describing: langs)) \(limit)")
                    for (x, y) in zip(a, b) {
                        #expect(abs(x.rank - y.rank) <= 1e-9 * max(1, abs(y.rank)), "\(text)")
                    }
                    compared += 1
                }
            }
        }
        return (compared, fast)
    }

    @Test func segmentsAnswerAsFTS5Does() throws {
        let (ws, words) = try Self.fragmentedIndex()
        #expect(words.count > 500)
        // every 7th word alone, as a prefix, and in pairs with AND, OR and NOT
        let picked = stride(from: 0, to: words.count, by: 7).map { words[$0] }
        var queries: [String] = []
        for (i, w) in picked.enumerated() {
            queries.append(w)
            queries.append(String(w.prefix(4)) + "*")
            let other = picked[(i * 13 + 5) % picked.count]
            queries.append("\(w) \(other)")
            queries.append("\(w) OR \(other)")
            queries.append("\(w) -\(other)")
        }
        queries += ["informasiya", "informasiya sistemi", "qanun*", "maddə", "ferdi melumat", "qanunun hədəfi", "qanunun məqsədi"]
        let (compared, fast) = try Self.compare(ws, queries)
        #expect(compared == queries.count * 6)
        #expect(fast == queries.count, "\(fast) of \(queries.count) answered from the segments")
    }

    /// Quoted words and a concept's terms of several words are phrases of several positions:
    /// instances where every word follows the one before, in one column; a prefix on the last.
    @Test func phrasesOfSeveralWordsAgree() throws {
        let (ws, words) = try Self.fragmentedIndex()
        let bodies = try ws.db.writer.read { db in try String.fetchAll(db, sql: "SELECT body FROM articles ORDER BY id") }
        // word pairs and triples as they stand in the acts, and some that never stand together
        var queries: [String] = []
        for (i, body) in bodies.enumerated() where i % 5 == 0 {
            let w = body.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 3 }
            guard w.count >= 4 else { continue }
            queries.append("\"\(w[1]) \(w[2])\"")
            queries.append("\"\(w[0]) \(w[1]) \(w[2])\"")
            queries.append("\"\(w[3]) \(w[1])\"")
        }
        queries += ["27-1*", "998-IIIQ*", "e-government*", "\"informasiya sistemi qanun\"", "\"qanun informasiya\"", "\"\(words[3]) \(words[4])\" \(words[9])"]
        let (_, fast) = try Self.compare(ws, queries)
        #expect(fast == queries.count)
        let expanded = ["ferdi melumat", "персональные данные", "electronic document", "elektron sənəd", "dövlət sirri"]
        let (_, fastExpanded) = try Self.compare(ws, expanded, termBase: try TermBase.builtIn())
        #expect(fastExpanded == expanded.count)
    }

    /// A phrase scores in a row only where every AND and NOT above it matches there (FTS5 leaves
    /// the phrases of a branch that does not match positioned elsewhere): `a b OR c` in a row with
    /// `a` and `c` but no `b` scores `c` alone.
    @Test func branchesThatDoNotMatchDoNotScore() throws {
        let (ws, words) = try Self.fragmentedIndex()
        let picked = stride(from: 0, to: words.count, by: 11).map { words[$0] }
        var queries: [String] = ["informasiya qanun OR sistemi", "informasiya -sistemi OR qanun", "qanun informasiya OR qanun sistemi"]
        for (i, w) in picked.enumerated() {
            let b = picked[(i * 5 + 1) % picked.count], c = picked[(i * 3 + 2) % picked.count]
            queries.append("\(w) \(b) OR \(c)")
            queries.append("\(w) -\(b) OR \(c)")
            queries.append("\(c) OR \(w) \(b)")
        }
        let (_, fast) = try Self.compare(ws, queries)
        #expect(fast == queries.count)
    }

    /// The reader keeps the segment list, %_idx and leaf pages per connection: a merge, a removal
    /// or a new act made through the same connection, or through another, must be seen at once.
    @Test func changesAreSeenByTheNextSearch() throws {
        let (ws, _) = try Self.fragmentedIndex()
        let searcher = Searcher(database: ws.db)
        let queries = ["informasiya", "qanun*", "elektron sənəd", "\"informasiya sistemi\"", "персональных данных"]
        func same(_ label: String) throws {
            let fresh = Searcher(database: try QanunDatabase(path: ws.db.path))
            for q in queries {
                let parsed = try QueryParser().parse(q)
                let warm = try searcher.rankedIDs(parsed, options: SearchOptions(limit: 50))
                let cold = try fresh.rankedIDs(parsed, options: SearchOptions(limit: 50), throughFTS5: true)
                #expect(warm.map(\.id) == cold.map(\.id), "\(label): \(q)")
                #expect(warm.map(\.rank) == cold.map(\.rank), "\(label): \(q)")
            }
        }
        try same("before")
        // merged into one segment by this connection: old segments' pages are gone
        try ws.db.optimize()
        try same("after optimize")
        // a new act through another connection, then one removed through this one
        let path = try ws.write("acts/new.txt", "Yeni qanun\nMaddə 1. İnformasiya\n1.1. İnformasiya sistemi və elektron sənəd.\n")
        _ = Ingestor(database: try QanunDatabase(path: ws.db.path)).ingest(path: path)
        try same("after another connection's ingest")
        #expect(try Ingestor(database: ws.db).remove(source: path))
        try same("after removal")
    }

    @Test func aWriteTransactionIsRankedByFTS5() throws {
        let (ws, _) = try Self.fragmentedIndex()
        let plan = try QueryParser().parse("informasiya").fts5Match()
        try ws.db.writer.write { db in
            try db.execute(sql: "UPDATE articles SET heading = heading WHERE id = (SELECT min(id) FROM articles)")
            let blob = try Data.fetchOne(
                db, sql: "SELECT qanun_search(?, ?, ?, 10, 6.0, 1.0, 1.3, 0) FROM article_fts_config WHERE k = 'version'",
                arguments: [plan.groups, plan.program, plan.phrases!])
            #expect(blob == nil)
        }
    }
}

import Foundation
import GRDB
import QanunCore
import QanunIndex

/// Subcommands that `scripts/bench` calls so that Qanun and FTS5 `unicode61` are measured the same
/// way as the peer engines (Lucene, Xapian, Tantivy): the same article units (`units.jsonl`), the
/// same seeded queries (`queries.json`), latency timed in process after warm-up, one JSON object
/// on stdout.
///
///     qanun-bench fts5-index UNITS.jsonl DB      # the floor: unicode61 remove_diacritics 2
///     qanun-bench fts5-query DB QUERIES.json [--warmup N]
///     qanun-bench qanun-query DB QUERIES.json [--mode ids|search|breakdown|verify] [--expand] [--warmup N] [--best-of N]
///     qanun-bench verify-db DB [--every N]     # queries made from DB's own words, ranked both ways
///
/// `--warmup N` runs N queries (cycling the set) before timing, as the peers do.
enum Harness {
    static let commands: Set<String> = ["fts5-index", "fts5-query", "qanun-query", "verify-db"]

    struct BenchQuery: Decodable {
        /// term, and, phrase, prefix (the bench's kinds); raw: terms[0] is the query as typed
        var kind: String
        var lang: String
        var terms: [String]
    }

    static func run(_ args: [String]) throws {
        switch args.first {
        case "fts5-index":
            guard args.count == 3 else { usage() }
            try fts5Index(units: args[1], db: args[2])
        case "fts5-query":
            guard args.count >= 3 else { usage() }
            let queries = try load(args[2])
            let warmup = warmupCount(args, queries)
            let q = try DatabaseQueue(path: args[1])
            try q.read { db in
                let st = try db.makeStatement(sql: "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT 10")
                try report("fts5-unicode61", queries, warmup: warmup) { query in
                    try Row.fetchAll(st, arguments: [fts5(query)]).count
                }
            }
        case "verify-db":
            // (scripts/e2e runs it on the real corpus: the segment reader must stay exact on real
            // data, many pages and segments, after a crash and a resumed ingest)
            guard args.count >= 2 else { usage() }
            let every = args.firstIndex(of: "--every").flatMap { $0 + 1 < args.count ? Int(args[$0 + 1]) : nil } ?? 50
            let db = try QanunDatabase(path: args[1])
            let queries = try queriesFromWords(db, every: max(1, every))
            try verify(queries, db: db, searcher: Searcher(database: db), termBase: nil, exitOnDifference: false)
            try verify(Array(queries.prefix(200)), db: db, searcher: Searcher(database: db), termBase: try TermBase.builtIn())
        case "qanun-query":
            guard args.count >= 3 else { usage() }
            let queries = try load(args[2])
            let mode = args.firstIndex(of: "--mode").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil } ?? "ids"
            let expand = args.contains("--expand")
            let warmup = warmupCount(args, queries)
            let db = try QanunDatabase(path: args[1])
            let searcher = Searcher(database: db)
            if mode == "verify" {
                try verify(queries, db: db, searcher: searcher, termBase: expand ? try TermBase.builtIn() : nil)
                return
            }
            if mode == "breakdown" {
                try breakdown(queries, db: db, searcher: searcher)
                return
            }
            let options = SearchOptions(limit: 10, termBase: expand ? try TermBase.builtIn() : nil)
            let name = "qanun (\(mode == "ids" ? "top-10 ids" : "search with snippets")\(expand ? ", expanded" : ""))"
            let bestOf = args.firstIndex(of: "--best-of").flatMap { $0 + 1 < args.count ? Int(args[$0 + 1]) : nil } ?? 1
            try report(name, queries, warmup: warmup, bestOf: max(1, bestOf)) { query in
                let text = qanunSyntax(query)
                if mode == "ids" {
                    var parsed = try QueryParser().parse(text)
                    if let tb = options.termBase { parsed = QueryExpander(termBase: tb).expand(parsed).0 }
                    return try searcher.rankedIDs(parsed, options: options).count
                }
                return try searcher.searchExpanded(text, options: options).hits.count
            }
        default:
            usage()
        }
    }

    /// `--mode verify`: every query ranked both ways (segments read by `qanun_search`, and
    /// `ORDER BY qanun_rank` over FTS5's matches), with no language filter, with one and two
    /// languages, top 10 and top 100 (`--expand`: through the term base); prints each difference
    /// and exits 1 if there is any.
    static func verify(
        _ queries: [BenchQuery], db: QanunDatabase, searcher: Searcher, termBase: TermBase?, exitOnDifference: Bool = true
    ) throws {
        var checked = 0, differ = 0
        let filters: [Set<Language>?] = [nil, [.az], [.ru, .en]]
        for q in queries {
            var parsed = try QueryParser().parse(qanunSyntax(q))
            if let termBase { parsed = QueryExpander(termBase: termBase).expand(parsed).0 }
            for langs in filters {
                for limit in [10, 100] {
                    let options = SearchOptions(languages: langs, limit: limit)
                    let fast = try searcher.rankedIDs(parsed, options: options)
                    let slow = try searcher.rankedIDs(parsed, options: options, throughFTS5: true)
                    checked += 1
                    var same = fast.count == slow.count
                    for (a, b) in zip(fast, slow) where a.id != b.id || abs(a.rank - b.rank) > 1e-9 * max(1, abs(b.rank)) {
                        same = false
                    }
                    if !same {
                        differ += 1
                        print("DIFF \(qanunSyntax(q)) langs=\((langs ?? []).map(\Language.rawValue).sorted()) limit=\(limit)")
                        print("  segments: \(fast.prefix(5).map { "\($0.id):\($0.rank)" })")
                        print("  fts5:     \(slow.prefix(5).map { "\($0.id):\($0.rank)" })")
                    }
                }
            }
        }
        print("verify\(termBase == nil ? "" : " (expanded)"): \(queries.count) queries, \(checked) rankings compared, \(differ) differ")
        if differ > 0 { verifyFailed = true }
        if verifyFailed && exitOnDifference { exit(1) }
    }

    nonisolated(unsafe) static var verifyFailed = false

    /// Queries made from the database's own text: every `every`-th distinct word of four letters
    /// or more alone, as a prefix, with another word (AND, OR, NOT), with two others (`a b OR c`,
    /// `a -b OR c`), and two words as they stand (a phrase).
    static func queriesFromWords(_ db: QanunDatabase, every: Int) throws -> [BenchQuery] {
        let bodies = try db.writer.read { db in try String.fetchAll(db, sql: "SELECT heading || ' ' || body FROM articles ORDER BY id") }
        var seen = Set<String>(), words: [String] = [], pairs: [String] = []
        for body in bodies {
            let ws = body.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { String($0).lowercased() }
            for (i, w) in ws.enumerated() where w.count >= 4 && seen.insert(w).inserted {
                words.append(w)
                if i + 1 < ws.count, ws[i + 1].count >= 3 { pairs.append(w + " " + ws[i + 1]) }
            }
        }
        var out: [BenchQuery] = []
        let picked = stride(from: 0, to: words.count, by: every).map { words[$0] }
        for (i, w) in picked.enumerated() {
            let other = picked[(i * 7 + 3) % picked.count]
            out.append(BenchQuery(kind: "term", lang: "", terms: [w]))
            out.append(BenchQuery(kind: "prefix", lang: "", terms: [String(w.prefix(4))]))
            out.append(BenchQuery(kind: "and", lang: "", terms: [w, other]))
            out.append(BenchQuery(kind: "raw", lang: "", terms: ["\(w) OR \(other)"]))
            out.append(BenchQuery(kind: "raw", lang: "", terms: ["\(w) -\(other)"]))
            let third = picked[(i * 11 + 5) % picked.count]
            out.append(BenchQuery(kind: "raw", lang: "", terms: ["\(w) \(other) OR \(third)"]))
            out.append(BenchQuery(kind: "raw", lang: "", terms: ["\(w) -\(other) OR \(third)"]))
        }
        for p in stride(from: 0, to: pairs.count, by: every).map({ pairs[$0] }) {
            out.append(BenchQuery(kind: "phrase", lang: "", terms: p.split(separator: " ").map(String.init)))
        }
        return out
    }

    /// `--mode breakdown`: where a query's time goes, per query (tab-separated, to stdout): kind,
    /// matching articles, then microseconds (mean of 50 runs, after one) to parse it, to rank its
    /// top 10 (what the bench times), and to fetch its first 10 matches unranked; then the medians,
    /// with two floors of the same connection: `SELECT 1` and a one-word MATCH that finds nothing.
    static func breakdown(_ queries: [BenchQuery], db: QanunDatabase, searcher: Searcher) throws {
        func micros(_ f: () throws -> Void) rethrows -> Double {
            try f()
            let t0 = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<50 { try f() }
            return Double(DispatchTime.now().uptimeNanoseconds - t0) / 50e3
        }
        func first10(_ match: String) throws {
            _ = try db.writer.unsafeRead { d in
                try Row.fetchAll(d.cachedStatement(sql: "SELECT rowid FROM article_fts WHERE article_fts MATCH ? LIMIT 10"), arguments: [match])
            }
        }
        let options = SearchOptions(limit: 10)
        var rows: [[Double]] = []
        print("kind\tmatches\tparse_us\tranked_top10_us\tunranked_first10_us\tquery")
        for q in queries {
            let text = qanunSyntax(q)
            let parsed = try QueryParser().parse(text)
            let match = try parsed.fts5Match().expression
            let n = try db.writer.unsafeRead { d in
                try Int.fetchOne(d, sql: "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?", arguments: [match]) ?? 0
            }
            let parse = try micros { _ = try QueryParser().parse(text).fts5Match() }
            let ranked = try micros { _ = try searcher.rankedIDs(parsed, options: options) }
            let plain = try micros { try first10(match) }
            rows.append([Double(n), parse, ranked, plain])
            print("\(q.kind)\t\(n)\t\(String(format: "%.1f", parse))\t\(String(format: "%.1f", ranked))\t\(String(format: "%.1f", plain))\t\(text)")
        }
        let select1 = try micros { _ = try db.writer.unsafeRead { d in try Int.fetchOne(d.cachedStatement(sql: "SELECT 1")) } }
        let nothing = try micros { try first10("\"qqqqzzzq\"") }
        func median(_ k: Int) -> Double { rows.map { $0[k] }.sorted()[rows.count / 2] }
        guard !rows.isEmpty else { return }
        print(String(format: "# medians: %.0f matches, parse %.1f us, ranked top 10 %.1f us, unranked first 10 %.1f us; floors: SELECT 1 %.1f us, one-word MATCH finding nothing %.1f us", median(0), median(1), median(2), median(3), select1, nothing))
    }

    static func usage() -> Never {
        FileHandle.standardError.write(Data("usage: qanun-bench fts5-index UNITS DB | fts5-query DB QUERIES | qanun-query DB QUERIES [--mode ids|search|breakdown|verify] [--expand] [--warmup N] [--best-of N] | verify-db DB [--every N]\n".utf8))
        exit(2)
    }

    static func load(_ path: String) throws -> [BenchQuery] {
        try JSONDecoder().decode([BenchQuery].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// term → `"w"`, and → `"a" AND "b"`, phrase → `"a b"`, prefix → `"abc" *`.
    static func fts5(_ q: BenchQuery) -> String {
        func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        switch q.kind {
        case "phrase": return quote(q.terms.joined(separator: " "))
        case "prefix": return quote(q.terms[0].trimmingCharacters(in: CharacterSet(charactersIn: "*"))) + " *"
        default: return q.terms.map(quote).joined(separator: " AND ")
        }
    }

    /// The same queries in `qanun search` syntax.
    static func qanunSyntax(_ q: BenchQuery) -> String {
        switch q.kind {
        case "phrase": return "\"" + q.terms.joined(separator: " ") + "\""
        case "prefix": return q.terms[0].trimmingCharacters(in: CharacterSet(charactersIn: "*")) + "*"
        default: return q.terms.joined(separator: " ")
        }
    }

    static func warmupCount(_ args: [String], _ queries: [BenchQuery]) -> Int {
        args.firstIndex(of: "--warmup").flatMap { $0 + 1 < args.count ? Int(args[$0 + 1]) : nil } ?? 2 * queries.count
    }

    /// Runs `warmup` queries (cycling the set), then times each query once (or keeps its fastest
    /// of `bestOf` runs: `--best-of N`, for A/B comparisons of two builds on a noisy machine; the
    /// bench itself times each query once); prints the JSON report, overall and by kind of query.
    static func report(
        _ engine: String, _ queries: [BenchQuery], warmup: Int, bestOf: Int = 1, _ run: (BenchQuery) throws -> Int
    ) throws {
        for k in 0..<warmup where !queries.isEmpty { _ = try run(queries[k % queries.count]) }
        var runs: [(kind: String, ms: Double, hits: Int)] = []
        for q in queries {
            var best = Double.infinity, n = 0
            for _ in 0..<bestOf {
                let t0 = DispatchTime.now().uptimeNanoseconds
                n = try run(q)
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            }
            runs.append((q.kind, best, n))
        }
        func stats(_ rows: [(kind: String, ms: Double, hits: Int)]) -> [String: Any] {
            let ms = rows.map(\.ms).sorted()
            return [
                "queries": rows.count, "answered": rows.filter { $0.hits > 0 }.count,
                "median_ms": ms.isEmpty ? 0 : ms[ms.count / 2],
                "p99_ms": ms.isEmpty ? 0 : ms[min(ms.count - 1, Int(Double(ms.count) * 0.99))],
            ]
        }
        if ProcessInfo.processInfo.environment["QANUN_BENCH_SLOWEST"] != nil {
            // the slowest queries, to stderr: what to look at next
            for (q, r) in zip(queries, runs).sorted(by: { $0.1.ms > $1.1.ms }).prefix(15) {
                FileHandle.standardError.write(Data("\(String(format: "%.3f", r.ms)) ms \(q.kind) \(q.lang) \(q.terms)\n".utf8))
            }
        }
        var out = stats(runs)
        out["engine"] = engine
        out["warmup"] = warmup
        let kinds = Set(runs.map(\.kind)).sorted()
        out["by_kind"] = Dictionary(uniqueKeysWithValues: kinds.map { k in (k, stats(runs.filter { $0.kind == k })) })
        print(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]), as: UTF8.self))
    }

    /// Indexes `units.jsonl` ({"id","lang","heading","body"} per line) into FTS5 unicode61, one
    /// transaction, then optimize; prints the JSON report.
    static func fts5Index(units: String, db path: String) throws {
        struct Unit: Decodable { var heading: String; var body: String }
        try? FileManager.default.removeItem(atPath: path)
        let q = try DatabaseQueue(path: path)
        // the clock starts before reading: like the peers, decoding the units is part of ingest;
        // lines are read one at a time, so memory does not grow with the corpus
        let t0 = Date()
        guard let file = fopen(units, "r") else { throw CocoaError(.fileNoSuchFile) }
        defer { fclose(file) }
        var docs = 0, bytes = 0
        try q.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(heading, body, tokenize='unicode61 remove_diacritics 2')")
            let st = try db.makeStatement(sql: "INSERT INTO t(heading, body) VALUES (?, ?)")
            let decoder = JSONDecoder()
            var line: UnsafeMutablePointer<CChar>?
            var cap = 0
            defer { free(line) }
            while getline(&line, &cap, file) > 0, let l = line {
                let data = Data(bytes: l, count: strlen(l))
                if data.count <= 1 { continue }
                let u = try decoder.decode(Unit.self, from: data)
                try st.execute(arguments: [u.heading, u.body])
                docs += 1
                bytes += u.heading.utf8.count + u.body.utf8.count
            }
            try db.execute(sql: "INSERT INTO t(t) VALUES('optimize')")
        }
        let secs = Date().timeIntervalSince(t0)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let out: [String: Any] = [
            "engine": "fts5-unicode61", "docs": docs, "input_bytes": bytes, "seconds": secs, "index_bytes": size,
            "notes": "SQLite FTS5 unicode61 remove_diacritics 2: no stemming, no Turkic casing; JSON decoding included",
        ]
        print(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]), as: UTF8.self))
    }
}

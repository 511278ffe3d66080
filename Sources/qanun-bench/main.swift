import CQanunAnalysis
import Foundation
import GRDB
import QanunCore
import QanunIndex

/// Ingest and query benchmark: Qanun against SQLite FTS5 `unicode61 remove_diacritics 2` on the same
/// article units, in one process, one run, same SQLite. Prints figures and ratios; asserts nothing.
///
/// Usage: qanun-bench [CORPUS_DIR] [--rounds N] [--queries N]
/// (default CORPUS_DIR: ../shared/corpus-real). The subcommands that `scripts/bench` uses to
/// measure Qanun beside Lucene, Xapian and Tantivy are in `Harness.swift`.

let args = CommandLine.arguments.dropFirst()
if let first = args.first, Harness.commands.contains(first) {
    try Harness.run(Array(args))
    exit(0)
}
var corpus = "../shared/corpus-real"
var rounds = 3
var queryCount = 300
var it = args.makeIterator()
while let a = it.next() {
    switch a {
    case "--rounds": rounds = Int(it.next() ?? "") ?? rounds
    case "--queries": queryCount = Int(it.next() ?? "") ?? queryCount
    default: corpus = a
    }
}

func now() -> Double { Date().timeIntervalSinceReferenceDate }
func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }
func percentile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted(); return s.isEmpty ? 0 : s[min(s.count - 1, Int(Double(s.count) * p))]
}
func f(_ x: Double, _ d: Int = 2) -> String { String(format: "%.\(d)f", x) }

let files = Ingestor.expand([corpus])
let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
let mb = Double(bytes) / 1_000_000
print("corpus: \(corpus), \(files.count) files, \(f(mb, 1)) MB; \(rounds) rounds, order alternating")

let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("qanun-bench-\(getpid())")
try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: tmp) }

/// Qanun: full pipeline (read, decode, parse structure, analyse, index), one transaction per file.
func runQanun(_ round: Int) throws -> (secs: Double, db: QanunDatabase) {
    let path = tmp.appendingPathComponent("qanun-\(round).sqlite").path
    let db = try QanunDatabase(path: path)
    let ingestor = Ingestor(database: db)
    let t0 = now()
    for r in ingestor.ingest(paths: files) {
        if case .failed(let why) = r.outcome { print("FAILED \(r.source): \(why)") }
    }
    try db.optimizeIfFragmented()  // as `qanun ingest` ends
    return (now() - t0, db)
}

/// The floor: the same article units (already parsed) into FTS5 unicode61, one transaction.
func runUnicode61(_ round: Int, units: [(Int64, String, String)]) throws -> (secs: Double, db: DatabaseQueue) {
    let q = try DatabaseQueue(path: tmp.appendingPathComponent("u61-\(round).sqlite").path)
    try q.write { db in
        try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(heading, body, tokenize='unicode61 remove_diacritics 2')")
    }
    let t0 = now()
    try q.write { db in
        let st = try db.makeStatement(sql: "INSERT INTO t(rowid, heading, body) VALUES (?, ?, ?)")
        for u in units { try st.execute(arguments: [u.0, u.1, u.2]) }
        try db.execute(sql: "INSERT INTO t(t) VALUES('optimize')")
    }
    return (now() - t0, q)
}

/// Qanun's analysis with FTS5 on the same article units as the floor: what issue 3's "index
/// throughput with full analysis" compares (no reading or structure parsing).
func runQanunIndexOnly(_ round: Int, units: [(Int64, String, String)], langs: [Int64: String], secondCore: Bool) throws -> Double {
    let q = try QanunDatabase(path: tmp.appendingPathComponent("qidx-\(round)\(secondCore ? "p" : "").sqlite").path)
    try q.writer.write { db in
        try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(heading, body, tokenize='qanun')")
    }
    let t0 = now()
    if secondCore {
        // the analysis runs ahead on a second thread (as `qanun ingest` does), bounded lead
        let texts = units.map { u -> (String, String) in
            let m = "\u{1}" + (langs[u.0] ?? "en") + "\u{1}"
            return (m + u.1, m + u.2)
        }
        let worker = Thread {
            for (h, b) in texts {
                while qn_prepared_count() > 4000 { usleep(200) }
                for var t in [h, b] {
                    t.withUTF8 { buf in buf.withMemoryRebound(to: CChar.self) { _ = qn_prepare_document($0.baseAddress, Int32($0.count)) } }
                }
            }
        }
        worker.start()
    }
    try q.writer.write { db in
        let st = try db.makeStatement(sql: "INSERT INTO t(rowid, heading, body) VALUES (?, ?, ?)")
        for u in units {
            let m = "\u{1}" + (langs[u.0] ?? "en") + "\u{1}"
            try st.execute(arguments: [u.0, m + u.1, m + u.2])
        }
        try db.execute(sql: "INSERT INTO t(t) VALUES('optimize')")
    }
    qn_prepared_clear()
    return now() - t0
}

// Where Qanun's ingest time goes: reading + parsing alone, and analysis alone.
do {
    let t0 = now()
    var acts: [Act] = []
    for file in files { if let (act, _) = try? ActReader().read(path: file) { acts.append(act) } }
    let parse = now() - t0
    let t1 = now()
    var terms = 0
    for act in acts { for a in act.articles { terms += Analyzer.terms(a.text, language: act.language, mode: .document).count } }
    let analyse = now() - t1
    print("breakdown: read+decode+parse \(f(parse)) s (\(f(mb / parse)) MB/s); analysis \(f(analyse)) s for \(terms) terms (\(f(analyse / Double(max(terms, 1)) * 1e9, 0)) ns/term incl. Swift callback)")
}

var qanunTimes: [Double] = [], u61Times: [Double] = []
var qdb: QanunDatabase?
var udb: DatabaseQueue?
var units: [(Int64, String, String)] = []
var unitLangs: [Int64: String] = [:]
var qidxTimes: [Double] = []
var qidx2Times: [Double] = []
for r in 0..<rounds {
    let qanunFirst = r % 2 == 0
    for step in 0..<2 {
        if (step == 0) == qanunFirst {
            let (s, db) = try runQanun(r)
            qanunTimes.append(s); qdb = db
            if units.isEmpty {
                units = try db.writer.read { db in
                    try Row.fetchAll(db, sql: "SELECT id, number || ' ' || heading AS h, body FROM articles").map {
                        ($0["id"], $0["h"], $0["body"])
                    }
                }
                unitLangs = try db.writer.read { db in
                    Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, lang FROM articles").map {
                        ($0["id"] as Int64, $0["lang"] as String)
                    })
                }
            }
        } else if !units.isEmpty {
            let (s, db) = try runUnicode61(r, units: units)
            u61Times.append(s); udb = db
            qidxTimes.append(try runQanunIndexOnly(r, units: units, langs: unitLangs, secondCore: false))
            qidx2Times.append(try runQanunIndexOnly(r, units: units, langs: unitLangs, secondCore: true))
        }
    }
}
guard let qdb, let udb else { fatalError("no rounds ran") }
let unitBytes = Double(units.reduce(0) { $0 + $1.1.utf8.count + $1.2.utf8.count }) / 1_000_000
let qMBs = mb / median(qanunTimes)
let uMBs = unitBytes / median(u61Times)
func size(_ prefix: String) -> Double {
    let attrs = try? FileManager.default.attributesOfItem(atPath: tmp.appendingPathComponent("\(prefix)-0.sqlite").path)
    return Double((attrs?[.size] as? Int) ?? 0) / 1_000_000
}
print("")
print("| ingest | MB/s (median) | spread (s) | ratio to unicode61 | db MB |")
print("|---|---|---|---|---|")
print("| Qanun (read + parse + analyse + index, \(f(mb, 1)) MB of files) | \(f(qMBs)) | \(f(qanunTimes.min()!))–\(f(qanunTimes.max()!)) | \(f(qMBs / uMBs)) | \(f(size("qanun"), 1)) |")
print("| FTS5 unicode61 (index only, \(f(unitBytes, 1)) MB of article text) | \(f(uMBs)) | \(f(u61Times.min()!))–\(f(u61Times.max()!)) | 1.00 | \(f(size("u61"), 1)) |")
let qiMBs = unitBytes / median(qidxTimes)
let qi2MBs = unitBytes / median(qidx2Times)
print("| Qanun analysis + FTS5, index only, analysis on a second core (as ingest runs it) | \(f(qi2MBs)) | \(f(qidx2Times.min()!))–\(f(qidx2Times.max()!)) | \(f(qi2MBs / uMBs)) | \(f(size("qidx"), 1)) |")
print("| Qanun analysis (exact, folded, stems) + FTS5, index only, one core | \(f(qiMBs)) | \(f(qidxTimes.min()!))–\(f(qidxTimes.max()!)) | \(f(qiMBs / uMBs)) | \(f(size("qidx"), 1)) |")

// Seeded query set: words drawn from each language's own articles (ranked by frequency 50..5000).
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 { state &+= 0x9E37_79B9_7F4A_7C15; var z = state; z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9; z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB; return z ^ (z >> 31) }
}
var seeded = Seeded(state: 42)
var vocab: [String: [String]] = [:]
let langRows = try qdb.writer.read { db in try Row.fetchAll(db, sql: "SELECT lang, body FROM articles WHERE id % 7 = 0") }
var counts: [String: [String: Int]] = [:]
for row in langRows {
    let lang: String = row["lang"]
    let body: String = row["body"]
    for w in body.split(whereSeparator: { !$0.isLetter }) where w.count >= 4 {
        counts[lang, default: [:]][w.lowercased(), default: 0] += 1
    }
}
for (lang, c) in counts {
    let ranked = c.sorted { $0.value > $1.value }.map(\.key)
    vocab[lang] = Array(ranked.dropFirst(min(50, ranked.count / 4)).prefix(5000))
}
let langs = vocab.keys.sorted()
nonisolated(unsafe) var queries: [[String]] = []
for k in 0..<queryCount {
    let l = langs[k % langs.count]
    guard let v = vocab[l], v.count > 10 else { continue }
    let a = v[Int(seeded.next() % UInt64(v.count))]
    let b = v[Int(seeded.next() % UInt64(min(v.count, 300)))]
    queries.append(k % 3 == 0 ? [a] : [a, b])
}

func time(_ body: ([String]) throws -> Void) rethrows -> [Double] {
    for q in queries.prefix(50) { try body(q) }  // warm-up
    var out: [Double] = []
    for q in queries { let t0 = now(); try body(q); out.append((now() - t0) * 1000) }
    return out
}
let searcher = Searcher(database: qdb)
nonisolated(unsafe) var qanunHits = 0
nonisolated(unsafe) var u61Hits = 0
let full = try time { q in qanunHits += try searcher.search(q.joined(separator: " "), options: SearchOptions(limit: 10)).count }
let bare = try qdb.writer.read { db in
    try time { q in
        let m = q.map { "\"\($0)\"" }.joined(separator: " AND ")
        _ = try Row.fetchAll(db, sql: "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rank LIMIT 10", arguments: [m])
    }
}
let stemmed = try qdb.writer.read { db in
    try time { q in
        let m = try QueryParser().parse(q.joined(separator: " ")).fts5Expression()
        _ = try Row.fetchAll(db, sql: "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY bm25(article_fts, 6.0, 1.0) LIMIT 10", arguments: [m])
    }
}
let u61 = try udb.read { db in
    try time { q in
        let m = q.map { "\"\($0)\"" }.joined(separator: " AND ")
        u61Hits += try Row.fetchAll(db, sql: "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT 10", arguments: [m]).count
    }
}
print("")
print("| query (\(queries.count) seeded: 1/3 single terms, 2/3 two-term AND) | median ms | p99 ms | median ratio to unicode61 | hits |")
print("|---|---|---|---|---|")
print("| Qanun search (parse, MATCH, BM25, snippet, citation join) | \(f(median(full), 3)) | \(f(percentile(full, 0.99), 3)) | \(f(median(full) / median(u61))) | \(qanunHits) |")
print("| Qanun MATCH (exact OR stem per word, as search runs it) + BM25 top 10 | \(f(median(stemmed), 3)) | \(f(percentile(stemmed, 0.99), 3)) | \(f(median(stemmed) / median(u61))) | |")
print("| Qanun MATCH (exact words only) + BM25 top 10 | \(f(median(bare), 3)) | \(f(percentile(bare, 0.99), 3)) | \(f(median(bare) / median(u61))) | |")
print("| FTS5 unicode61 MATCH + BM25 top 10 | \(f(median(u61), 3)) | \(f(percentile(u61, 0.99), 3)) | 1.00 | \(u61Hits) |")

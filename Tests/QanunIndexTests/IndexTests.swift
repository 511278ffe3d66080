import Foundation
import GRDB
import Testing
import CQanunAnalysis

@testable import QanunCore
import QanunFormats
@testable import QanunIndex

/// A temporary folder with a database, removed at the end.
final class Workspace {
    let dir: URL
    let db: QanunDatabase
    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("qanun-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        db = try QanunDatabase(path: dir.appendingPathComponent("test.sqlite").path)
    }
    deinit { try? FileManager.default.removeItem(at: dir) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func ingest(_ paths: [String], lang: Language? = nil) -> [IngestResult] {
        let ingestor = Ingestor(database: db, reader: SourceReader(languageOverride: lang))
        return Ingestor.expand(paths).map { ingestor.ingest(path: $0) }
    }

    func search(_ q: String, langs: Set<Language>? = nil, limit: Int = 10) throws -> [SearchHit] {
        try Searcher(database: db).search(q, options: SearchOptions(languages: langs, limit: limit))
    }
}

let azAct = """
    ---
    title: Fərdi məlumatlar haqqında
    number: 998-IIIQ
    ---
    Fərdi məlumatlar haqqında
    I fəsil
    ÜMUMİ MÜDDƏALAR
    Maddə 1. Qanunun məqsədi
    1.1. Bu Qanun fərdi məlumatların toplanılmasını tənzimləyir.
    Maddə 27-1. Şəhər informasiya sistemləri
    27-1.1. Bakı şəhərində ılıq münasibət 1436-VQD nömrəli Qanuna uyğun olaraq 38.6.2-ci maddə ilə tənzimlənir.
    Maddə 28. Ləğv edilmişdir.
    Maddə 29. Yekun
    29.1. Dövlət sirri haqqında 5485-1 nömrəli sərəncam.[1]
    [1] 1 may 2020-ci il tarixli Qanunu ilə 29.1-ci maddə yeni redaksiyada verilmişdir.
    Əvvəlki redaksiyada deyilirdi:
    Maddə 29. Köhnə
    29.1. köhnəsözlük mətn.
    """

let ruAct = """
    Федеральный закон о персональных данных
    Статья 1. Сфера действия
    1. Настоящий закон (44-ФЗ) регулирует обработку персональных данных и ёлки.
    Статья 2. Основные понятия
    1) персональные данные - любая информация о человеке;
    """

let enAct = """
    Data Protection Act
    Article 1
    Subject-matter
    1.   This Act protects personal data in e-government services.
    Article 2
    Definitions
    (a) 'personal data' means any information relating to an iliq person.
    """

@Suite struct IndexTests {
    func loaded() throws -> Workspace {
        let ws = try Workspace()
        try ws.write("acts/az.txt", azAct)
        try ws.write("acts/ru.txt", ruAct)
        try ws.write("acts/en.txt", enAct)
        let results = ws.ingest([ws.dir.appendingPathComponent("acts").path])
        #expect(results.allSatisfy { if case .added = $0.outcome { true } else { false } })
        return ws
    }

    @Test func azerbaijaniWithoutItsLetters() throws {
        let ws = try loaded()
        let hits = try ws.search("ferdi melumatlarin")
        #expect(hits.first?.article == "1")
        #expect(hits.first?.lang == "az")
        #expect(try ws.search("seherinde").first?.article == "27-1")
        #expect(try ws.search("seher*").first?.article == "27-1")
        #expect(try ws.search("\"baki seherinde\"").first?.article == "27-1")
    }

    @Test func realLetterStaysDistinct() throws {
        let ws = try loaded()
        // `ılıq` (typed with ı) finds only the az act; `iliq` finds both it and the English `iliq`.
        #expect(try ws.search("ılıq").map(\.lang) == ["az"])
        #expect(Set(try ws.search("iliq").map(\.lang)) == ["az", "en"])
    }

    @Test(arguments: ["5485-1", "44-ФЗ", "1436-VQD", "998-IIIQ", "27-1", "38.6.2"])
    func identifiersAreSearchableWhole(id: String) throws {
        let ws = try loaded()
        if id == "998-IIIQ" {
            // The act number lives in front matter metadata, not in article text.
            #expect(try ws.search(id).isEmpty)
        } else {
            #expect(try !ws.search(id).isEmpty, "\(id)")
        }
    }

    @Test func casingTraps() throws {
        let ws = try loaded()
        #expect(try ws.search("ЁЛКИ").first?.lang == "ru")
        #expect(try ws.search("елки").first?.lang == "ru")
        #expect(try ws.search("BAKI").first?.article == "27-1")
        #expect(try ws.search("İNFORMASİYA").first?.article == "27-1")
    }

    @Test func previousWordingIsNotSearchedAsLaw() throws {
        let ws = try loaded()
        #expect(try ws.search("köhnəsözlük").isEmpty)
        #expect(try ws.search("kohnesozluk").isEmpty)
    }

    @Test func repealedArticlesAreKeptAndFlagged() throws {
        let ws = try loaded()
        let hit = try #require(ws.search("ləğv").first)
        #expect(hit.article == "28")
        #expect(hit.repealed)
    }

    @Test func hitsCarryCitationAndSnippet() throws {
        let ws = try loaded()
        let hit = try #require(ws.search("personal data", langs: [.en]).first)
        #expect(hit.act == "Data Protection Act")
        #expect(hit.source.hasSuffix("acts/en.txt"))
        #expect(["1", "2"].contains(hit.article))
        #expect(hit.snippet.contains("<mark>personal</mark>"))
        #expect(!hit.snippet.contains("\u{1}"))
        #expect(hit.score > 0)
        let json = String(decoding: try JSONEncoder().encode(hit), as: UTF8.self)
        for key in ["source", "act", "lang", "article", "heading", "repealed", "score", "snippet"] {
            #expect(json.contains("\"\(key)\""))
        }
    }

    @Test func languageFilterAndRanking() throws {
        let ws = try loaded()
        // az 1, ru 1 and 2 (`персональные` shares the stem of `персональных`), en 1 and 2
        #expect(try ws.search("personal OR персональных OR fərdi").count == 5)
        #expect(try ws.search("personal OR персональных OR fərdi", langs: [.ru]).allSatisfy { $0.lang == "ru" })
        // Heading matches rank above body-only matches.
        #expect(try ws.search("definitions OR personal", langs: [.en]).first?.article == "2")
        #expect(try ws.search("government").first?.article == "1")
    }

    @Test func exclusionAndPhrase() throws {
        let ws = try loaded()
        #expect(try ws.search("\"personal data\" -Definitions -means").map(\.article) == ["1"])
        #expect(try ws.search("\"data personal\"").isEmpty)
    }

    @Test func reingestUnchangedChangedAndRemove() throws {
        let ws = try loaded()
        let path = ws.dir.appendingPathComponent("acts/ru.txt").path
        #expect(ws.ingest([path]).first?.outcome == .unchanged)
        try ws.write("acts/ru.txt", ruAct.replacingOccurrences(of: "ёлки", with: "сосны"))
        #expect(ws.ingest([path]).first?.outcome == .replaced(articles: 2))
        #expect(try ws.search("ёлки").isEmpty)
        #expect(try ws.search("сосны").count == 1)
        #expect(try ws.db.stats().count == 3)
        #expect(try Ingestor(database: ws.db).remove(source: path))
        #expect(try !Ingestor(database: ws.db).remove(source: path))
        #expect(try ws.search("сосны").isEmpty)
        #expect(try ws.db.stats().count == 2)
        try ws.db.integrityCheck()
    }

    @Test func badFilesAreReportedAndTheRestLands() throws {
        let ws = try Workspace()
        try ws.write("batch/a_good.txt", enAct)
        try ws.write("batch/b_empty.txt", "")
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]).write(to: ws.dir.appendingPathComponent("batch/c_binary.txt"))
        var bad = Data("Article 1. Caf".utf8)
        bad.append(contentsOf: [0xE9, 0x20, 0xFF])
        try bad.write(to: ws.dir.appendingPathComponent("batch/d_invalid.txt"))
        try ws.write("batch/e_german.txt", "Artikel 1. Diese Verordnung enthält Vorschriften zum Schutz natürlicher Personen.")
        try FileManager.default.createSymbolicLink(
            atPath: ws.dir.appendingPathComponent("batch/f_dangling.txt").path, withDestinationPath: "/nonexistent/x")
        try ws.write("batch/g_good.txt", ruAct)
        let results = ws.ingest([ws.dir.appendingPathComponent("batch").path, ws.dir.appendingPathComponent("missing.txt").path])
        let reasons = results.map { r -> String in if case .failed(let why) = r.outcome { why } else { "ok" } }
        #expect(reasons.count == 8)
        #expect(reasons[0] == "ok")
        #expect(reasons[1].contains("empty"))
        #expect(reasons[2].contains("binary"))
        #expect(reasons[3].contains("not valid UTF-8"))
        #expect(reasons[4].contains("--lang"))
        #expect(reasons[5].contains("no such file"))
        #expect(reasons[6] == "ok")
        #expect(reasons[7].contains("no such file"))
        #expect(try ws.db.stats().map(\.lang).sorted() == ["en", "ru"])
        try ws.db.integrityCheck()
        // The language a file does not state can be given for the batch.
        let forced = ws.ingest([ws.dir.appendingPathComponent("batch/e_german.txt").path], lang: .en)
        #expect(forced.first?.outcome == .failed(ReadError.noArticles.description))
    }

    @Test func malformedQueriesAreQueryErrors() throws {
        let ws = try loaded()
        #expect(throws: QueryError.self) { try ws.search("(fərdi") }
        #expect(throws: QueryError.self) { try ws.search("-fərdi") }
        #expect(throws: QueryError.self) { try ws.search("\"unterminated") }
    }

    /// `qanun_rank` keeps column lengths, definitional flags and phrase frequencies per connection;
    /// after the data changes, a long-lived connection must score exactly as a fresh one.
    @Test func rankingFactsFollowChanges() throws {
        let ws = try Workspace()
        try ws.write("acts/az.txt", azAct)
        _ = ws.ingest([ws.dir.appendingPathComponent("acts").path])
        let before = try ws.search("ferdi melumat")
        #expect(!before.isEmpty)
        try ws.write(
            "more/az2.txt",
            """
            Fərdi məlumatlar reyestri haqqında
            Maddə 1. Əsas anlayışlar
            1.1. Fərdi məlumat — şəxsə aid istənilən məlumat.
            Maddə 2. Fərdi məlumatların reyestri
            2.1. Fərdi məlumatların reyestri aparılır.
            """)
        try ws.write("more/ru.txt", ruAct)
        // written through another connection: this one learns of it from the data version
        let other = try QanunDatabase(path: ws.db.path)
        _ = Ingestor(database: other).ingest(paths: Ingestor.expand([ws.dir.appendingPathComponent("more").path]))
        for q in ["ferdi melumat", "fərdi", "персональных данных", "reyestri"] {
            let warm = try ws.search(q)
            let fresh = try Searcher(database: try QanunDatabase(path: ws.db.path)).search(q)
            #expect(warm.map(\.source) == fresh.map(\.source), "\(q)")
            #expect(warm.map(\.article) == fresh.map(\.article), "\(q)")
            #expect(warm.map(\.score) == fresh.map(\.score), "\(q)")
        }
        // the new act's articles are found, and the definition article among them carries the boost
        let after = try ws.search("ferdi melumat")
        #expect(after.count > before.count)
        #expect(after.contains { $0.source.hasSuffix("more/az2.txt") && $0.article == "1" })
        // and a change made by this connection itself
        _ = try Ingestor(database: ws.db).remove(source: ws.dir.appendingPathComponent("more/az2.txt").path)
        let afterRemove = try ws.search("ferdi melumat")
        let freshAfterRemove = try Searcher(database: try QanunDatabase(path: ws.db.path)).search("ferdi melumat")
        #expect(afterRemove.map(\.score) == freshAfterRemove.map(\.score))
        #expect(afterRemove.count == before.count)
    }

    /// FTS5's raw snippet (marks as \u{2}/\u{3}, the row's language marker maybe included) becomes
    /// escaped HTML with <mark>.
    @Test func snippetBecomesEscapedHTML() {
        let raw = "\u{1}az\u{1}Maddə 5 <b> & \u{2}fərdi\u{3} məlumat\nsonra > x"
        #expect(Searcher.htmlSnippet(raw) == "Maddə 5 &lt;b&gt; &amp; <mark>fərdi</mark> məlumat sonra &gt; x")
        #expect(Searcher.htmlSnippet("…\u{2}e\u{301}\u{3}…") == "…<mark>e\u{301}</mark>…")
    }

    @Test func indexRebuildsWhenAnalysisVersionChanges() throws {
        let ws = try loaded()
        try ws.db.writer.write { db in try db.execute(sql: "UPDATE meta SET value = '0' WHERE key = 'analysis_version'") }
        let reopened = try QanunDatabase(path: ws.db.path)
        #expect(try Searcher(database: reopened).search("ferdi").count == 1)
        try reopened.integrityCheck()
    }
}

@Suite struct PipelinedIngestTests {
    /// Ingest on two cores (parse + analysis ahead of the writer) stores exactly what ingesting
    /// file by file stores: FTS5's integrity check re-analyses every row and compares.
    @Test func pipelinedIngestMatchesOneByOne() throws {
        let corpus = repoRootForIndexTests.appendingPathComponent("corpus").path
        let files = Ingestor.expand([corpus])
        let a = try Workspace(), b = try Workspace()
        let one = files.map { Ingestor(database: a.db).ingest(path: $0) }
        let two = Ingestor(database: b.db).ingest(paths: files)
        #expect(one.map(\.source) == two.map(\.source))
        #expect(two.allSatisfy { if case .added = $0.outcome { true } else { false } })
        try b.db.integrityCheck()
        for q in ["ferdi melumatlarin", "электронной подписи", "legal effect", "7-1"] {
            #expect(try a.search(q).map { "\($0.source)#\($0.article)" } == b.search(q).map { "\($0.source)#\($0.article)" })
        }
        // a second run finds everything unchanged, and nothing prepared is left behind
        #expect(Ingestor(database: b.db).ingest(paths: files).allSatisfy { $0.outcome == .unchanged })
        // The table of prepared documents is process-wide, and other suites ingest in parallel
        // (SegmentSearchTests build several indexes): their batches in flight hold entries for a
        // moment. A leak never drains; wait (up to 60 s) for the table to empty.
        let deadline = Date().addingTimeInterval(60)
        while qn_prepared_count() != 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(qn_prepared_count() == 0)
    }

    /// One transaction per file leaves one FTS5 segment per file; `optimizeIfFragmented` merges
    /// them, and leaves an index of few segments alone.
    @Test func fragmentedIndexIsMerged() throws {
        let ws = try Workspace()
        // (FTS5's automerge would start merging them on its own)
        try ws.db.writer.write { db in try db.execute(sql: "INSERT INTO article_fts(article_fts, rank) VALUES('automerge', 0)") }
        let files = try (0..<5).map { try ws.write("acts/\($0).txt", $0 % 2 == 0 ? azAct : ruAct) }
        for f in files { _ = Ingestor(database: ws.db).ingest(path: f) }
        let before = try ws.db.writer.read { try QanunDatabase.segmentCount($0) }
        #expect(before == 5)
        #expect(try ws.db.optimizeIfFragmented(maxSegments: 3))
        #expect(try ws.db.writer.read { try QanunDatabase.segmentCount($0) } == 1)
        #expect(try !ws.db.optimizeIfFragmented(maxSegments: 3))
        try ws.db.integrityCheck()
    }

    /// Files are committed in groups; a file whose write fails (here: a trigger refuses it) rolls
    /// its group back, and the group's other files are written again one by one and land.
    @Test func aFailedWriteLosesOnlyItsOwnFile() throws {
        let ws = try Workspace()
        try ws.db.writer.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse BEFORE INSERT ON acts WHEN NEW.source LIKE '%refused%'
                    BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END
                    """)
        }
        let files = [
            try ws.write("a/first.txt", azAct), try ws.write("b/refused.txt", ruAct),
            try ws.write("c/broken.docx", "not a zip"), try ws.write("d/last.txt", ruAct),
        ]
        var reported: [String] = []
        let results = Ingestor(database: ws.db).ingest(paths: files) { reported.append($0.source) }
        #expect(reported == results.map(\.source))
        #expect(results.map(\.source) == files.map(Ingestor.normalise))
        #expect(results[0].outcome == .added(articles: 4))
        guard case .failed(let why) = results[1].outcome else { Issue.record("\(results[1])"); return }
        #expect(why.contains("refused by a trigger"))
        guard case .failed(let docx) = results[2].outcome else { Issue.record("\(results[2])"); return }
        #expect(!docx.contains("database"))
        #expect(results[3].outcome == .added(articles: 2))
        #expect(try ws.db.stats().map(\.source).sorted() == [files[0], files[3]].map(Ingestor.normalise).sorted())
        try ws.db.integrityCheck()
    }
}

let repoRootForIndexTests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

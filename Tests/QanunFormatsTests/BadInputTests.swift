import Foundation
import Testing

@testable import QanunCore
@testable import QanunFormats
import QanunIndex

/// Each broken file gets a one-line error that names the problem, and the rest of its batch still
/// lands, with the database consistent.
@Suite struct BadInputTests {
    static let cases: [(file: String, message: String)] = [
        ("bad/not-a-zip.docx", "not a DOCX file: not a zip archive"),
        ("bad/truncated.docx", "broken DOCX file: the zip archive cannot be opened"),
        ("bad/zip-bomb.docx", "expands beyond 128 MB (a zip bomb"),
        ("akn/bad/doctype-xxe.xml", "the XML has a DOCTYPE"),
        ("akn/bad/billion-laughs.xml", "the XML has a DOCTYPE"),
        ("akn/bad/truncated.xml", "malformed XML at line"),
        ("akn/bad/not-akn.xml", "not an Akoma Ntoso document: the root element is <rss>"),
        ("akn/bad/no-articles.xml", "has no <article> (or <section>) in its body"),
        ("bad/login.html", "the HTML page is a login form"),
        ("bad/error-404.html", "the HTML page is an error page"),
        ("bad/empty.html", "the HTML page has no text"),
        ("bad/scanned.pdf", "the PDF has no text layer"),
        ("bad/truncated.pdf", "the PDF cannot be read (truncated or damaged"),
    ]

    @Test func everyBrokenFileIsReportedAndTheBatchStillLands() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("qanun-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try QanunDatabase(path: dir.appendingPathComponent("t.sqlite").path)
        let good = ["A.docx", "A.html", "A.pdf", "akn/A.akn.xml", "B.docx"].map(Fixture.path)
        // good and bad files interleaved, in one batch on the two-core pipeline
        var batch: [String] = []
        for (k, c) in Self.cases.enumerated() {
            batch.append(Fixture.path(c.file))
            if k < good.count { batch.append(good[k]) }
        }
        let results = Ingestor(database: db).ingest(paths: batch)
        for c in Self.cases {
            let r = try #require(results.first { $0.source.hasSuffix(c.file) })
            guard case .failed(let why) = r.outcome else {
                Issue.record("\(c.file) was ingested: \(r.outcome)")
                continue
            }
            #expect(why.contains(c.message), "\(c.file): \(why)")
            #expect(!why.contains("\n"), "one line: \(why)")
        }
        for g in good {
            let r = try #require(results.first { $0.source == Ingestor.normalise(g) })
            guard case .added(let n) = r.outcome else {
                Issue.record("\(g): \(r.outcome)")
                continue
            }
            #expect(n >= 10)
        }
        try db.integrityCheck()
        #expect(try ActLoader(database: db).sources().count == good.count)
    }

    @Test func aMissingPdftotextNamesThePackageToInstall() throws {
        let reader = SourceReader(pdftotextPath: "/nonexistent/pdftotext")
        #expect(throws: ReadError.malformed(
            "reading PDFs needs pdftotext, which is not installed: install poppler-utils (apt-get install poppler-utils)"))
        {
            _ = try reader.read(path: Fixture.path("A.pdf"))
        }
    }

    @Test func aDoctypeIsRefusedBeforeAnyEntityIsRead() throws {
        // an external entity that would read a local file: never resolved, the file is refused
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE akomaNtoso [<!ENTITY x SYSTEM "file:///etc/hostname">]>
            <akomaNtoso><act name="act"><body><article><num>1</num><content><p>&x;</p></content></article></body></act></akomaNtoso>
            """
        #expect(throws: ReadError.self) { try SourceReader().parse(Data(xml.utf8), path: "x.xml", source: "x.xml") }
        let docx = """
            <?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]><w:document/>
            """
        #expect(throws: MarkupError.self) { try MarkupParser.xml(Array(docx.utf8)) }
    }
}

/// Real acts (`../shared/corpus-real`, present in CI): exported Akoma Ntoso validates against the
/// official schema and reads back to the same act. All 52 are checked by
/// `qanun export --all DIR --validate …/akomantoso30.xsd --verify` (README); a sample here.
@Suite struct RealActExportTests {
    @Test(arguments: [
        "az/az_law_personal_data_2010.txt", "az/az_constitution_1995.txt", "ru/ru_family_code.txt",
        "en/en_eu_gdpr_2016_679.txt", "en/en_us_5usc552_552a_552b_foia_privacy_sunshine.txt",
    ])
    func exportValidatesAndRoundTrips(_ file: String) throws {
        let path = Fixture.shared.appendingPathComponent("corpus-real/\(file)").path
        let act = try Fixture.read(path)
        let xml = AKNWriter().write(act)
        let validator = try SchemaValidator(path: Fixture.shared.appendingPathComponent("schemas/akomantoso30.xsd").path)
        #expect(validator.validate(xml) == nil, "\(file): \(validator.validate(xml) ?? "")")
        let back = try SourceReader().parse(Data(xml.utf8), path: "x.akn.xml", source: act.source)
        let diffs = ActComparison.differences(act, back, options: .init(metadata: true))
        #expect(diffs.isEmpty, "\(file): \(diffs.joined(separator: "; "))")
        #expect(xml.contains("<FRBRlanguage language=\"\(FRBR.iso639_2(act.language))\"/>"))
    }
}

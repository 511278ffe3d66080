import Foundation
import Testing

@testable import QanunCore
@testable import QanunFormats

/// Our fixtures (made by `Fixtures/make-fixtures.py` and `Fixtures/akn/make-akn.py` from two
/// model acts in `corpus/`): the same act as text, HTML, DOCX, PDF and Akoma Ntoso.
enum Fixture {
    static let dir = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")

    static func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    static func read(_ path: String, lang: Language? = nil) throws -> Act {
        try SourceReader(languageOverride: lang).read(path: path).act
    }

    static let actA = repo.appendingPathComponent("corpus/az/az_dovlet_sirri_2018.txt").path
    static let actB = repo.appendingPathComponent("corpus/ru/ru_ob_elektronnom_dokumente_2017.txt").path
}

@Suite struct SameActTests {
    /// What every format must agree on: articles, their numbers, headings, chapters, part labels
    /// and wording.
    func expectSame(_ reference: Act, _ other: Act, _ label: String) {
        let diffs = ActComparison.differences(reference, other)
        #expect(diffs.isEmpty, "\(label): \(diffs.joined(separator: "; "))")
    }

    @Test(arguments: ["A.docx", "A.html", "A.pdf"])
    func azerbaijaniActReadsTheSameFromEveryFormat(_ file: String) throws {
        let text = try Fixture.read(Fixture.actA)
        expectSame(text, try Fixture.read(Fixture.path(file)), file)
    }

    @Test(arguments: ["B.docx", "B.html", "B.pdf"])
    func russianActReadsTheSameFromEveryFormat(_ file: String) throws {
        let text = try Fixture.read(Fixture.actB)
        expectSame(text, try Fixture.read(Fixture.path(file)), file)
    }

    @Test func akomaNtosoFromAnotherProducerGivesTheSameArticles() throws {
        // Laws.Africa-style markup of act A: the signature lines sit in <conclusions>, where the
        // text parser folds them into the last article; every other part is the same.
        var text = try Fixture.read(Fixture.actA)
        let akn = try Fixture.read(Fixture.path("akn/A.akn.xml"))
        #expect(akn.title == "Dövlət sirri haqqında" && akn.number == "1320-VQ" && akn.date == "2018-11-02")
        #expect(akn.language == .az)
        let last = text.articles.count - 1
        text.articles[last].parts = Array(text.articles[last].parts.prefix(akn.articles[last].parts.count))
        expectSame(text, akn, "A.akn.xml")
    }

    @Test func ownAkomaNtosoRoundTripsEveryModelAct() throws {
        let validator = try SchemaValidator(path: Fixture.shared.appendingPathComponent("schemas/akomantoso30.xsd").path)
        let files = try FileManager.default.subpathsOfDirectory(atPath: Fixture.repo.appendingPathComponent("corpus").path)
            .filter { $0.hasSuffix(".txt") }
        #expect(files.count >= 10)
        for f in files {
            let act = try Fixture.read(Fixture.repo.appendingPathComponent("corpus/\(f)").path)
            let xml = AKNWriter().write(act)
            #expect(validator.validate(xml) == nil, "\(f): \(validator.validate(xml) ?? "")")
            let back = try SourceReader().parse(Data(xml.utf8), path: "x.akn.xml", source: act.source)
            let diffs = ActComparison.differences(act, back, options: .init(metadata: true))
            #expect(diffs.isEmpty, "\(f): \(diffs.joined(separator: "; "))")
        }
    }
}

@Suite struct DocxTests {
    @Test func numberingTablesBreaksAndTrackedChangesComeOutAsPrinted() throws {
        let docx = try Fixture.read(Fixture.path("features.docx"))
        let expected = try Fixture.read(Fixture.path("features.expected.txt"))
        let diffs = ActComparison.differences(expected, docx)
        #expect(diffs.isEmpty, "\(diffs.joined(separator: "; "))")
        #expect(docx.articles.first?.number == "5", "numbering with w:start = 5")
    }

    @Test func footnotesAreNotesNotArticleText() throws {
        let act = try Fixture.read(Fixture.path("A.docx"))
        let text = act.articles.map(\.text).joined(separator: "\n")
        #expect(!act.notes.isEmpty)
        for note in act.notes { #expect(!text.contains(note.drop { $0 != " " }.trimmedSpaces())) }
    }

    @Test func wordLetterAndRomanNumberingFormats() {
        #expect(DocxNumbering.format(4, as: "upperRoman") == "IV")
        #expect(DocxNumbering.format(14, as: "lowerRoman") == "xiv")
        #expect(DocxNumbering.format(3, as: "lowerLetter") == "c")
        #expect(DocxNumbering.format(27, as: "lowerLetter") == "aa")
        // Word's Russian letters skip ё, й, ъ, ы, ь: the 10th is к
        #expect(DocxNumbering.format(10, as: "russianLower") == "к")
        #expect(DocxNumbering.format(7, as: "decimal") == "7")
    }
}

@Suite struct HTMLTests {
    @Test func portalFurnitureScriptsAndStruckWordingStayOutOfTheAct() throws {
        let act = try Fixture.read(Fixture.path("features.html"))
        #expect(act.title == "ЗАКОН РЕСПУБЛИКИ" || act.title == "О государственных электронных реестрах")
        #expect(act.articles.map(\.number) == ["1", "2", "3", "4", "5"])
        let all = ([act.preamble] + act.articles.map { $0.heading + "\n" + $0.text }).joined(separator: "\n")
        #expect(!all.contains("Fake"), "script and comment text is not the act")
        #expect(!all.contains("Принять"), "cookie banner")
        // a wholly struck article stays, flagged repealed, its old wording kept in the notes
        #expect(act.articles[3].repealed)
        #expect(act.notes.contains { $0.contains("Сведения из реестра предоставляются за плату") })
        // <ol> items get the browser's numbers; a table row is one line with ` | `
        #expect(act.articles[1].parts.map(\.label).contains("1."))
        #expect(act.articles[2].text.contains("Записи реестра | постоянно | часть 1 статьи 2"))
        // <br> splits a paragraph into lines
        #expect(act.articles[4].parts.count == 2)
    }

    @Test func struckWordsInsideALiveParagraphAreDropped() throws {
        let html = """
            <html><body><div class="document"><p>Maddə 1. Məqsəd</p>
            <p>1.1. Bu Qanun <s>köhnə</s> yeni <del>ləğv</del> münasibətləri <span style="text-decoration: line-through">silinmiş</span> tənzimləyir.</p>
            <p>Maddə&nbsp;2. Qüvvəyə minmə</p><p>2.1. Bu Qanun dərc edildiyi gündən qüvvəyə minir.</p></div></body></html>
            """
        let act = try SourceReader().parse(Data(html.utf8), path: "x.html", source: "x.html")
        #expect(act.articles.map(\.number) == ["1", "2"])
        #expect(act.articles[0].text == "1.1. Bu Qanun yeni münasibətləri tənzimləyir.")
        #expect(act.notes.contains("köhnə ləğv silinmiş"))
    }
}

@Suite struct PDFTextTests {
    @Test func wordsBrokenAtLineEndsAreRejoinedButHyphenatedWordsStay() {
        let lines = [
            "     1. The orga-", "nization keeps the informa-", "tion of the e-", "government portal under Law 5485-",
            "1 and Federal Law 44-", "ФЗ; see also the e-government strategy.",
        ]
        let text = PDFText.reflow(lines).joined(separator: "\n")
        #expect(text == "1. The organization keeps the information of the e-government portal under Law 5485-1 and Federal Law 44-ФЗ; see also the e-government strategy.")
    }

    @Test func runningHeadersFootersAndPageNumbersAreDropped() {
        let body = [
            ["Dövlət sirri haqqında", "     Bu Qanun münasibətləri tənzimləyir."], ["Maddə 1. Predmet", "     1.1. Mətn."],
            ["     1.2. Başqa mətn.", "Maddə 2. Anlayışlar"], ["     2.1. Anlayışlar bunlardır:", "     2.1.1. sənəd;"],
        ]
        var pages: [[String]] = (1...4).map { n in
            ["Qanun № 12-VQ            səh. \(n)", ""] + body[n - 1] + ["", "- \(n) -"]
        }
        PDFText.removeRunningLines(&pages)
        #expect(pages.map { $0.filter { !$0.trimmedSpaces().isEmpty } } == body)
    }

    @Test func footnotesAtThePageBottomBecomeNotes() throws {
        let act = try Fixture.read(Fixture.path("A.pdf"))
        #expect(act.notes.contains { $0.hasPrefix("[1]") && $0.contains("45-VIQD") })
        #expect(!act.articles.map(\.text).joined().contains("45-VIQD"))
    }
}

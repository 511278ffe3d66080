import Foundation
import Testing

@testable import QanunCore
@testable import QanunIndex

private func tbx(_ body: String) -> Data {
    Data(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
         <text>
          <body>
        \(body)
          </body>
         </text>
        </tbx>
        """.utf8)
}

private func entry(_ id: String, az: String, ru: String, en: String) -> String {
    """
       <conceptEntry id="\(id)">
        <langSec xml:lang="az"><termSec><term>\(az)</term></termSec></langSec>
        <langSec xml:lang="ru"><termSec><term>\(ru)</term></termSec></langSec>
        <langSec xml:lang="en"><termSec><term>\(en)</term></termSec></langSec>
       </conceptEntry>
    """
}

@Suite struct TermBaseTests {
    @Test func builtInTermBaseCoversTheSeedVocabulary() throws {
        let tb = try TermBase.builtIn()
        #expect(tb.concepts.count >= 200)
        for c in tb.concepts { #expect(c.terms["az"] != nil && c.terms["ru"] != nil && c.terms["en"] != nil, "\(c.id)") }
        for term in [
            "electronic document", "electronic signature", "official secret", "state secret", "personal data",
            "information resources", "information system", "access to information", "public discussion",
            "civil servant", "attestation", "tender", "article", "law", "code", "decree", "court", "contract", "tax",
        ] {
            #expect(!tb.lookup(term).isEmpty, "no concept for \(term)")
        }
    }

    @Test func lookupAcceptsAnyLanguageInflectionAndMissingLetters() throws {
        let tb = try TermBase.builtIn()
        let ids = ["personal data", "персональных данных", "fərdi məlumatların", "ferdi melumatlarin"].map {
            tb.lookup($0).first?.id
        }
        #expect(ids.allSatisfy { $0 != nil && $0 == ids[0] }, "\(ids)")
    }

    /// How people type Azerbaijani without its letters; a letter with a combining mark on it is
    /// another character and stays.
    @Test func azerbaijaniLettersFoldAsTyped() {
        #expect(TermBase.foldAzerbaijani("Fərdi məlumatların QORUNMASI") == "Ferdi melumatlarin QORUNMASI")
        #expect(TermBase.foldAzerbaijani("İŞ ÇÖL ĞÜ ı") == "IS COL GU i")
        #expect(TermBase.foldAzerbaijani("персональных") == "персональных")
        #expect(TermBase.foldAzerbaijani("ə\u{301}t") == "ə\u{301}t")
    }

    @Test func malformedFilesAreErrorsWithTheirLine() throws {
        // not well-formed: the line of the error
        let broken = Data("<tbx>\n<text><body>\n<conceptEntry id=\"a\">\n<langSec xml:lang=\"en\"><termSec><term>x</termSec>\n".utf8)
        #expect {
            try TBXReader.read(data: broken, file: "t.tbx")
        } throws: { e in
            let e = e as! TBXError
            return e.file == "t.tbx" && e.line == 4 && e.description.hasPrefix("t.tbx:4:") && e.message.contains("XML")
        }
        // structural errors
        let cases: [(String, String)] = [
            ("<conceptEntry><langSec xml:lang=\"en\"><termSec><term>x</term></termSec></langSec></conceptEntry>", "needs an id"),
            ("<conceptEntry id=\"a\"><langSec><termSec><term>x</term></termSec></langSec></conceptEntry>", "xml:lang"),
            ("<conceptEntry id=\"a\"><langSec xml:lang=\"en\"><termSec><term> </term></termSec></langSec></conceptEntry>", "empty <term>"),
            (entry("a", az: "a", ru: "б", en: "c") + entry("a", az: "d", ru: "е", en: "f"), "duplicate concept id `a`"),
        ]
        for (body, message) in cases {
            #expect {
                try TBXReader.read(data: tbx(body), file: "t.tbx")
            } throws: { e in
                let e = e as! TBXError
                return e.message.contains(message) && e.line > 0
            }
        }
        #expect(throws: TBXError.self) { try TBXReader.read(data: Data("<html><body/></html>".utf8), file: "x") }
        // no entity expansion: a DOCTYPE with entities is refused
        let bomb = Data("<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY a \"aaaa\">]>\n<tbx>&a;</tbx>".utf8)
        #expect(throws: TBXError.self) { try TBXReader.read(data: bomb, file: "x") }
    }

    @Test func userFilesExtendOrReplaceTheBuiltIn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tbx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("mine.tbx")
        try tbx(entry("x1", az: "bələdiyyə", ru: "муниципалитет", en: "municipality")).write(to: file)
        let extended = try TermBase.load(files: [file.path])
        #expect(extended.concepts.count == (try TermBase.builtIn().concepts.count) + 1)
        #expect(extended.lookup("municipalities").contains { $0.id == "x1" })
        let replaced = try TermBase.load(files: [file.path], builtIn: false)
        #expect(replaced.concepts.map(\.id) == ["x1"])
    }

    @Test func expansionNamesWhatItExpanded() throws {
        let tb = TermBase(concepts: try TBXReader.read(
            data: tbx(entry("pd", az: "fərdi məlumatlar", ru: "персональные данные", en: "personal data")
                + entry("sw", az: "proqram təminatı", ru: "ПО", en: "software")), file: "t"))
        let (q, expanded) = QueryExpander(termBase: tb).expand(try QueryParser().parse("protection of personal data"))
        #expect(expanded.map(\.concept) == ["pd"])
        #expect(expanded[0].from == "personal data")
        #expect(expanded[0].terms["ru"] == ["персональные данные"])
        // the function word `of` is dropped once a concept is named; `protection` stays required
        #expect(q == .and([.term("protection", prefix: false), .concept(typed: "personal data", exact: false, terms: ["fərdi məlumatlar", "персональные данные", "personal data"])]))
        // an abbreviation matches only in capitals: `по` is a preposition
        #expect(QueryExpander(termBase: tb).expand(try QueryParser().parse("по закону")).1.isEmpty)
        #expect(QueryExpander(termBase: tb).expand(try QueryParser().parse("ПО")).1.map(\.concept) == ["sw"])
        // excluded words and prefixes are not expanded
        #expect(QueryExpander(termBase: tb).expand(try QueryParser().parse("-\"personal data\" law")).1.isEmpty)
    }
}

@Suite struct CrossLanguageSearchTests {
    let ws: Workspace
    init() throws {
        ws = try Workspace()
        try ws.write("az.txt", """
            ---
            title: Fərdi məlumatlar haqqında
            lang: az
            ---
            Maddə 1. Fərdi məlumatların qorunması
            Fərdi məlumatların toplanılması subyektin razılığı ilə həyata keçirilir.
            Maddə 2. Vergilər
            Vergi ödəyicisi vergini vaxtında ödəyir.
            """)
        try ws.write("ru.txt", """
            ---
            title: О персональных данных
            lang: ru
            ---
            Статья 1. Защита персональных данных
            Обработка персональных данных осуществляется с согласия субъекта.
            Статья 2. Налоги
            Налогоплательщик уплачивает налоги.
            """)
        try ws.write("en.txt", """
            ---
            title: Data Protection Act
            lang: en
            ---
            Article 1. Protection of personal data
            Personal data shall be processed lawfully.
            Article 2. Taxes
            The taxpayer shall pay taxes.
            """)
        #expect(ws.ingest([ws.dir.path]).allSatisfy { if case .failed = $0.outcome { false } else { true } })
    }

    func search(_ q: String, expand: Bool = true) throws -> SearchResult {
        try Searcher(database: ws.db).searchExpanded(
            q, options: SearchOptions(limit: 10, termBase: expand ? try TermBase.builtIn() : nil))
    }

    @Test func oneQueryFindsAllThreeLanguagesInOneList() throws {
        for q in ["personal data", "персональных данных", "ferdi melumatlarin"] {
            let r = try search(q)
            #expect(!r.expanded.isEmpty, "\(q)")
            let top3 = r.hits.prefix(3)
            #expect(Set(top3.map(\.lang)) == ["az", "ru", "en"], "\(q): \(r.hits.map { "\($0.lang) \($0.article)" })")
            #expect(top3.allSatisfy { $0.article == "1" })
        }
    }

    @Test func withoutExpansionOnlyTheTypedLanguage() throws {
        let r = try search("personal data", expand: false)
        #expect(r.expanded.isEmpty)
        #expect(Set(r.hits.map(\.lang)) == ["en"])
    }

    @Test func exactWordingRanksAboveStemOnly() throws {
        try ws.write("en2.txt", """
            ---
            title: Processing Act
            lang: en
            ---
            Article 1. Processors
            A processor processes records.
            Article 2. Processing
            Processing of records is regulated.
            """)
        _ = ws.ingest([ws.dir.appendingPathComponent("en2.txt").path])
        let hits = try ws.search("processing", langs: [.en])
        #expect(hits.count >= 2)
        // exact `processing` first; `processes`/`processor` (same stem) still found, lower
        #expect(hits.first?.heading == "Processing")
        #expect(hits.contains { $0.heading == "Processors" })
        // a quoted phrase is exact: no stem matches
        #expect(try ws.search("\"processes\"", langs: [.en]).map(\.heading) == ["Processors"])
    }
}

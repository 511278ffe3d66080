import Testing

@testable import QanunCore
@testable import QanunIndex

/// What the index stores for a word, position by position (colocated forms grouped); stems
/// (`az~qanun`) only when `stems` is true.
func positions(_ text: String, _ lang: Language?, _ mode: Analyzer.Mode = .document, stems: Bool = false) -> [[String]] {
    var out: [[String]] = []
    for t in Analyzer.terms(text, language: lang, mode: mode) where stems || !t.term.contains("~") {
        if t.colocated, !out.isEmpty { out[out.count - 1].append(t.term) } else { out.append([t.term]) }
    }
    return out
}

@Suite struct AnalyzerTests {
    @Test func azerbaijaniCasing() {
        #expect(positions("İNFORMASİYA", .az) == [["informasiya"]])
        #expect(positions("ISTİQAMƏT", .az) == [["ıstiqamət", "istiqamet"]])
        #expect(positions("ÜRÜNLERİ", .az).first?.first == "ürünleri")
        #expect(positions("İnş inş", .az).map { $0[0] } == ["inş", "inş"])
        // root casing elsewhere: I is i, İ is i without a combining dot
        #expect(positions("Information", .en) == [["information"]])
        #expect(positions("İstanbul", .en) == [["istanbul"]])
    }

    @Test func cyrillicYoFolds() {
        #expect(positions("ёжик Ёлка", .ru) == [["ежик"], ["елка"]])
        #expect(positions("ежик", .ru) == [["ежик"]])
    }

    @Test func foldedFormIsColocatedInDocumentsOnly() {
        #expect(positions("fərdi məlumatlar", .az) == [["fərdi", "ferdi"], ["məlumatlar", "melumatlar"]])
        #expect(positions("şəhər", .az) == [["şəhər", "seher"]])
        // queries keep what the user typed: ılıq must not become iliq
        #expect(positions("ılıq", nil, .query) == [["ılıq"]])
        #expect(positions("jıll", nil, .query) == [["jıll"]])
    }

    @Test func queryCapitalIMayBeDotless() {
        #expect(positions("Işıq", nil, .query) == [["işıq", "ışıq"]])
    }

    @Test(arguments: ["5485-1", "44-ФЗ", "1436-VQD", "998-IIIQ", "27-1", "38.6.2", "03-2387", "95/46/EC"])
    func identifiersStayWhole(id: String) {
        let doc = positions("Qanun \(id) ilə", .az)
        #expect(doc.count == 3)
        let whole = Analyzer.terms(id, language: .az, mode: .query)
        #expect(whole.count == 1)
        #expect(doc[1].contains(whole[0].term))
    }

    @Test func compoundsIndexTheirParts() {
        #expect(positions("e-government services", .en) == [["e-government", "e", "government"], ["services"]])
        #expect(positions("Bakı'da", .az)[0].contains("bakı"))
        #expect(positions("Bakı’da", .az)[0][0] == "bakı'da")
    }

    @Test func nfkcAndOtherScripts() {
        #expect(positions("ﬁle", .en) == [["file"]])
        #expect(positions("ＡＢＣ", .en) == [["abc"]])
        #expect(positions("法律 law", .en).last == ["law"])
    }

    @Test func languageMarkerSelectsCasing() {
        #expect(positions("\u{1}az\u{1}IRS", nil) == [["ırs", "irs"]])
        #expect(positions("\u{1}en\u{1}IRS", nil) == [["irs"]])
    }

    @Test func punctuationAndEmpty() {
        #expect(positions("§ — «»", .ru).isEmpty)
        #expect(positions("", .ru).isEmpty)
        #expect(positions("2.1. Mətn", .az)[0][0] == "2.1")
    }
}

import Foundation
import Testing

@testable import QanunCore
@testable import QanunIndex

/// The stems the index stores for one Azerbaijani word. Stems are computed on the word without
/// its letters (ə->e, ı->i, ...), so one stem serves both ways of typing: `sənəd` -> `sened`.
private func az(_ word: String) -> Set<String> { StemmingEvaluation.qanunStems(word) }

/// Two words meet in the index when they share a stem.
private func meet(_ a: String, _ b: String) -> Bool { !az(a).isDisjoint(with: az(b)) }

@Suite struct StemmerTests {
    @Test func neverCutsIntoAShorterDifferentWord() {
        #expect(!az("qanun").contains("qan"))
        #expect(!az("qanunun").contains("qan"))
        #expect(!az("sənəd").contains("sen"))
        #expect(!az("sənədə").contains("sen"))
        #expect(!meet("qanun", "qan"))
        #expect(!meet("sənəd", "sən"))
        #expect(!meet("vergi", "ver"))
    }

    @Test func inflectionsOfOneNounMeet() {
        for form in ["qanunun", "qanuna", "qanunda", "qanundakı", "qanunlar", "qanunların", "qanunlarının", "qanununda"] {
            #expect(meet("qanun", form), "qanun / \(form): \(az(form))")
        }
        for form in ["məlumatlar", "məlumatların", "məlumatı", "məlumatlarının"] { #expect(meet("məlumat", form)) }
        for form in ["büdcəyə", "büdcəsi", "büdcənin", "büdcədən"] { #expect(meet("büdcə", form), "\(form): \(az(form))") }
    }

    @Test func vowelHarmonyDecides() {
        // kitabə (inscription) is not kitab + dative: after a back vowel the dative is -a
        #expect(!meet("kitab", "kitabə"))
        #expect(meet("kitab", "kitaba"))
        // hüquqi (legal) is not hüquq + accusative: after u the accusative is -u
        #expect(!meet("hüquq", "hüquqi"))
        #expect(meet("hüquq", "hüququ"))
    }

    @Test func consonantAlternationsAreRestored() {
        #expect(az("qanunvericiliyi").contains("qanunvericilik"))
        #expect(az("torpağı").contains("torpaq"))
        #expect(meet("təhlükəsizlik", "təhlükəsizliyinin"))
        #expect(az("verdiyi").contains("ver"))
    }

    @Test func verbsReachTheirRoot() {
        #expect(az("yazılmışdır") == ["yaz"])
        #expect(az("edilir") == ["et"])  // t/d alternation is a rewrite in the data file
        #expect(meet("vermək", "verilməsinin"))
        #expect(meet("imzalamaq", "imzalanmış"))
        // a noun ending in -di is not a past tense: sənədi is sənəd + possessive
        #expect(az("sənədi").contains("sened") && !az("sənədi").contains { $0.count < 5 })
    }

    @Test func derivationsStayApart() {
        #expect(!meet("vətəndaş", "vətəndaşlıq"))
        #expect(!meet("iş", "işçi"))
        #expect(!meet("səlahiyyət", "səlahiyyətli"))
    }

    @Test func exceptionsComeFromTheDataFile() {
        let lists = AzStemmerData.parse(AzStemmerData.text)
        #expect(lists.protect.contains("rəsmi"))
        #expect(lists.verbs.contains("yaz"))
        #expect(lists.rewrites.contains { $0.from == "ed" && $0.to == "et" })
        #expect(!meet("rəsmi", "rəsm"))
        #expect(!meet("gəlir", "gəl"))
        let parsed = AzStemmerData.parse("[protect]\nabc # comment\n\n[rewrite]\nx y\nbad line here\n[verbs]\nal ol\n")
        #expect(parsed.protect == ["abc"])
        #expect(parsed.rewrites.map(\.from) == ["x"])
        #expect(parsed.verbs == ["al", "ol"])
    }

    @Test func attachedSuffixesAndMissingLetters() {
        // Bakı'da and AR-ın: the part after the apostrophe/hyphen is only suffixes
        #expect(positions("Bakı'da", .az, stems: true)[0].contains("az~bak"))
        #expect(positions("Bakıda", .az, stems: true)[0].contains("az~bak"))
        #expect(positions("AR-ın", .az, stems: true)[0].contains("az~ar"))
        // the folded form is stemmed too, so ASCII typing reaches the same stem
        let doc = Set(positions("məlumatlarının", .az, stems: true)[0])
        let query = Set(positions(Analyzer.stemsOnlyMarker + "melumatlarin", nil, .query, stems: true)[0])
        #expect(!doc.isDisjoint(with: query), "\(doc) vs \(query)")
    }

    @Test func snowballForRussianAndEnglish() {
        let ru1 = positions("персональных данных", .ru, stems: true).map { $0.filter { $0.hasPrefix("ru~") } }
        let ru2 = positions("персональные данные", .ru, stems: true).map { $0.filter { $0.hasPrefix("ru~") } }
        #expect(ru1 == ru2 && ru1 == [["ru~персональн"], ["ru~дан"]])
        #expect(positions("governments", .en, stems: true)[0].contains("en~govern"))
        // query without a language: Cyrillic as Russian, Latin as Azerbaijani and English
        // (a Russian or English stem also bare: the index leaves it out where it is the word itself)
        #expect(positions(Analyzer.stemsOnlyMarker + "данных", nil, .query, stems: true) == [["ru~дан", "дан"]])
        #expect(
            positions(Analyzer.stemsOnlyMarker + "processing", nil, .query, stems: true)
                == [["az~processing", "en~process", "process"]])
        // an identifier stays itself in the stem half of a query
        #expect(positions(Analyzer.stemsOnlyMarker + "44-ФЗ", nil, .query, stems: true) == [["44-фз"]])
    }

    @Test func exactFormsStayApartFromStems() {
        // documents keep the exact form; stems live in their own namespace (az~...)
        let doc = positions("qanunun", .az, stems: true)[0]
        #expect(doc.contains("qanunun") && !doc.contains("qanun") && doc.contains("az~qanun"))
        #expect(positions("qanun", nil, .query) == [["qanun"]])
    }

    /// The quality bar of issue 3 on the evaluation set in `data/`.
    @Test func pairwiseF1OnTheEvaluationSet() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let set = try StemmingEvaluation(
            formsTSV: try String(contentsOf: root.appendingPathComponent("data/az-stemming-eval.tsv"), encoding: .utf8),
            nonMergeTSV: try String(
                contentsOf: root.appendingPathComponent("data/az-stemming-nonmerge.tsv"), encoding: .utf8))
        let ours = set.score(StemmingEvaluation.qanunStems)
        let turkish = set.score(StemmingEvaluation.snowballTurkishStems)
        #expect(ours.f1 >= 0.90, "F1 \(ours.f1)")
        #expect(ours.f1 > turkish.f1)
    }
}

import Foundation
import Testing

@testable import QanunCore

@Suite struct StructureParserTests {
    func parse(_ text: String, _ lang: Language) -> ParsedStructure {
        StructureParser(language: lang).parse(Substring(text))
    }

    static let azAct = """
        Elektron sənəd haqqında
        AZƏRBAYCAN RESPUBLİKASININ QANUNU
        Bu Qanun elektron sənəd dövriyyəsini tənzimləyir.
        I fəsil
        ÜMUMİ MÜDDƏALAR
        Maddə 1. Əsas anlayışlar
        1.1. Bu Qanunda istifadə olunan əsas anlayışlar:
        1.1.1. elektron sənəd — elektron formada olan sənəd;[1]
        Maddə 27-1. Əlavə maddə [2]
        27-1.1. Əlavə mətn.
        II fəsil
        YEKUN MÜDDƏALAR
        Maddə 28. Ləğv edilmişdir.
        Maddə 29 ləğv edilmişdir. [3]
        [1] 1 may 2020-ci il tarixli 100-VIQD nömrəli Qanunu ilə 1.1.1-ci maddə yeni redaksiyada verilmişdir.
        Əvvəlki redaksiyada deyilirdi:
        Maddə 1. Köhnə başlıq
        1.1.1. köhnəsözlük — köhnə mətn;
        [2] ilə 27-1-ci maddə əlavə edilmişdir.
        """

    @Test func azerbaijaniStructure() {
        let s = parse(Self.azAct, .az)
        #expect(s.title == "Elektron sənəd haqqında")
        #expect(s.articles.map(\.number) == ["1", "27-1", "28", "29"])
        #expect(s.articles.map(\.eid) == ["chp_1__art_1", "chp_1__art_27-1", "chp_2__art_28", "chp_2__art_29"])
        #expect(s.articles[1].heading == "Əlavə maddə")
        #expect(s.articles[0].chapter == "I fəsil. ÜMUMİ MÜDDƏALAR")
        #expect(s.articles[0].parts.map(\.num) == ["1.1", "1.1.1"])
        #expect(s.articles[0].parts.map(\.level) == [2, 3])
        #expect(s.articles[0].parts[1].text == "elektron sənəd — elektron formada olan sənəd;")
        #expect(s.articles.map(\.repealed) == [false, false, true, true])
    }

    @Test func previousWordingIsApparatusNotLaw() {
        let s = parse(Self.azAct, .az)
        #expect(!s.articles.contains { $0.text.contains("köhnəsözlük") })
        #expect(s.notes.count == 2)
        #expect(s.notes[0].contains("köhnəsözlük"))
    }

    @Test func footnotesRepealArticlesWhoseTextStayed() {
        let text = """
            Maddə 42. Nəzarət
            42.1. Mətn.
            Maddə 43. Müvəkkil
            43.1. Köhnə mətn qalıb.
            Maddə 44. Status
            44.1. Köhnə mətn.
            Maddə 45. Qüvvəyə minmə
            45.1. Mətn.
            [1] 20 aprel 2012-ci il tarixli 323-IVQD nömrəli Qanunu ilə 43-44-cü maddələr ləğv edilmişdir.
            [2] ilə 45.1-ci maddə ləğv edilmişdir.
            """
        let s = parse(text, .az)
        #expect(s.articles.map(\.repealed) == [false, true, true, false])
    }

    @Test func russianStructureAndRepeal() {
        let text = """
            [source: test]
            ГРАЖДАНСКИЙ КОДЕКС
            РАЗДЕЛ I. ОБЩИЕ ПОЛОЖЕНИЯ
            Глава 1. Гражданское законодательство

            Статья 1. Основные начала

            1. Гражданское законодательство основывается на признании равенства.

            2. Граждане приобретают права:

            1) своей волей;

            а) в своём интересе.

            Статья 8. Основания

            Статья 81. Государственная регистрация прав на имущество

            Статья 9. Осуществление прав

            Статья 91.

            (Статья утратила силу - Федеральный закон от 05.05.2014 № 99-ФЗ)

            Статья 10. Пределы

            Статья 5 настоящего Кодекса применяется к отношениям.
            """
        let s = parse(text, .ru)
        #expect(s.title == "ГРАЖДАНСКИЙ КОДЕКС")
        #expect(s.articles.map(\.number) == ["1", "8", "8.1", "9", "9.1", "10"])
        #expect(s.articles.map(\.repealed) == [false, false, false, false, true, false])
        #expect(s.articles[0].parts.map(\.label) == ["1.", "2.", "1)", "а)"])
        #expect(s.articles[0].section == "РАЗДЕЛ I. ОБЩИЕ ПОЛОЖЕНИЯ")
        #expect(s.articles.last!.text.contains("Статья 5 настоящего Кодекса"))
    }

    @Test func englishEUStyle() {
        let text = """
            General Data Protection Regulation
            RECITALS
            (1) The protection of natural persons is a fundamental right.
            CHAPTER I
            General provisions
            Article 1
            Subject-matter and objectives
            1.   This Regulation lays down rules.
            Article 2

            ▼M2
            Material scope
            2.
            This Regulation does not apply:
            (a)
            in the course of an activity;
            Article 2a
            [deleted]
            Article 3
            Territorial scope
            Article 29 shall apply mutatis mutandis.
            Article 7, Article 8(1) and Article 9 apply.
            """
        let s = parse(text, .en)
        #expect(s.articles.map(\.number) == ["1", "2", "2a", "3"])
        #expect(s.articles.map(\.heading) == ["Subject-matter and objectives", "Material scope", "", "Territorial scope"])
        #expect(s.articles[1].parts.map(\.label) == ["2.", "(a)"])
        #expect(s.articles[1].parts[1].text == "in the course of an activity;")
        #expect(s.articles[2].repealed)
        #expect(s.preamble.contains("(1) The protection"))
        #expect(s.articles[0].eid == "chp_1__art_1")
    }

    @Test func usCodeSections() {
        let text = """
            United States Code, Title 5, § 552 (Freedom of Information Act)
            § 552. Public information; agency rules
            (a) Each agency shall make available to the public information.
            § 552a. Records maintained on individuals
            (b) No agency shall disclose any record.
            """
        let s = parse(text, .en)
        #expect(s.articles.map(\.number) == ["552", "552a"])
        #expect(s.articles[0].heading == "Public information; agency rules")
    }

    @Test func paragraphSignIsADivisionInArticleActs() {
        let text = """
            Статья 106. Учреждение
            § 3. (Статьи 107 - 112)
            (Параграф утратил силу - Федеральный закон от 05.05.2014 № 99-ФЗ)
            Статья 113. Унитарное предприятие
            """
        #expect(parse(text, .ru).articles.map(\.number) == ["106", "113"])
    }

    @Test func duplicateNumbersGetUniqueEids() {
        let s = parse("Maddə 1. A\nMaddə 1. B\n", .az)
        #expect(s.articles.map(\.eid) == ["art_1", "art_1_2"])
    }

    @Test func noArticlesIsAReadError() {
        #expect(throws: ReadError.noArticles) {
            try ActReader().parse(Data("Bu sadəcə bir məktubdur və heç bir maddə yoxdur, amma mətn var.".utf8), source: "x")
        }
    }
}

@Suite struct TitleTests {
    @Test func issuerLineIsNotTheTitle() {
        let text = """
            [source: pravo.gov.ru]
            РОССИЙСКАЯ ФЕДЕРАЦИЯ
            Семейный кодекс Российской Федерации
            Принят Государственной Думой 8 декабря 1995 года
            Статья 1. Основные начала семейного законодательства
            """
        let s = StructureParser(language: .ru).parse(Substring(text))
        #expect(s.title == "Семейный кодекс Российской Федерации")
    }
}

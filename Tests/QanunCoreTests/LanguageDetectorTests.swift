import Testing

@testable import QanunCore

@Suite struct LanguageDetectorTests {
    @Test(arguments: [
        ("Bu Qanun fərdi məlumatların toplanılması, işlənilməsi və mühafizəsi ilə bağlı münasibətləri tənzimləyir.", Language.az),
        ("Bu Qanun ferdi melumatlarin toplanilmasi ve muhafizesi ile bagli munasibetleri tenzimleyir ve her hansi", .az),
        ("Настоящий Федеральный закон регулирует отношения, связанные с обработкой персональных данных и их защитой.", .ru),
        ("This Regulation lays down rules relating to the protection of natural persons with regard to the processing.", .en),
    ])
    func detects(text: String, expected: Language) {
        #expect(LanguageDetector.detect(Substring(text)) == expected)
    }

    @Test(arguments: [
        "Diese Verordnung enthält Vorschriften zum Schutz natürlicher Personen bei der Verarbeitung personenbezogener Daten.",
        "Bu Kanun kişisel verilerin işlenmesinde kişilerin temel hak ve özgürlüklerini korumak amacıyla düzenlenmiştir.",
        "Цей Закон регулює правові відносини, пов'язані із захистом і обробкою персональних даних і їх використання.",
        "12345 67890 — 2021 / 15.1 (3)",
    ])
    func refusesOtherLanguages(text: String) {
        #expect(LanguageDetector.detect(Substring(text)) == nil)
    }
}

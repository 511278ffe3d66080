import Foundation
import Testing

@testable import QanunCore

@Suite struct FrontMatterTests {
    @Test func fieldsOverrideDetection() throws {
        let text = """
            ---
            title: "Elektron sənəd haqqında"
            number: 512-VIQ
            date: 2021-03-15
            type: law
            status: in-force
            lang: az
            ---
            Some other first line
            Maddə 1. Məqsəd
            Bu Qanun elektron sənədlərlə bağlı münasibətləri tənzimləyir.
            """
        let act = try ActReader().parse(Data(text.utf8), source: "x.txt")
        #expect(act.title == "Elektron sənəd haqqında")
        #expect(act.number == "512-VIQ")
        #expect(act.date == "2021-03-15")
        #expect(act.type == "law")
        #expect(act.status == "in-force")
        #expect(act.language == .az)
        #expect(act.articles.map(\.number) == ["1"])
    }

    @Test func frontMatterLanguageBeatsDetection() throws {
        let text = "---\nlang: ru\n---\nArticle 1\nScope\nThis Act applies to everything and to the rest.\n"
        #expect(try ActReader().parse(Data(text.utf8), source: "x.txt").language == .ru)
    }

    @Test func malformedYAMLReportsFileLine() {
        let text = "---\ntitle: ok\nnumber: [unclosed\n---\nMaddə 1. X\n"
        #expect {
            try ActReader().parse(Data(text.utf8), source: "x.txt")
        } throws: { error in
            guard case .frontMatter(let line, let message) = error as? ReadError else { return false }
            return line >= 3 && message.contains("invalid YAML")
        }
    }

    @Test func unknownKeyIsAnError() {
        #expect(throws: ReadError.frontMatter(line: 2, message: "unknown key `tittle` (known: title, number, date, type, status, lang)")) {
            try FrontMatter.split("---\ntittle: x\n---\nbody")
        }
    }

    @Test func badLanguageIsAnError() {
        #expect(throws: ReadError.self) { try FrontMatter.split("---\nlang: de\n---\nbody") }
    }

    @Test func unclosedFrontMatterIsAnError() {
        #expect(throws: ReadError.self) { try FrontMatter.split("---\ntitle: x\nMaddə 1. Y\n") }
    }

    @Test func noFrontMatter() throws {
        let (fm, body, _) = try FrontMatter.split("Maddə 1. X\n")
        #expect(fm == FrontMatter())
        #expect(body == "Maddə 1. X\n")
    }
}

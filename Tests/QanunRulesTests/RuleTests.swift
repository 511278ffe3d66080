import Foundation
import QanunCore
import QanunIndex
import Testing

@testable import QanunRules

/// The repository root (for the shipped rules/ and ../shared).
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A rule file around a trigger and a requirement, with the minimum examples.
func ruleYAML(id: String = "test.edoc", scope: String = "corpus", trigger: String?, requires: String) -> String {
    """
    id: \(id)
    severity: error
    scope: \(scope)
    source: {document: seed/x.txt, passage: "electronic documents having the same legal force"}
    title: {az: "Başlıq", en: "Title", ru: "Заголовок"}
    message: {az: "Mesaj", en: "Message", ru: "Сообщение"}
    recommendation: {az: "Tövsiyə", en: "Add it", ru: "Добавьте"}
    \(trigger.map { "trigger:\n" + $0 } ?? "")
    requires:
    \(requires)
    examples:
      - {expect: gap, lang: en, text: "Article 1. A\\nElectronic documents are used."}
      - {expect: gap, lang: ru, text: "Статья 1. А\\nИспользуются электронные документы."}
      - {expect: covered, lang: az, text: "Maddə 1. A\\nElektron sənəd kağız sənədlə eyni hüquqi qüvvəyə malikdir."}
      - {expect: not-applicable, lang: en, text: "Article 1. A\\nThis Act is about fishing."}
    """
}

let edocTrigger = "  concept: electronic document"
let edocRequires = """
      near:
        within: 12
        all:
          - concept: electronic document
          - concept: legal force
      not-negated: true
    """

/// Loads rules from YAML texts (each written to its own file).
func loadRules(_ texts: [String]) throws -> (rules: [Rule], errors: [RuleError], dir: URL) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (i, t) in texts.enumerated() { try Data(t.utf8).write(to: dir.appendingPathComponent("r\(i).yaml")) }
    let (rules, errors) = RuleLoader(termBase: try TermBase.builtIn()).load([dir.path])
    return (rules, errors, dir)
}

/// Parses a small act text as a bill.
func bill(_ text: String, _ lang: Language, source: String = "bill.txt") throws -> Act {
    try ActReader(languageOverride: lang).parse(Data(text.utf8), source: source)
}

/// The status one rule gives a bill checked on its own.
func status(_ rule: Rule, _ text: String, _ lang: Language) throws -> FindingStatus {
    let r = try Checker(rules: [rule], termBase: try TermBase.builtIn()).check(database: nil, bills: [try bill(text, lang)], lang: .en)
    return r.findings[0].status
}

@Suite struct RuleLoaderTests {
    @Test func aValidRuleLoads() throws {
        let (rules, errors, _) = try loadRules([ruleYAML(trigger: edocTrigger, requires: edocRequires)])
        #expect(errors.isEmpty, "\(errors)")
        #expect(rules.first?.id == "test.edoc")
        #expect(rules.first?.examples.count == 4)
    }

    @Test func errorsNameFileLineColumnAndQuoteTheLine() throws {
        // (file text, expected message, a text on the line the error must point at)
        let cases: [(String, String, String)] = [
            (ruleYAML(trigger: edocTrigger, requires: "  concept: no such concept anywhere"), "unknown concept `no such concept anywhere`", "no such concept anywhere"),
            (ruleYAML(trigger: edocTrigger, requires: "  phrase: a\n  concept: law"), "this one has `phrase` and `concept`", "concept: law"),
            (ruleYAML(trigger: edocTrigger, requires: "  regex: \"(unclosed\""), "invalid regular expression", "(unclosed"),
            (ruleYAML(trigger: edocTrigger, requires: "  near: {within: 3, all: [{phrase: a}]}"), "`near` needs", "near:"),
            (ruleYAML(trigger: edocTrigger, requires: edocRequires).replacingOccurrences(of: "severity: error", with: "severity: fatal"), "`severity` must be error, warning or note", "severity: fatal"),
            (ruleYAML(trigger: edocTrigger, requires: edocRequires) + "\nextra: 1\n", "unknown key `extra`", "extra: 1"),
            ("id: x.y\nseverity: [unclosed\n", "invalid YAML", ""),
        ]
        for (text, message, marker) in cases {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = marker.isEmpty ? 3 : (lines.firstIndex { $0.contains(marker) } ?? -1) + 1
            let (_, errors, dir) = try loadRules([text])
            let e = try #require(errors.first, "no error for: \(message)")
            #expect(e.message.contains(message), "\(e.message)")
            #expect(e.line == line, "\(message): line \(e.line)")
            #expect(e.file == dir.appendingPathComponent("r0.yaml").path)
            #expect(e.description.hasPrefix("\(e.file):\(e.line):\(e.column): error: "))
            if line <= lines.count { #expect(e.quoted == String(lines[line - 1])) }
        }
    }

    @Test func examplesAreRequired() throws {
        let text = ruleYAML(trigger: edocTrigger, requires: edocRequires)
        let cut = text.components(separatedBy: "  - {expect: covered").first!
        let (_, errors, _) = try loadRules([cut])
        #expect(errors.first?.message.contains("at least 2 texts") == true)
    }

    @Test func duplicateIdsAreAnError() throws {
        let r = ruleYAML(trigger: edocTrigger, requires: edocRequires)
        let (rules, errors, _) = try loadRules([r, r])
        #expect(rules.count == 1)
        #expect(errors.first?.message.contains("duplicate rule id `test.edoc`") == true)
    }
}

@Suite struct MatcherTests {
    func rule(trigger: String? = edocTrigger, requires: String, scope: String = "act") throws -> Rule {
        let (rules, errors, _) = try loadRules([ruleYAML(scope: scope, trigger: trigger, requires: requires)])
        #expect(errors.isEmpty, "\(errors)")
        return try #require(rules.first)
    }

    @Test func phrasesMatchInflectedAndUnaccentedForms() throws {
        let r = try rule(trigger: nil, requires: "  phrase: \"fərdi məlumat\"")
        #expect(try status(r, "Maddə 1. A\nFərdi məlumatların qorunması təmin edilir.", .az) == .covered)
        #expect(try status(r, "Maddə 1. A\nferdi melumatlarin qorunmasi.", .az) == .covered)
        #expect(try status(r, "Maddə 1. A\nməlumat fərdi deyil.", .az) == .gap)
        let pre = try rule(trigger: nil, requires: "  phrase: \"бумажн* носител*\"")
        #expect(try status(pre, "Статья 1. А\nДокумент на бумажном носителе.", .ru) == .covered)
    }

    @Test func conceptsMatchInEveryLanguage() throws {
        let r = try rule(trigger: nil, requires: "  concept: electronic signature")
        #expect(try status(r, "Article 1. A\nAn electronic signature is used.", .en) == .covered)
        #expect(try status(r, "Статья 1. А\nИспользуется электронная подпись.", .ru) == .covered)
        #expect(try status(r, "Maddə 1. A\nElektron imzadan istifadə olunur.", .az) == .covered)
        #expect(try status(r, "Article 1. A\nA signature is used.", .en) == .gap)
    }

    @Test func triggerDecidesApplicability() throws {
        let r = try rule(requires: edocRequires)
        #expect(try status(r, "Article 1. A\nThis Act is about fishing.", .en) == .notApplicable)
        #expect(try status(r, "Article 1. A\nElectronic documents are archived.", .en) == .gap)
    }

    @Test func nearNeedsTheWordsCloseTogether() throws {
        let r = try rule(requires: edocRequires)
        #expect(try status(r, "Article 1. A\nAn electronic document has the same legal force as a paper one.", .en) == .covered)
        let far = "Article 1. A\nAn electronic document is kept. " + String(repeating: "Other words follow here. ", count: 6)
            + "Contracts have legal force."
        #expect(try status(r, far, .en) == .gap)
    }

    @Test func negatedProvisionsDoNotCount() throws {
        let r = try rule(requires: edocRequires)
        #expect(try status(r, "Статья 1. А\nЭлектронный документ не имеет юридической силы без подписи.", .ru) == .gap)
        #expect(try status(r, "Статья 1. А\nЭлектронный документ имеет юридическую силу.", .ru) == .covered)
        #expect(try status(r, "Maddə 1. A\nElektron sənədin hüquqi qüvvəsinin tanınmasına yol verilmir.", .az) == .gap)
        #expect(try status(r, "Article 1. A\nAn electronic document shall not have legal force.", .en) == .gap)
        // a negation inside the matched words themselves does not negate
        let denied = try rule(requires: """
              near:
                within: 10
                all:
                  - concept: electronic document
                  - phrase: "shall not be denied legal effect"
              not-negated: true
            """)
        #expect(try status(denied, "Article 1. A\nAn electronic document shall not be denied legal effect.", .en) == .covered)
    }

    @Test func notAllAnyAndRegex() throws {
        let r = try rule(trigger: nil, requires: """
              all:
                - concept: electronic document
                - not: {phrase: "paper"}
            """)
        #expect(try status(r, "Article 1. A\nElectronic documents only.", .en) == .covered)
        #expect(try status(r, "Article 1. A\nElectronic documents and paper.", .en) == .gap)
        let re = try rule(trigger: nil, requires: "  regex: \"\\\\b\\\\d+ days\\\\b\"")
        #expect(try status(re, "Article 1. A\nWithin 30 days.", .en) == .covered)
        #expect(try status(re, "Article 1. A\nWithin a month.", .en) == .gap)
    }

    @Test func definitionsArticlesOnly() throws {
        let r = try rule(trigger: nil, requires: "  concept: electronic document\n  in: definitions")
        #expect(try status(r, "Article 1. Definitions\n'electronic document' means data.\nArticle 2. Use\nText.", .en) == .covered)
        #expect(try status(r, "Article 1. Scope\nElectronic documents are used.", .en) == .gap)
        #expect(try status(r, "Статья 1. Основные понятия\nэлектронный документ - информация.", .ru) == .covered)
    }

    @Test func headingOnly() throws {
        let r = try rule(trigger: nil, requires: "  concept: electronic document\n  in: heading")
        #expect(try status(r, "Article 1. Electronic documents\nRules.", .en) == .covered)
        // a cross-reference in the body is not what the article is about
        #expect(try status(r, "Article 1. Scope\nArticle 5 of this Code applies to electronic documents.", .en) == .gap)
    }

    @Test func repealedArticlesAndQuotedWordingAreNeverEvidence() throws {
        let r = try rule(requires: edocRequires)
        #expect(try status(r, "Article 1. A\nElectronic documents are used.\nArticle 2. [deleted]\nArticle 3. B\nText.", .en) == .gap)
        let repealedEvidence = "Статья 1. А\nЭлектронные документы.\nСтатья 2. Сила\n(Статья утратила силу - Федеральный закон от 01.01.2020 № 1-ФЗ)"
        #expect(try status(r, repealedEvidence, .ru) == .gap)
        let quoted = "Article 1. Amendment\nElectronic documents are used. Article 5 shall read: \"An electronic document has the same legal force as a paper document.\""
        #expect(try status(r, quoted, .en) == .gap)
    }
}

@Suite struct AbbreviationTests {
    @Test func capitalsOnly() throws {
        let (rules, errors, _) = try loadRules([ruleYAML(trigger: nil, requires: "  phrase: \"ПО\"")])
        #expect(errors.isEmpty)
        let r = try #require(rules.first)
        #expect(try status(r, "Статья 1. А\nЗакупки ПО проводятся открыто.", .ru) == .covered)
        #expect(try status(r, "Статья 1. А\nЗакупки по конкурсу проводятся открыто.", .ru) == .gap)
    }
}

import Foundation
import QanunCore
import QanunIndex
import Testing

@testable import QanunRules

@Suite struct CheckTests {
    /// A database with one act that gives electronic documents the force of paper.
    func database() throws -> (QanunDatabase, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try QanunDatabase(path: dir.appendingPathComponent("db.sqlite").path)
        let act = dir.appendingPathComponent("law.txt")
        try Data("""
            ---
            title: Электронный документ туралы
            lang: ru
            ---
            Статья 1. Предмет
            Настоящий Закон регулирует электронные документы.
            Статья 5. Юридическая сила электронного документа
            Электронный документ равнозначен документу на бумажном носителе и имеет одинаковую с ним юридическую силу.
            """.utf8).write(to: act)
        _ = Ingestor(database: db).ingest(path: act.path)
        return (db, dir)
    }

    let billText = "Article 1. Scope\nThis Bill governs electronic documents of ministries.\nArticle 2. Storage\nElectronic documents are stored."

    @Test func aBillLackingWhatExistingLawHasIsCoveredWithTheCitation() throws {
        let (rules, errors, _) = try loadRules([ruleYAML(scope: "corpus", trigger: edocTrigger, requires: edocRequires)])
        #expect(errors.isEmpty)
        let (db, _) = try database()
        let checker = try Checker(rules: rules, termBase: try TermBase.builtIn())
        let withLaw = try checker.check(database: db, bills: [try bill(billText, .en)], lang: .ru)
        let f = try #require(withLaw.findings.first)
        #expect(f.status == .covered)
        #expect(f.triggers.first?.source == "bill.txt" && f.triggers.first?.bill == true)
        let ev = try #require(f.evidence.first)
        #expect(ev.article == "5" && !ev.bill && ev.snippet?.contains("«") == true)
        #expect(f.title == "Заголовок")  // the report language
        // on its own the bill has a gap
        let alone = try checker.check(database: nil, bills: [try bill(billText, .en)], lang: .en)
        #expect(alone.findings.first?.status == .gap)
        // act scope: the bill must carry it itself, existing law does not count
        let (actRules, _, _) = try loadRules([ruleYAML(scope: "act", trigger: edocTrigger, requires: edocRequires)])
        let own = try Checker(rules: actRules, termBase: try TermBase.builtIn())
            .check(database: db, bills: [try bill(billText, .en)], lang: .en)
        #expect(own.findings.first?.status == .gap && own.findings.first?.act == "bill.txt")
    }

    @Test func wholeDatabaseCheckJudgesEachActAndTheBodyOfLaw() throws {
        let (rules, _, _) = try loadRules([
            ruleYAML(id: "t.corpus", scope: "corpus", trigger: edocTrigger, requires: edocRequires),
            ruleYAML(id: "t.act", scope: "act", trigger: edocTrigger, requires: "  phrase: \"квалифицированная электронная подпись\""),
        ])
        let (db, _) = try database()
        let r = try Checker(rules: rules, termBase: try TermBase.builtIn()).check(database: db, bills: [], lang: .en)
        #expect(r.findings.map(\.rule) == ["t.corpus", "t.act"])
        #expect(r.findings[0].status == .covered && r.findings[0].scope == .corpus && r.findings[0].act == nil)
        #expect(r.findings[1].status == .gap && r.findings[1].act?.hasSuffix("law.txt") == true)
        #expect(r.summary.gaps == 1 && r.summary.covered == 1 && r.summary.actsChecked == 1)
        #expect(r.cell(rule: "t.corpus", act: r.acts[0].source) == .covered)
        #expect(r.cell(rule: "t.act", act: r.acts[0].source) == .gap)
    }

    @Test func theShippedPackPassesItsExamples() throws {
        let (rules, errors) = RuleLoader(termBase: try TermBase.builtIn()).load([repoRoot.appendingPathComponent("rules").path])
        #expect(errors.isEmpty, "\(errors)")
        let ids = Set(rules.map(\.id))
        for id in [
            "egov.edoc-legal-force", "egov.esignature-equivalence", "egov.official-secret-status", "egov.state-secret-scope",
            "egov.access-to-public-information", "egov.public-discussion-of-drafts", "egov.ict-competition",
            "egov.information-resources-register", "egov.personal-data-protection", "egov.electronic-storage-exchange",
            "egov.interagency-data-exchange", "egov.civil-servant-ict-competence", "egov.informatization-budget",
            "egov.open-ict-procurement",
        ] { #expect(ids.contains(id), "missing \(id)") }
        let (count, failures) = try ExampleRunner(checker: try Checker(rules: rules, termBase: try TermBase.builtIn())).run()
        #expect(count >= 14 * 4)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }
}

@Suite struct ReportFormatTests {
    func report() throws -> CheckReport {
        let (rules, _, _) = try loadRules([
            ruleYAML(id: "t.one", scope: "act", trigger: edocTrigger, requires: edocRequires),
            ruleYAML(id: "t.two", scope: "corpus", trigger: edocTrigger, requires: "  concept: electronic signature"),
            ruleYAML(id: "t.three", scope: "corpus", trigger: "  phrase: fishing", requires: "  phrase: nets"),
        ])
        let bills = [
            try bill("Article 1. A\nAn electronic document has the same legal force as a paper document.", .en, source: "a.txt"),
            try bill("Article 1. B\nElectronic documents <b>&amp;</b> more.", .en, source: "b.txt"),
        ]
        return try Checker(rules: rules, termBase: try TermBase.builtIn()).check(database: nil, bills: bills, lang: .az)
    }

    @Test func jsonKeepsItsFieldNames() throws {
        let data = try JSONEncoder().encode(try report())
        let obj = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let findings = obj["findings"] as! [[String: Any]]
        #expect(findings.count == 4)  // t.one for a.txt and b.txt, t.two, t.three
        for key in ["rule", "severity", "status", "scope", "message", "triggers", "evidence"] {
            #expect(findings[0][key] != nil, "missing \(key)")
        }
        #expect(Set(findings.map { $0["status"] as! String }) == ["gap", "covered", "not-applicable"])
        let ev = (findings.first { $0["status"] as? String == "covered" }!["evidence"] as! [[String: Any]])[0]
        #expect(ev["source"] as? String == "a.txt" && ev["article"] as? String == "1" && ev["snippet"] != nil)
        #expect(obj["summary"] != nil)
    }

    @Test func sarifValidatesAgainstTheOfficialSchema() throws {
        let sarif = try SarifReport.render(try report(), toolVersion: "test")
        let obj = try JSONSerialization.jsonObject(with: sarif) as! [String: Any]
        let run = (obj["runs"] as! [[String: Any]])[0]
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        #expect(rules.map { $0["id"] as! String } == ["t.one", "t.two", "t.three"])
        let results = run["results"] as! [[String: Any]]
        #expect(Set(results.map { $0["kind"] as! String }) == ["fail", "pass", "notApplicable"])
        #expect(results.allSatisfy { ($0["partialFingerprints"] as? [String: String])?["qanunFinding/v1"]?.count == 32 })
        // stable fingerprints: a second run gives the same
        func prints(_ o: [String: Any]) -> [String] {
            ((o["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]]).map {
                ($0["partialFingerprints"] as! [String: String])["qanunFinding/v1"]!
            }
        }
        let again = try JSONSerialization.jsonObject(with: try SarifReport.render(try report(), toolVersion: "test")) as! [String: Any]
        #expect(prints(again) == prints(obj) && Set(prints(obj)).count == results.count)
        try validateWithSchema(sarif)
    }

    /// Validates with the official SARIF 2.1.0 JSON schema in ../shared/schemas through
    /// python3-jsonschema (installed by scripts/deps).
    func validateWithSchema(_ sarif: Data) throws {
        let schema = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas/sarif-schema-2.1.0.json")
        try #require(FileManager.default.fileExists(atPath: schema.path), "the official schema is at ../shared/schemas")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).sarif")
        try sarif.write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [
            "-c",
            "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))); print('valid')",
            file.path, schema.path,
        ]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0, "SARIF does not validate (python3-jsonschema needed: scripts/deps): \(text)")
    }

    @Test func markdownAndHTMLCarryTheSameContent() throws {
        let r = try report()
        let md = MarkdownReport.render(r)
        let html = HTMLReport.render(r)
        for needle in ["Boşluqlar hesabatı", "Əhatə matrisi", "t.one", "t.two", "Tövsiyə", "a.txt", "b.txt"] {
            #expect(md.contains(needle), "markdown lacks \(needle)")
            #expect(html.contains(needle), "html lacks \(needle)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<script") && !html.contains("http://"))
        // article text is escaped, never markup
        #expect(html.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;") || !html.contains("<b>&amp;</b> more"))
        #expect(html.contains("class=\"c gap\"") && html.contains("class=\"c covered\""))
    }
}

import Foundation

/// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format) for code-review and
/// compliance tools: the rule catalogue in `tool.driver.rules`, one result per finding (`fail`
/// for gaps, `pass` for covered requirements, `notApplicable`), a location on the triggering
/// article or on the act, and `partialFingerprints` stable across runs for baselining.
public enum SarifReport {
    public static func render(_ r: CheckReport, toolVersion: String) throws -> Data {
        var rules: [[String: Any]] = []
        var ruleIndex: [String: Int] = [:]
        for (i, rule) in r.rules.enumerated() {
            ruleIndex[rule.id] = i
            rules.append([
                "id": rule.id,
                "name": rule.id.split(separator: ".").last.map(String.init) ?? rule.id,
                "shortDescription": ["text": rule.title],
                "fullDescription": ["text": rule.message],
                "help": ["text": rule.recommendation],
                "defaultConfiguration": ["level": level(rule.severity)],
                "properties": [
                    "scope": rule.scope.rawValue, "sourceDocument": rule.source.document,
                    "sourcePassage": rule.source.passage, "file": rule.file,
                ],
            ])
        }
        var results: [[String: Any]] = []
        for f in r.findings {
            var result: [String: Any] = [
                "ruleId": f.rule,
                "ruleIndex": ruleIndex[f.rule] ?? 0,
                "kind": f.status == .gap ? "fail" : f.status == .covered ? "pass" : "notApplicable",
                "level": f.status == .gap ? level(f.severity) : "none",
                "message": ["text": message(f)],
                "partialFingerprints": ["qanunFinding/v1": f.fingerprint],
                "properties": ["status": f.status.rawValue, "scope": f.scope.rawValue],
            ]
            // where: the evidence (covered), else the first trigger, else the act
            let cites = f.status == .covered ? f.evidence : f.triggers
            var locations = cites.prefix(1).map(location)
            if locations.isEmpty, let act = f.act { locations = [["physicalLocation": ["artifactLocation": ["uri": uri(act)]]]] }
            if !locations.isEmpty { result["locations"] = locations }
            let related = (f.status == .covered ? Array(f.evidence.dropFirst()) : Array(f.triggers.dropFirst()))
            if !related.isEmpty {
                result["relatedLocations"] = related.enumerated().map { i, c in
                    var l = location(c)
                    l["id"] = i + 1
                    return l
                }
            }
            results.append(result)
        }
        let doc: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "qanun", "version": toolVersion, "informationUri": "https://example.org/qanun",
                    "rules": rules,
                ]],
                "language": r.lang,
                "results": results,
                "properties": ["checked": r.checked],
            ]],
        ]
        return try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    static func level(_ s: Severity) -> String { s.rawValue }

    static func message(_ f: Finding) -> String {
        switch f.status {
        case .gap: return f.message + " " + f.recommendation
        case .covered: return f.title + ": " + (f.evidence.first?.snippet ?? "")
        case .notApplicable: return f.title
        }
    }

    static func uri(_ source: String) -> String {
        var s = source
        while s.hasPrefix("./") { s.removeFirst(2) }
        return s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? s
    }

    static func location(_ c: Citation) -> [String: Any] {
        var l: [String: Any] = [
            "physicalLocation": ["artifactLocation": ["uri": uri(c.source)]],
            "logicalLocations": [[
                "name": "\(TextReport.articleWord(c.lang)) \(c.article)", "fullyQualifiedName": "\(c.source)#\(c.eid)",
                "kind": "member",
            ]],
        ]
        if let s = c.snippet { l["message"] = ["text": s] }
        return l
    }
}

import QanunCore

/// Plain-text gap report for a terminal.
public enum TextReport {
    public static func render(_ r: CheckReport) -> String {
        let t = ReportStrings(lang: Language(code: r.lang) ?? .en)
        var out: [String] = []
        out.append("\(t("report")): \(r.summary.rules) \(t("rules")); \(t("checked")): \(r.checked.joined(separator: ", ")) (\(r.summary.actsChecked) \(t("acts")), \(r.summary.articlesChecked) \(t("articles")))")
        for status in [FindingStatus.gap, .covered, .notApplicable] {
            let fs = r.findings(status)
            if fs.isEmpty { continue }
            out.append("")
            for f in fs {
                let act = f.act.map { " \($0)" } ?? ""
                let sev = status == .gap ? " \(f.severity.rawValue)" : ""
                out.append("\(status.rawValue.uppercased())\(sev) \(f.rule) [\(f.scope.rawValue)]\(act) — \(f.title)")
                if status == .gap {
                    out.append("    \(f.message)")
                    if !f.triggers.isEmpty {
                        out.append("    \(t("triggered-by")): " + f.triggers.map(cite).joined(separator: "; "))
                    }
                    out.append("    \(t("recommendation")): \(f.recommendation)")
                } else if status == .covered {
                    for e in f.evidence {
                        out.append("    \(t("evidence")): \(cite(e))\(e.snippet.map { ": \($0)" } ?? "")")
                    }
                }
            }
        }
        let s = r.summary
        let bySev = Severity.allCases.reversed().compactMap { sev in s.gapsBySeverity[sev.rawValue].map { "\(sev.rawValue) \($0)" } }
        out.append("")
        out.append("\(t("summary")): \(s.gaps) gap(s)\(bySev.isEmpty ? "" : " (" + bySev.joined(separator: ", ") + ")"), \(s.covered) covered, \(s.notApplicable) not applicable")
        return out.joined(separator: "\n")
    }

    static func cite(_ c: Citation) -> String {
        "\(c.source) \(articleWord(c.lang)) \(c.article)\(c.heading.isEmpty ? "" : " (\(c.heading))")\(c.bill ? " [bill]" : "")"
    }

    /// How a citation names an article in the act's language: `maddə 5`, `ст. 5`, `art. 5`.
    public static func articleWord(_ lang: String) -> String {
        switch lang {
        case "az": "maddə"
        case "ru": "ст."
        default: "art."
        }
    }
}

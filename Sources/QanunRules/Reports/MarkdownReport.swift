import QanunCore

/// The gap report as Markdown: the same content as the HTML report.
public enum MarkdownReport {
    public static func render(_ r: CheckReport) -> String {
        let t = ReportStrings(lang: Language(code: r.lang) ?? .en)
        var o: [String] = []
        let s = r.summary
        o.append("# \(t("report"))")
        o.append("")
        o.append("\(t("checked")): \(r.checked.map { "`\($0)`" }.joined(separator: ", ")) — \(s.actsChecked) \(t("acts")), \(s.articlesChecked) \(t("articles")), \(s.rules) \(t("rules")).")
        o.append("")
        o.append("## \(t("summary"))")
        o.append("")
        o.append("| \(t("gaps")) | \(t("error")) | \(t("warning")) | \(t("note")) | \(t("covered")) | \(t("not-applicable")) |")
        o.append("|---:|---:|---:|---:|---:|---:|")
        o.append("| \(s.gaps) | \(s.gapsBySeverity["error"] ?? 0) | \(s.gapsBySeverity["warning"] ?? 0) | \(s.gapsBySeverity["note"] ?? 0) | \(s.covered) | \(s.notApplicable) |")
        o.append("")
        o.append("## \(t("matrix"))")
        o.append("")
        o.append("✔ \(t("legend-covered")) · ✖ \(t("legend-gap")) · ○ \(t("legend-elsewhere")) · — \(t("legend-none"))")
        o.append("")
        let acts = r.acts
        o.append("| \(t("requirement")) | " + acts.indices.map { "A\($0 + 1)" }.joined(separator: " | ") + " |")
        o.append("|---|" + acts.map { _ in ":---:" }.joined(separator: "|") + "|")
        for rule in r.rules {
            let cells = acts.map { r.cell(rule: rule.id, act: $0.source).symbol }
            o.append("| `\(rule.id)` | " + cells.joined(separator: " | ") + " |")
        }
        o.append("")
        for (i, a) in acts.enumerated() {
            o.append("- **A\(i + 1)** \(escape(a.title))\(a.bill ? " (\(t("bill")))" : "") — `\(a.source)`")
        }
        o.append("")
        o.append("## \(t("gaps"))")
        o.append("")
        let gaps = r.findings(.gap)
        if gaps.isEmpty { o.append(t("no-findings")) }
        for f in gaps {
            o.append("### \(t.severity(f.severity).uppercased()): \(escape(f.title)) (`\(f.rule)`)")
            o.append("")
            if let act = f.act { o.append("**\(t("act"))**: \(escape(f.actTitle ?? act)) — `\(act)`  ") }
            o.append("\(escape(f.message))")
            o.append("")
            if let rule = r.rule(f.rule) {
                o.append("**\(t("rationale"))** (\(rule.source.document)): > \(escape(rule.source.passage))")
                o.append("")
            }
            if !f.triggers.isEmpty {
                o.append("**\(t("triggered-by"))**:")
                for c in f.triggers { o.append("- \(cite(c))") }
                o.append("")
            }
            o.append("**\(t("recommendation"))**: \(escape(f.recommendation))")
            o.append("")
        }
        o.append("## \(t("covered"))")
        o.append("")
        let covered = r.findings(.covered)
        if covered.isEmpty { o.append(t("no-findings")) }
        for f in covered {
            o.append("### \(escape(f.title)) (`\(f.rule)`)\(f.act.map { " — `\($0)`" } ?? "")")
            o.append("")
            for c in f.evidence { o.append("- \(cite(c))\(c.snippet.map { ": " + escape($0) } ?? "")") }
            o.append("")
        }
        let na = r.findings(.notApplicable)
        if !na.isEmpty {
            o.append("## \(t("not-applicable"))")
            o.append("")
            for f in na { o.append("- `\(f.rule)` — \(escape(f.title))") }
            o.append("")
        }
        o.append("_\(t("generated"))_")
        return o.joined(separator: "\n") + "\n"
    }

    static func cite(_ c: Citation) -> String {
        "\(escape(c.act)), \(TextReport.articleWord(c.lang)) \(c.article)\(c.heading.isEmpty ? "" : " — \(escape(c.heading))") (`\(c.source)`)"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

import Foundation
import QanunCore

/// One self-contained HTML page a policy officer can send by mail: summary, coverage matrix
/// (requirements × acts, colour and symbol so it reads in black and white), each gap with
/// severity, rationale, recommendation and triggering citations, each covered requirement with
/// its evidence. No scripts, no external resources.
public enum HTMLReport {
    public static func render(_ r: CheckReport) -> String {
        let t = ReportStrings(lang: Language(code: r.lang) ?? .en)
        let s = r.summary
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"\(r.lang)\"><head><meta charset=\"utf-8\">")
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        h.append("<title>\(e(t("report")))</title>")
        h.append("<style>\(css)</style></head><body>")
        h.append("<header><h1>\(e(t("report")))</h1>")
        h.append("<p class=\"meta\">\(e(t("checked"))): \(r.checked.map { "<code>\(e($0))</code>" }.joined(separator: ", ")) — \(s.actsChecked) \(e(t("acts"))), \(s.articlesChecked) \(e(t("articles"))), \(s.rules) \(e(t("rules")))</p></header>")

        // summary
        h.append("<section><h2>\(e(t("summary")))</h2><div class=\"cards\">")
        h.append(card(t("gaps"), s.gaps, "gap"))
        for sev in Severity.allCases.reversed() { h.append(card(t.severity(sev), s.gapsBySeverity[sev.rawValue] ?? 0, "sev-\(sev.rawValue)")) }
        h.append(card(t("covered"), s.covered, "covered"))
        h.append(card(t("not-applicable"), s.notApplicable, "na"))
        h.append("</div></section>")

        // matrix
        h.append("<section><h2>\(e(t("matrix")))</h2>")
        h.append("<p class=\"legend\"><span class=\"c covered\">✔</span> \(e(t("legend-covered"))) <span class=\"c gap\">✖</span> \(e(t("legend-gap"))) <span class=\"c elsewhere\">○</span> \(e(t("legend-elsewhere"))) <span class=\"c none\">—</span> \(e(t("legend-none")))</p>")
        h.append("<div class=\"scroll\"><table class=\"matrix\"><thead><tr><th>\(e(t("requirement")))</th><th>\(e(t("severity")))</th>")
        for (i, a) in r.acts.enumerated() { h.append("<th title=\"\(e(a.title))\">A\(i + 1)</th>") }
        h.append("</tr></thead><tbody>")
        for rule in r.rules {
            h.append("<tr><th scope=\"row\"><a href=\"#\(anchor(rule.id))\">\(e(rule.title))</a><br><code>\(e(rule.id))</code></th><td>\(e(t.severity(rule.severity)))</td>")
            for a in r.acts {
                let cell = r.cell(rule: rule.id, act: a.source)
                h.append("<td class=\"c \(cell.rawValue)\" title=\"\(e(t(cell.legendKey)))\">\(cell.symbol)</td>")
            }
            h.append("</tr>")
        }
        h.append("</tbody></table></div><ol class=\"acts\">")
        for (i, a) in r.acts.enumerated() {
            h.append("<li value=\"\(i + 1)\"><b>A\(i + 1)</b> \(e(a.title))\(a.bill ? " <span class=\"tag\">\(e(t("bill")))</span>" : "") <code>\(e(a.source))</code></li>")
        }
        h.append("</ol></section>")

        // gaps
        h.append("<section><h2>\(e(t("gaps"))) (\(s.gaps))</h2>")
        let gaps = r.findings(.gap)
        if gaps.isEmpty { h.append("<p>\(e(t("no-findings")))</p>") }
        for f in gaps {
            let rule = r.rule(f.rule)
            h.append("<article class=\"finding gap sev-\(f.severity.rawValue)\" id=\"\(anchor(f.rule))\">")
            h.append("<h3><span class=\"badge sev-\(f.severity.rawValue)\">\(e(t.severity(f.severity)))</span> \(e(f.title)) <code>\(e(f.rule))</code></h3>")
            if let act = f.act { h.append("<p class=\"act\">\(e(t("act"))): \(e(f.actTitle ?? act)) <code>\(e(act))</code></p>") }
            h.append("<p>\(e(f.message))</p>")
            if let rule {
                h.append("<p class=\"rationale\"><b>\(e(t("rationale"))):</b> <q>\(e(rule.source.passage))</q> <span class=\"src\">(\(e(rule.source.document)))</span></p>")
            }
            if !f.triggers.isEmpty {
                h.append("<p><b>\(e(t("triggered-by"))):</b></p><ul>")
                for c in f.triggers { h.append("<li>\(cite(c))</li>") }
                h.append("</ul>")
            }
            h.append("<p class=\"rec\"><b>\(e(t("recommendation"))):</b> \(e(f.recommendation))</p></article>")
        }
        h.append("</section>")

        // covered
        let covered = r.findings(.covered)
        h.append("<section><h2>\(e(t("covered"))) (\(covered.count))</h2>")
        for f in covered {
            h.append("<article class=\"finding covered\" id=\"\(anchor(f.rule))-ok\"><h3>✔ \(e(f.title)) <code>\(e(f.rule))</code></h3>")
            if let act = f.act { h.append("<p class=\"act\">\(e(t("act"))): \(e(f.actTitle ?? act)) <code>\(e(act))</code></p>") }
            h.append("<p><b>\(e(t("evidence"))):</b></p><ul>")
            for c in f.evidence {
                h.append("<li>\(cite(c))\(c.snippet.map { "<blockquote>\(highlight($0))</blockquote>" } ?? "")</li>")
            }
            h.append("</ul></article>")
        }
        h.append("</section>")
        let na = r.findings(.notApplicable)
        if !na.isEmpty {
            h.append("<section><h2>\(e(t("not-applicable"))) (\(na.count))</h2><ul>")
            for f in na { h.append("<li>\(e(f.title)) <code>\(e(f.rule))</code></li>") }
            h.append("</ul></section>")
        }
        h.append("<footer>\(e(t("generated")))</footer></body></html>")
        return h.joined(separator: "\n") + "\n"
    }

    static func card(_ label: String, _ n: Int, _ cls: String) -> String {
        "<div class=\"card \(cls)\"><div class=\"n\">\(n)</div><div>\(e(label))</div></div>"
    }

    static func cite(_ c: Citation) -> String {
        "\(e(c.act)), \(e(TextReport.articleWord(c.lang))) <b>\(e(c.article))</b>\(c.heading.isEmpty ? "" : " — \(e(c.heading))") <code>\(e(c.source))</code>"
    }

    /// The snippet's «match» as <mark>.
    static func highlight(_ s: String) -> String {
        e(s).replacingOccurrences(of: "«", with: "<mark>").replacingOccurrences(of: "»", with: "</mark>")
    }

    static func anchor(_ id: String) -> String { id.replacingOccurrences(of: ".", with: "-") }

    static func e(_ s: String) -> String {
        var o = ""
        for ch in s {
            switch ch {
            case "&": o += "&amp;"
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "\"": o += "&quot;"
            default: o.append(ch)
            }
        }
        return o
    }

    static let css = """
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1d2329;max-width:1100px;margin:2em auto;padding:0 1em}
        h1{font-size:1.7em;margin:0}h2{border-bottom:2px solid #d8dee4;padding-bottom:.2em;margin-top:2em}h3{font-size:1.1em;margin:.2em 0}
        code{font:12px/1.3 ui-monospace,Menlo,Consolas,monospace;background:#f3f4f6;padding:1px 4px;border-radius:3px}
        .meta,.src,.act{color:#57606a}.cards{display:flex;gap:.8em;flex-wrap:wrap}
        .card{border:1px solid #d0d7de;border-radius:6px;padding:.6em 1em;min-width:7em;text-align:center}.card .n{font-size:1.8em;font-weight:700}
        .card.gap .n,.card.sev-error .n{color:#b42318}.card.sev-warning .n{color:#9a6700}.card.sev-note .n{color:#0969da}.card.covered .n{color:#1a7f37}.card.na .n{color:#57606a}
        .scroll{overflow-x:auto}table.matrix{border-collapse:collapse;font-size:13px}
        .matrix th,.matrix td{border:1px solid #d0d7de;padding:3px 6px;text-align:center}.matrix th[scope=row]{text-align:left;font-weight:400;min-width:16em}
        .c.covered{background:#dafbe1;color:#1a7f37;font-weight:700}.c.gap{background:#ffebe9;color:#b42318;font-weight:700}
        .c.elsewhere{background:#fff8c5;color:#7d4e00}.c.none{color:#8c959f}
        .legend .c{display:inline-block;width:1.6em;text-align:center;border:1px solid #d0d7de;margin-left:.8em}
        ol.acts{font-size:13px;columns:2}
        .finding{border-left:5px solid #d0d7de;padding:.4em 1em;margin:1em 0;background:#fafbfc;break-inside:avoid}
        .finding.sev-error{border-color:#b42318}.finding.sev-warning{border-color:#bf8700}.finding.sev-note{border-color:#0969da}.finding.covered{border-color:#1a7f37}
        .badge{font-size:12px;text-transform:uppercase;padding:1px 6px;border-radius:10px;color:#fff}
        .badge.sev-error{background:#b42318}.badge.sev-warning{background:#9a6700}.badge.sev-note{background:#0969da}
        .tag{font-size:11px;border:1px solid #57606a;border-radius:3px;padding:0 3px}
        blockquote{margin:.3em 0 .6em;padding:.2em .8em;border-left:3px solid #d0d7de;color:#424a53}mark{background:#fff3b0}
        footer{margin-top:3em;color:#8c959f;font-size:12px}
        @media print{body{margin:0;max-width:none}.scroll{overflow:visible}.finding{background:none}a{color:inherit;text-decoration:none}
        .c.covered,.c.gap,.c.elsewhere,.badge,.card{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """
}

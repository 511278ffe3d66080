import Foundation

/// Recognises repealed articles: a body that says only "repealed" in one of the three languages,
/// and (Azerbaijani consolidated texts) amendment footnotes that repeal articles whose old text was
/// left in the body.
enum RepealDetector {
    private static let notices: [String] = [
        "ləğv edilmişdir", "ləğv olunmuşdur", "qüvvədən düşmüş hesab edilmişdir",
        "утратила силу", "утратил силу", "утратило силу", "утратили силу", "исключена", "исключен",
        "deleted", "repealed", "omitted",
    ]

    /// True when `text` is nothing but a repeal notice (with its source), e.g.
    /// `Ləğv edilmişdir.`, `(Статья утратила силу - Федеральный закон от ... № 99-ФЗ)`, `[deleted]`.
    static func isRepealNotice(_ text: String) -> Bool {
        let t = FootnoteMarkers.strip(text).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, t.count <= 400 else { return false }
        let lower = t.lowercased()
        guard let hit = notices.first(where: { lower.contains($0) }) else { return false }
        // A notice is short, or is an editorial parenthesis: "(Статья утратила силу - ...)".
        if lower.hasPrefix("(") || lower.hasPrefix("[") { return true }
        let words = lower.split(whereSeparator: { $0 == " " || $0 == "\n" })
        return words.count <= hit.split(separator: " ").count + 3
    }

    /// Article numbers that Azerbaijani amendment footnotes declare repealed:
    /// `... ilə 57-ci maddə ləğv edilmişdir.`, `... ilə 43-55-ci maddələr ləğv edilmişdir.`
    /// Points (`10.5.4-cü maddə`) are not articles and are ignored.
    /// Chapters that amendment footnotes repeal whole: `... ilə XLVI fəsil ləğv edilmişdir.`
    static func repealedChapters(_ notes: [String]) -> Set<String> {
        var out = Set<String>()
        for note in notes where note.contains("fəsil ləğv edilmişdir") {
            let words = note.split(separator: " ")
            for (k, w) in words.enumerated() where k + 2 < words.count && words[k + 1] == "fəsil" && words[k + 2] == "ləğv" {
                if w.allSatisfy({ "IVXLC".contains($0) }) { out.insert(String(w)) }
            }
        }
        return out
    }

    static func repealedByFootnotes(_ notes: [String]) -> Set<String> {
        var out = Set<String>()
        for note in notes where note.contains("ləğv edilmişdir") {
            let scalars = Array(note)
            var i = 0
            while i < scalars.count {
                guard scalars[i].isASCII, scalars[i].isNumber, i == 0 || !(scalars[i - 1].isNumber || scalars[i - 1] == "." || scalars[i - 1] == "-") else {
                    i += 1; continue
                }
                // number(-number)? then -(n)c[iıuü] then space then maddə(lər)? then ləğv edilmişdir
                var j = i
                var first = "", second = ""
                while j < scalars.count, scalars[j].isASCII, scalars[j].isNumber { first.append(scalars[j]); j += 1 }
                if j + 1 < scalars.count, scalars[j] == "-", scalars[j + 1].isNumber {
                    j += 1
                    while j < scalars.count, scalars[j].isASCII, scalars[j].isNumber { second.append(scalars[j]); j += 1 }
                }
                let rest = String(scalars[j..<min(scalars.count, j + 40)])
                i = j
                guard let m = rest.range(of: #"^-n?c[iıuü] (maddə(lər|ləri)? )?ləğv edilmişdir"#, options: .regularExpression)
                else { continue }
                let plural = rest[m].contains("maddələr")
                if plural, let a = Int(first), let b = Int(second), a < b, b - a < 500 {
                    for n in a...b { out.insert(String(n)) }
                } else if !plural {
                    out.insert(second.isEmpty ? first : "\(first)-\(second)")
                }
            }
        }
        return out
    }
}

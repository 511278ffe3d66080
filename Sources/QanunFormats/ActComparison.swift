import QanunCore

/// Compares two readings of the same act (text vs HTML vs DOCX…, or an act and its Akoma Ntoso
/// round trip): the articles with their numbers, headings, divisions, repeal flags and parts.
public enum ActComparison {
    /// What to compare beyond the articles' numbers, headings and part texts.
    public struct Options: Sendable {
        public var divisions = true
        public var partNumbers = true
        public var metadata = false
        public init(divisions: Bool = true, partNumbers: Bool = true, metadata: Bool = false) {
            self.divisions = divisions
            self.partNumbers = partNumbers
            self.metadata = metadata
        }
    }

    /// Human-readable differences, at most `limit`; empty when the acts agree.
    public static func differences(_ a: Act, _ b: Act, options: Options = Options(), limit: Int = 10) -> [String] {
        var out: [String] = []
        func note(_ s: String) { if out.count < limit { out.append(s) } }
        if options.metadata {
            if a.title != b.title { note("title: \(a.title.debugDescription) vs \(b.title.debugDescription)") }
            if a.number != b.number { note("number: \(a.number ?? "nil") vs \(b.number ?? "nil")") }
            if a.date != b.date { note("date: \(a.date ?? "nil") vs \(b.date ?? "nil")") }
            if a.type != b.type { note("type: \(a.type ?? "nil") vs \(b.type ?? "nil")") }
            if a.status != b.status { note("status: \(a.status ?? "nil") vs \(b.status ?? "nil")") }
            if a.language != b.language { note("language: \(a.language) vs \(b.language)") }
            if a.preamble != b.preamble { note("preamble differs") }
            if a.notes != b.notes { note("notes differ (\(a.notes.count) vs \(b.notes.count))") }
        }
        if a.articles.count != b.articles.count {
            note("\(a.articles.count) articles vs \(b.articles.count)")
        }
        for (x, y) in zip(a.articles, b.articles) {
            let at = "article \(x.number)"
            if x.number != y.number { note("\(at): number \(y.number) in the second"); continue }
            if x.heading != y.heading { note("\(at): heading \(x.heading.debugDescription) vs \(y.heading.debugDescription)") }
            if x.repealed != y.repealed { note("\(at): repealed \(x.repealed) vs \(y.repealed)") }
            if options.divisions {
                if x.chapter != y.chapter { note("\(at): chapter \(x.chapter ?? "nil") vs \(y.chapter ?? "nil")") }
                if x.section != y.section { note("\(at): section \(x.section ?? "nil") vs \(y.section ?? "nil")") }
            }
            if x.parts.count != y.parts.count {
                note("\(at): \(x.parts.count) parts vs \(y.parts.count)")
            }
            for (k, (p, q)) in zip(x.parts, y.parts).enumerated() {
                if p.text != q.text { note("\(at) part \(k + 1): \(p.text.debugDescription) vs \(q.text.debugDescription)"); continue }
                if options.partNumbers && (p.num != q.num || p.label != q.label || p.level != q.level) {
                    note("\(at) part \(k + 1): number \(p.label ?? "-")/\(p.level) vs \(q.label ?? "-")/\(q.level)")
                }
            }
        }
        return out
    }
}

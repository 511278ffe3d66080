import Foundation
import QanunCore
import QanunIndex

/// One article to check, from the database or from a bill being checked.
public struct CheckedArticle: Sendable {
    public var source: String
    public var act: String
    public var lang: Language
    public var number: String
    public var heading: String
    public var body: String
    public var repealed: Bool
    public var eid: String

    public init(
        source: String, act: String, lang: Language, number: String, heading: String, body: String, repealed: Bool,
        eid: String
    ) {
        self.source = source
        self.act = act
        self.lang = lang
        self.number = number
        self.heading = heading
        self.body = body
        self.repealed = repealed
        self.eid = eid
    }

    /// The articles of a parsed act (a bill checked without storing it).
    public static func from(_ act: Act) -> [CheckedArticle] {
        act.articles.map {
            CheckedArticle(
                source: act.source, act: act.title, lang: act.language, number: $0.number, heading: $0.heading,
                body: $0.text, repealed: $0.repealed, eid: $0.eid)
        }
    }
}

/// A run of word positions in an article (inclusive).
struct Span: Sendable, Equatable {
    var start: Int
    var end: Int
}

/// An article analysed for matching: which terms occur at which word positions, the sentence of
/// each position, and which positions are quoted wording (never evidence).
///
/// The analysis is the search analysis (`Analyzer`, document mode), so rules see exactly what
/// search sees: exact, letter-folded and stemmed forms at each position.
final class ArticleIndex {
    let article: CheckedArticle
    /// Heading, a newline, then the body: what the positions index into.
    let text: String
    let utf8: [UInt8]
    var positions: [String: [Int]] = [:]
    /// Per position: the exact and folded forms (for prefixes), byte range in `text`.
    var forms: [[String]] = []
    var ranges: [(start: Int, end: Int)] = []
    var sentence: [Int] = []
    /// Positions inside a long quotation (previous or amending wording).
    var quoted: Set<Int> = []
    /// Positions that belong to the heading.
    var headingEnd = 0

    init(_ article: CheckedArticle) {
        self.article = article
        text = article.heading + "\n" + article.body
        utf8 = Array(text.utf8)
        let headingBytes = article.heading.utf8.count
        var pos = -1
        for t in Analyzer.terms(text, language: article.lang, mode: .document) {
            if !t.colocated {
                pos += 1
                forms.append([])
                ranges.append((t.start, t.end))
                if t.start < headingBytes { headingEnd = pos + 1 }
            }
            positions[t.term, default: []].append(pos)
            // (a byte test: `contains("~")` resolves to Foundation's substring search, 20% of a
            // check once prefixes were fast)
            if !t.term.containsByte(UInt8(ascii: "~")) { forms[pos].append(t.term) }
        }
        sentence = Self.sentences(utf8, ranges)
        quoted = Self.quotedPositions(utf8, ranges)
    }

    var count: Int { forms.count }

    /// Sentence number of each position: a new sentence after `.`, `;`, `!`, `?` followed by a
    /// space, and after a line break.
    static func sentences(_ b: [UInt8], _ ranges: [(start: Int, end: Int)]) -> [Int] {
        var out: [Int] = []
        var s = 0
        var prevEnd = 0
        for r in ranges {
            var i = prevEnd
            while i < r.start {
                let c = b[i]
                if c == 0x0A { s += 1 } else if c == 0x2E || c == 0x3B || c == 0x21 || c == 0x3F {
                    if i + 1 < b.count, b[i + 1] == 0x20 || b[i + 1] == 0x0A { s += 1 }
                }
                i += 1
            }
            out.append(s)
            prevEnd = r.end
        }
        return out
    }

    /// Positions inside quotation marks spanning six words or more: quoted wording (a previous
    /// version, text inserted by an amendment) is not a provision of this act. Short quotations
    /// (defined terms: «электронный документ») stay.
    static func quotedPositions(_ b: [UInt8], _ ranges: [(start: Int, end: Int)]) -> Set<Int> {
        // opening/closing quotes: « » “ ” „ and ASCII "
        // by Unicode scalar: every quote mark is one (walking Characters and measuring each one
        // as a new String was 5% of a check, in the same profile as `sortedForms`)
        let text = String(decoding: b, as: UTF8.self)
        var spans: [(Int, Int)] = []
        var open: Int?
        var openChar: Unicode.Scalar = " "
        var offset = 0
        for ch in text.unicodeScalars {
            let n = UTF8.width(ch)
            if let o = open {
                let closes = (openChar == "«" && ch == "»") || (openChar == "“" && (ch == "”" || ch == "“"))
                    || (openChar == "„" && (ch == "“" || ch == "”")) || (openChar == "\"" && ch == "\"")
                if closes { spans.append((o, offset)); open = nil }
            } else if ch == "«" || ch == "“" || ch == "„" || ch == "\"" {
                open = offset
                openChar = ch
            }
            offset += n
        }
        var out = Set<Int>()
        for (a, z) in spans {
            let inside = ranges.indices.filter { ranges[$0].start > a && ranges[$0].end <= z }
            if inside.count >= 6 { out.formUnion(inside) }
        }
        return out
    }

    /// Start positions where `p` matches (every word in turn), quoted wording excluded.
    func match(_ p: PhrasePattern) -> [Span] {
        guard let first = p.words.first else { return [] }
        var starts = candidates(first)
        for (k, w) in p.words.enumerated().dropFirst() {
            let next = Set(candidates(w))
            starts = starts.filter { next.contains($0 + k) }
            if starts.isEmpty { break }
        }
        return starts.sorted().map { Span(start: $0, end: $0 + p.words.count - 1) }
            .filter { s in !(s.start...s.end).contains { quoted.contains($0) } }
    }

    private func candidates(_ w: WordPattern) -> [Int] {
        if let prefix = w.prefix {
            // positions with a form that starts with the prefix or one of the keys, in order
            var found = Set<Int>()
            for key in w.keys.union([prefix]) { found.formUnion(positions(withFormStarting: key)) }
            return found.sorted()
        }
        var out: [Int] = []
        for k in w.keys { if let ps = positions[k] { out += ps } }
        if w.capitals { out = out.filter { startsWithCapitals($0, w.capitalLetters) } }
        return out
    }

    /// The exact and folded forms (position, index in `forms[position]`), sorted by their UTF-8
    /// bytes: a prefix finds its forms by binary search. (In the profile of a full check before
    /// this, comparing every form of every candidate article with `hasPrefix` was 62%.)
    private lazy var sortedForms: [(position: Int32, form: Int32)] = {
        var out: [(position: Int32, form: Int32)] = []
        for (i, fs) in forms.enumerated() { for j in fs.indices { out.append((Int32(i), Int32(j))) } }
        out.sort { form($0).utf8.lexicographicallyPrecedes(form($1).utf8) }
        return out
    }()

    private func form(_ e: (position: Int32, form: Int32)) -> String { forms[Int(e.position)][Int(e.form)] }

    /// Positions with a form that `hasPrefix(key)`. Forms and keys come from the analysis, which
    /// normalises them (NFKC, lower case), so a form that starts with the key starts with its
    /// bytes; those are found by binary search, then confirmed with `hasPrefix` (which also
    /// refuses a key that ends inside a character, `e` in `é` written with a combining accent).
    private func positions(withFormStarting key: String) -> [Int] {
        var lo = 0, hi = sortedForms.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if form(sortedForms[mid]).utf8.lexicographicallyPrecedes(key.utf8) { lo = mid + 1 } else { hi = mid }
        }
        var out: [Int] = []
        while lo < sortedForms.count, case let f = form(sortedForms[lo]), f.utf8.starts(with: key.utf8) {
            if f.hasPrefix(key) { out.append(Int(sortedForms[lo].position)) }
            lo += 1
        }
        return out
    }

    /// The word at `pos` starts with `n` capital letters in the text.
    private func startsWithCapitals(_ pos: Int, _ n: Int) -> Bool {
        let r = ranges[pos]
        let letters = String(decoding: utf8[r.start..<r.end], as: UTF8.self).filter(\.isLetter).prefix(n)
        return letters.count == n && letters.allSatisfy(\.isUppercase)
    }

    /// An HTML-free snippet around a span: the words around it, the match in «».
    func snippet(_ s: Span, context: Int = 12) -> String {
        guard !ranges.isEmpty else { return "" }
        let a = max(0, s.start - context), z = min(ranges.count - 1, s.end + context)
        let from = ranges[a].start, to = ranges[z].end
        func slice(_ x: Int, _ y: Int) -> String { String(decoding: utf8[x..<y], as: UTF8.self) }
        let ms = ranges[s.start].start, me = ranges[min(s.end, ranges.count - 1)].end
        var out = (a > 0 ? "…" : "") + slice(from, ms) + "«" + slice(ms, me) + "»" + slice(me, to) + (z < ranges.count - 1 ? "…" : "")
        out = out.replacingOccurrences(of: "\n", with: " ")
        return out
    }
}

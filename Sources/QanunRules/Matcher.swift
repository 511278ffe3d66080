import Foundation

/// Evaluates conditions against one analysed article.
struct Matcher {
    let cues: RuleCues

    /// The spans where `c` matches in `a` (empty: no match). A `not` that holds matches the whole
    /// article; so does a regex (its span is the words it covers).
    func spans(_ c: Condition, in a: ArticleIndex) -> [Span] {
        switch c {
        case .phrase(let p):
            return a.match(p)
        case .concept(_, _, let terms):
            return terms.flatMap { a.match($0) }
        case .any(let items):
            return items.flatMap { spans($0, in: a) }
        case .all(let items):
            // a `not` is a constraint: it must hold, but its whole-article span is not a match
            var out: [Span] = []
            for item in items {
                let s = spans(item, in: a)
                if s.isEmpty { return [] }
                if !Self.isNegation(item) { out += s }
            }
            return out.isEmpty ? [Span(start: 0, end: max(0, a.count - 1))] : out
        case .near(let within, let items):
            return near(within, items.map { spans($0, in: a) })
        case .not(let inner):
            return spans(inner, in: a).isEmpty ? [Span(start: 0, end: max(0, a.count - 1))] : []
        case .regex(let pattern):
            guard let re = RegexCache.shared.regex(pattern) else { return [] }
            let ns = a.text as NSString
            return re.matches(in: a.text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
                let startByte = ns.substring(to: m.range.location).utf8.count
                let endByte = startByte + ns.substring(with: m.range).utf8.count
                let covered = a.ranges.indices.filter { a.ranges[$0].end > startByte && a.ranges[$0].start < endByte }
                guard let f = covered.first, let l = covered.last else { return nil }
                return Span(start: f, end: l)
            }
        case .modified(let inner, let notNegated, let inDefinitions, let inHeading):
            if inDefinitions && !cues.isDefinitions(a) { return [] }
            var s = spans(inner, in: a)
            if inHeading { s = s.filter { $0.end < a.headingEnd } }
            guard notNegated else { return s }
            return notNegatedSpans(inner, s, in: a)
        }
    }

    static func isNegation(_ c: Condition) -> Bool {
        switch c {
        case .not: return true
        case .modified(let inner, _, _, _): return isNegation(inner)
        default: return false
        }
    }

    /// Spans where every list has a span and all lie within `within` words: for each span of the
    /// first list, the nearest span of each other list; the combined stretch is the match.
    func near(_ within: Int, _ lists: [[Span]]) -> [Span] {
        guard let first = lists.first, !lists.contains(where: \.isEmpty) else { return [] }
        var out: [Span] = []
        for s in first {
            var lo = s.start, hi = s.end
            var ok = true
            for other in lists.dropFirst() {
                let best = other.min { dist($0, s) < dist($1, s) }!
                if dist(best, s) > within { ok = false; break }
                lo = min(lo, best.start)
                hi = max(hi, best.end)
            }
            if ok && hi - lo <= within + 8 { out.append(Span(start: lo, end: hi)) }
        }
        return out
    }

    private func dist(_ a: Span, _ b: Span) -> Int {
        if a.end < b.start { return b.start - a.end }
        if b.end < a.start { return a.start - b.end }
        return 0
    }

    /// Keeps the spans whose sentence(s) have no negation cue outside the words matched by
    /// `inner` itself (so `shall not be denied legal effect` is not negated by its own `not`).
    private func notNegatedSpans(_ inner: Condition, _ spans: [Span], in a: ArticleIndex) -> [Span] {
        guard !spans.isEmpty else { return [] }
        let own = Set(leafSpans(inner, in: a).flatMap { Array($0.start...$0.end) })
        let cueSpans = cues.negation.flatMap { a.match($0) }
        return spans.filter { s in
            let sentences = Set((s.start...s.end).map { a.sentence[$0] })
            return !cueSpans.contains { c in
                sentences.contains(a.sentence[c.start]) && !(c.start...c.end).allSatisfy { own.contains($0) }
            }
        }
    }

    /// Spans of the phrases and concepts inside a condition (the words it matched itself).
    private func leafSpans(_ c: Condition, in a: ArticleIndex) -> [Span] {
        switch c {
        case .phrase, .concept, .regex: return spans(c, in: a)
        case .any(let items), .all(let items), .near(_, let items): return items.flatMap { leafSpans($0, in: a) }
        case .not: return []
        case .modified(let inner, _, _, _): return leafSpans(inner, in: a)
        }
    }
}

/// Compiled regular expressions, shared: a rule's regex is compiled once, not per article.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private var compiled: [String: NSRegularExpression] = [:]
    private let lock = NSLock()

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let r = compiled[pattern] { return r }
        let r = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        compiled[pattern] = r
        return r
    }
}

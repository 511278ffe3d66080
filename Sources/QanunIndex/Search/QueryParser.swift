import QanunCore
/// A parsed search query. Built by `QueryParser` from what the user typed, rendered to an FTS5
/// MATCH expression by `fts5Expression()`; user text never reaches MATCH unquoted.
public indirect enum Query: Equatable, Sendable {
    /// A word: matches its exact form (ranked higher) or its stem.
    case term(String, prefix: Bool)
    /// A quoted phrase: exact wording only (case, and Azerbaijani typed without its letters, aside).
    case phrase(String)
    case and([Query])
    case or([Query])
    case not(Query)
    /// Words that name a term-base concept, replaced by the concept's terms in every language;
    /// each term matches as a phrase, exact or stemmed. `exact`: the words were a quoted phrase,
    /// matched exactly, and `terms` holds only the concept's other terms.
    case concept(typed: String, exact: Bool, terms: [String])
}

/// A query the user must fix; the message says what and where.
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Parses the search syntax:
/// - words (implicit AND), `"exact phrases"`, `prefix*`
/// - `-word`, `-"phrase"`, `-(group)` (or `NOT word`) excludes
/// - `OR` between alternatives (upper-case), `AND` allowed and implied
/// - `( ... )` groups
/// Words containing `-`, `.` or `/` (`5485-1`, `38.6.2`, `44-ФЗ`) are single terms.
public struct QueryParser {
    /// Decides whether a word has anything searchable in it (the analysis produces a term).
    public var isSearchable: (String) -> Bool

    public init(isSearchable: @escaping (String) -> Bool = { Analyzer.hasTerms($0) }) {
        self.isSearchable = isSearchable
    }

    enum Token: Equatable {
        case word(String, prefix: Bool)
        case phrase(String)
        case lparen, rparen, or, and, not
    }

    public func parse(_ input: String) throws(QueryError) -> Query {
        var tokens = try tokenize(input)
        if tokens.isEmpty { throw QueryError(message: "the query is empty: type the words to search for") }
        var pos = 0
        let q = try parseOr(&tokens, &pos)
        if pos < tokens.count {
            if tokens[pos] == .rparen {
                throw QueryError(message: "unbalanced parentheses: a `)` has no matching `(`")
            }
            throw QueryError(message: "unexpected input near token \(pos + 1)")
        }
        guard let pruned = prune(q) else {
            throw QueryError(message: "nothing searchable in the query: use letters or digits")
        }
        if case .not = pruned {
            throw QueryError(message: "the query only excludes: add at least one word to search for")
        }
        return pruned
    }

    /// Splits the input by Unicode scalar (a query is parsed on every search: walking Characters
    /// and asking a String whether it contains one cost more than the index lookups).
    private func tokenize(_ input: String) throws(QueryError) -> [Token] {
        let scalars = input.unicodeScalars
        let s = Array(scalars)
        // where each scalar starts in `input`, so words are sliced out of it rather than rebuilt
        let at = Array(scalars.indices) + [scalars.endIndex]
        func isSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }
        func isQuote(_ c: Unicode.Scalar) -> Bool { c == "\"" || c == "“" || c == "”" || c == "«" || c == "»" }
        func text(_ r: Range<Int>) -> String { String(scalars[at[r.lowerBound]..<at[r.upperBound]]) }
        var out: [Token] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            if isSpace(c) { i += 1; continue }
            // a closing quote with no opening one (`закон»` pasted from a longer text) separates
            if c == "»" { i += 1; continue }
            if c == "(" { out.append(.lparen); i += 1; continue }
            if c == ")" { out.append(.rparen); i += 1; continue }
            if c == "-" || c == "−" {
                // `-` excludes when it starts an item; inside a word it is part of the word.
                if i + 1 < s.count, !isSpace(s[i + 1]) {
                    out.append(.not); i += 1; continue
                }
                i += 1; continue
            }
            if c == "\"" || c == "“" || c == "”" || c == "«" {
                let start = i + 1
                let closes: (Unicode.Scalar) -> Bool = c == "«" ? { $0 == "»" } : { $0 == "\"" || $0 == "”" || $0 == "“" }
                guard let end = s[start...].firstIndex(where: closes) else {
                    throw QueryError(message: "unterminated phrase: a `\(c)` is never closed")
                }
                out.append(.phrase(text(start..<end)))
                i = end + 1
                continue
            }
            var j = i
            while j < s.count, !isSpace(s[j]), s[j] != "(", s[j] != ")", !isQuote(s[j]) { j += 1 }
            var word = text(i..<j)
            i = j
            if word == "OR" || word == "|" { out.append(.or); continue }
            if word == "AND" || word == "&" { out.append(.and); continue }
            if word == "NOT" { out.append(.not); continue }
            var prefix = false
            if word.hasSuffix("*") {
                while word.hasSuffix("*") { word.removeLast() }
                prefix = true
            }
            if word.containsByte(UInt8(ascii: "*")) { throw QueryError(message: "`*` marks a prefix and goes at the end of a word: `\(word)*`") }
            if word.isEmpty { throw QueryError(message: "`*` needs a word before it, e.g. `seher*`") }
            out.append(.word(word, prefix: prefix))
        }
        return out
    }

    private func parseOr(_ t: inout [Token], _ pos: inout Int) throws(QueryError) -> Query {
        var alts = [try parseAnd(&t, &pos)]
        while pos < t.count, t[pos] == .or {
            pos += 1
            guard pos < t.count, t[pos] != .rparen, t[pos] != .or else {
                throw QueryError(message: "`OR` needs something on both sides")
            }
            alts.append(try parseAnd(&t, &pos))
        }
        return alts.count == 1 ? alts[0] : .or(alts)
    }

    private func parseAnd(_ t: inout [Token], _ pos: inout Int) throws(QueryError) -> Query {
        var items: [Query] = []
        while pos < t.count, t[pos] != .rparen, t[pos] != .or {
            if t[pos] == .and {
                pos += 1
                if items.isEmpty || pos >= t.count || t[pos] == .rparen || t[pos] == .or {
                    throw QueryError(message: "`AND` needs something on both sides")
                }
                continue
            }
            items.append(try parseUnary(&t, &pos))
        }
        if items.isEmpty {
            if pos < t.count, t[pos] == .or { throw QueryError(message: "`OR` needs something on both sides") }
            throw QueryError(message: "empty group: `()` has nothing to search for")
        }
        return items.count == 1 ? items[0] : .and(items)
    }

    private func parseUnary(_ t: inout [Token], _ pos: inout Int) throws(QueryError) -> Query {
        switch t[pos] {
        case .not:
            pos += 1
            guard pos < t.count, t[pos] != .rparen, t[pos] != .or, t[pos] != .not else {
                throw QueryError(message: "`-` (or NOT) must be followed by the word, phrase or group to exclude")
            }
            return .not(try parseUnary(&t, &pos))
        case .lparen:
            pos += 1
            let inner = try parseOr(&t, &pos)
            guard pos < t.count, t[pos] == .rparen else {
                throw QueryError(message: "unbalanced parentheses: a `(` is never closed")
            }
            pos += 1
            return inner
        case .word(let w, let prefix):
            pos += 1
            return .term(w, prefix: prefix)
        case .phrase(let p):
            pos += 1
            return .phrase(p)
        case .rparen, .or, .and:
            throw QueryError(message: "unexpected `\(t[pos])`")
        }
    }

    /// Drops words with nothing searchable (`§`, `—`); nil if nothing is left.
    private func prune(_ q: Query) -> Query? {
        switch q {
        case .term(let w, _): return isSearchable(w) ? q : nil
        case .phrase(let p): return isSearchable(p) ? q : nil
        case .concept: return q
        case .not(let inner): return prune(inner).map { .not($0) }
        case .and(let items):
            let kept = items.compactMap(prune)
            return kept.isEmpty ? nil : kept.count == 1 ? kept[0] : .and(kept)
        case .or(let items):
            let kept = items.compactMap(prune)
            return kept.isEmpty ? nil : kept.count == 1 ? kept[0] : .or(kept)
        }
    }
}

extension Query {
    /// The FTS5 MATCH expression. Every user string is a quoted FTS5 string; FTS5 then runs the
    /// `qanun` tokenizer in query mode on it, so queries and documents are analysed alike.
    public func fts5Expression() throws(QueryError) -> String { try fts5Match().expression }

    /// The MATCH expression and, for `qanun_rank`, the group of each of its phrases in order:
    /// a word's exact and stemmed phrases form one group, a concept's terms another, so that
    /// synonyms count once in the score. After `\u{1F}` come the phrases themselves (separated by
    /// `\u{1E}`): `qanun_rank` remembers how many articles each matches, until the data changes.
    /// `expression: false` leaves the FTS5 expression (and `qanun_rank`'s keys) out: the ranking
    /// through the segments needs only the groups, the program and the phrases.
    public func fts5Match(expression: Bool = true) throws(QueryError) -> MatchPlan {
        var b = MatchBuilder(expression: expression)
        let expr = try b.render(self)
        // (a phrase holding a separator goes without keys, its IDF then counted every time, and
        // without the phrase list: FTS5 ranks it)
        if b.separators {
            return MatchPlan(expression: expr, groups: b.groups, program: b.program, phrases: nil)
        }
        return MatchPlan(
            expression: expr, groups: expression ? b.groups + "\u{1F}" + b.phrases.joined(separator: "\u{1E}") : b.groups,
            program: b.program, phrases: b.rawPhrases)
    }

    static func quote(_ s: String) -> String {
        // (Foundation's replacingOccurrences costs microseconds even when there is no quote)
        guard s.containsByte(UInt8(ascii: "\"")) else { return "\"" + s + "\"" }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// A query as FTS5 and the ranking functions take it.
public struct MatchPlan: Sendable {
    /// The FTS5 MATCH expression.
    public var expression: String
    /// `qanun_rank`'s groups: one number per phrase (synonyms count once), then the phrases as keys.
    public var groups: String
    /// The expression in postfix over phrase numbers, for `qanun_search` (topk.c).
    public var program: String
    /// The phrases in MATCH order, `=text` or `*text` (prefix), separated by \u{1E}; nil when a
    /// phrase holds a separator (`qanun_search` is then not asked).
    public var phrases: String?
}

/// Renders a query, numbering its phrases in the order FTS5 sees them (left to right).
struct MatchBuilder {
    /// `qanun_rank`'s groups: the group of each phrase, space-separated, in MATCH order.
    var groups = ""
    var phrases: [String] = []
    /// The same expression in postfix over phrase numbers (`0 1 | 2 3 | &`; `a b -` is a NOT b),
    /// for `qanun_search` (topk.c), which evaluates it over each phrase's list of matching rows.
    var program = ""
    /// Each phrase as `qanun_search` reads it: `=` or `*` (prefix), then its text; \u{1E} between.
    var rawPhrases = ""
    /// Whether a phrase holds \u{1E}, \u{1F} or NUL (the separators of `groups` and `rawPhrases`).
    var separators = false
    /// Whether to build the FTS5 expression (`render`'s result) and the quoted `phrases`.
    let expression: Bool
    private var count = 0
    private var nextGroup = 0

    init(expression: Bool = true) { self.expression = expression }

    /// Appends an operator of the postfix program.
    mutating func op(_ o: String, times: Int = 1) {
        for _ in 0..<max(times, 0) { program += " " + o }
    }

    private mutating func phrase(_ s: String, group: Int, prefix: Bool = false) -> String {
        if count > 0 {
            program += " "
            groups += " "
            rawPhrases += "\u{1E}"
        }
        program += String(count)
        groups += String(group)
        rawPhrases += (prefix ? "*" : "=") + s
        count += 1
        // (the separators are ASCII: bytes tell)
        if !separators && s.utf8.contains(where: { $0 == 0x1E || $0 == 0x1F || $0 == 0 }) { separators = true }
        guard expression else { return "" }
        let p = Query.quote(s) + (prefix ? " *" : "")
        phrases.append(p)
        return p
    }

    private mutating func newGroup() -> Int {
        defer { nextGroup += 1 }
        return nextGroup
    }

    mutating func render(_ q: Query) throws(QueryError) -> String {
        switch q {
        case .term(let w, true): return phrase(w, group: newGroup(), prefix: true)
        // exact OR stem: an article with the exact form matches both and ranks higher
        case .term(let w, false):
            let g = newGroup()
            let exact = phrase(w, group: g)
            let stem = phrase(Analyzer.stemsOnlyMarker + w, group: g)
            op("|")
            return "(\(exact) OR \(stem))"
        case .phrase(let p): return phrase(p, group: newGroup())
        case .concept(let typed, _, let terms):
            // Every language gets the same shape (each term exact OR stemmed), and the typed
            // words themselves, exact, so the wording the user typed ranks first.
            // The typed wording is its own group: articles with exactly those words score it on
            // top of the concept's best term, so the user's own wording ranks first.
            var parts = [phrase(typed, group: newGroup())]
            let g = newGroup()
            for t in terms {
                parts.append(phrase(t, group: g))
                parts.append(phrase(Analyzer.stemsOnlyMarker + t, group: g))
            }
            op("|", times: parts.count - 1)
            return "(" + parts.joined(separator: " OR ") + ")"
        case .or(let items):
            var parts: [String] = []
            for i in items { parts.append(try render(i)) }
            op("|", times: parts.count - 1)
            return "(" + parts.joined(separator: " OR ") + ")"
        case .not:
            throw QueryError(message: "the query only excludes: add at least one word to search for")
        case .and(let items):
            var positive: [String] = [], negative: [String] = []
            for item in items {
                if case .not = item { continue }
                positive.append(try render(item))
            }
            guard !positive.isEmpty else {
                throw QueryError(message: "a group only excludes: add at least one word to search for in it")
            }
            op("&", times: positive.count - 1)
            for item in items {
                if case .not(let inner) = item {
                    negative.append(try render(inner))
                    op("-")
                }
            }
            var expr = positive.count == 1 ? positive[0] : "(" + positive.joined(separator: " AND ") + ")"
            for n in negative { expr = "(\(expr) NOT \(n))" }
            return expr
        }
    }
}

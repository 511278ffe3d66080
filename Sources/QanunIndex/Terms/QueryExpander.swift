import Foundation
import QanunCore

/// What a search expanded: the words typed, the concept they name and its terms.
public struct Expansion: Codable, Sendable, Equatable {
    /// The words as typed.
    public var from: String
    public var concept: String
    /// Language code -> the concept's terms searched for.
    public var terms: [String: [String]]
}

/// Rewrites a parsed query so that words naming a term-base concept also find the concept's
/// terms in the other languages. Runs of plain words (not excluded, not prefixes) and quoted
/// phrases are matched against the term base, longest term first.
public struct QueryExpander {
    public var termBase: TermBase

    public init(termBase: TermBase) { self.termBase = termBase }

    public func expand(_ query: Query) -> (Query, [Expansion]) {
        var found: [Expansion] = []
        let q = rewrite(query, &found)
        return (q, found)
    }

    private func rewrite(_ q: Query, _ found: inout [Expansion]) -> Query {
        switch q {
        case .term(_, false):
            let r = rewriteRun([q], &found)
            return r.count == 1 ? r[0] : .and(r)
        case .phrase(let p):
            let words = TermBase.matchKeys(p)
            let typed = p.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            if !words.isEmpty, typed.count == words.count, let m = termBase.longestMatch(words, typed: typed, at: 0),
                m.length == words.count
            {
                return concept(m.concept, typed: p, exact: true, &found)
            }
            return q
        case .and(let items):
            var out: [Query] = []
            var run: [Query] = []
            for item in items {
                if case .term(_, false) = item { run.append(item); continue }
                out += rewriteRun(run, &found)
                run = []
                if case .not = item { out.append(item) } else { out.append(rewrite(item, &found)) }
            }
            out += rewriteRun(run, &found)
            return out.count == 1 ? out[0] : .and(out)
        case .or(let items): return .or(items.map { rewrite($0, &found) })
        case .not, .term, .concept: return q
        }
    }

    /// Replaces the words of `run` (plain terms) that name concepts.
    private func rewriteRun(_ run: [Query], _ found: inout [Expansion]) -> [Query] {
        guard !run.isEmpty else { return [] }
        let texts = run.map { if case .term(let w, _) = $0 { return w } else { return "" } }
        // one key set per query word (a word the analysis splits stays one word here)
        let words = texts.map { TermBase.matchKeys($0).reduce(into: Set<String>()) { $0.formUnion($1) } }
        var out: [Query] = []
        var i = 0
        var anyConcept = false
        while i < run.count {
            if let m = termBase.longestMatch(words, typed: texts, at: i) {
                let typed = texts[i..<(i + m.length)].joined(separator: " ")
                out.append(concept(m.concept, typed: typed, exact: false, &found))
                anyConcept = true
                i += m.length
            } else {
                out.append(run[i])
                i += 1
            }
        }
        // function words would keep the other languages out: drop them once a concept is named
        if anyConcept {
            out.removeAll { if case .term(let w, _) = $0 { return TermBase.stopwords.contains(w.lowercased()) } else { return false } }
        }
        return out
    }



    /// Terms an expansion can search for: the index is case-blind, so a two-letter abbreviation
    /// (`ПО`, `IT`) or a term that is a function word in another language (az `and`, oath) would
    /// match ordinary words everywhere.
    static func searchable(_ term: String) -> Bool {
        let letters = term.filter(\.isLetter)
        if letters.count <= 2 && letters.allSatisfy(\.isUppercase) { return false }
        if !term.contains(" ") && TermBase.stopwords.contains(term.lowercased()) { return false }
        return true
    }

    private func concept(_ index: Int, typed: String, exact: Bool, _ found: inout [Expansion]) -> Query {
        let c = termBase.concepts[index]
        let typedKeys = TermBase.matchKeys(typed)
        var terms: [String] = []
        var byLang: [String: [String]] = [:]
        for ((lang, t), k) in zip(c.allTerms, termBase.termKeys[index]) where !terms.contains(t.text) && Self.searchable(t.text) {
            // a quoted phrase stays exact: the term it names is not searched stemmed as well
            if exact && k.count == typedKeys.count && zip(k, typedKeys).allSatisfy({ !$0.isDisjoint(with: $1) }) { continue }
            terms.append(t.text)
            byLang[lang, default: []].append(t.text)
        }
        found.append(Expansion(from: typed, concept: c.id, terms: byLang))
        return .concept(typed: typed, exact: exact, terms: terms)
    }
}

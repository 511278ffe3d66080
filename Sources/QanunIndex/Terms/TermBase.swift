import Foundation
import QanunCore

/// One term of a concept in one language (`electronic signature`, `ЭЦП`).
public struct Term: Codable, Sendable, Equatable {
    public var text: String
    /// TBX `termType` when given: `fullForm`, `abbreviation`, `synonym`, `variant`, …
    public var type: String?
}

/// A concept of the term base with its terms in az, ru and en.
public struct Concept: Codable, Sendable, Equatable {
    public var id: String
    public var subject: String?
    public var terms: [String: [Term]]  // language code -> terms, preferred first

    /// All terms, every language, in a stable order (az, ru, en).
    public var allTerms: [(lang: String, term: Term)] {
        ["az", "ru", "en"].flatMap { l in (terms[l] ?? []).map { (l, $0) } }
    }
}

/// The trilingual term base: concepts loaded from TBX (ISO 30042) files, and the analysed form
/// of each term for matching queries (inflection, casing and missing Azerbaijani letters aside).
public final class TermBase: Sendable {
    public let concepts: [Concept]
    /// Every term's words as match keys, by the key of its first word.
    let index: [String: [Entry]]
    /// Per concept, per term (in `allTerms` order): the term's match keys, word by word.
    let termKeys: [[[Set<String>]]]

    struct Entry: Sendable {
        var concept: Int
        var words: [Set<String>]
        /// An abbreviation (`ПО`, `ЭЦП`, `AR`) matches only as typed, in capitals: `по` is a
        /// preposition, not software.
        var abbreviation: String?
    }

    /// The term base shipped with Qanun (`Resources/termbase.tbx`).
    public static func builtIn() throws -> TermBase {
        try TermBase(concepts: builtInConcepts())
    }

    private static func builtInConcepts() throws -> [Concept] {
        guard let url = Bundle.module.url(forResource: "termbase", withExtension: "tbx") else {
            throw TBXError(file: "termbase.tbx", line: 0, column: 0, message: "missing from the resource bundle; rebuild with `swift build`")
        }
        return try TBXReader.read(url: url)
    }

    /// Loads the built-in term base (unless `builtIn` is false) extended by `files`, in order;
    /// a concept id seen again replaces the earlier concept. (The match keys are computed once,
    /// for the merged concepts: every `qanun search` pays for them.)
    public static func load(files: [String], builtIn: Bool = true) throws -> TermBase {
        var concepts: [Concept] = builtIn ? try Self.builtInConcepts() : []
        for f in files {
            let more = try TBXReader.read(url: URL(fileURLWithPath: f))
            for c in more {
                if let i = concepts.firstIndex(where: { $0.id == c.id }) { concepts[i] = c } else { concepts.append(c) }
            }
        }
        return TermBase(concepts: concepts)
    }

    public init(concepts: [Concept]) {
        self.concepts = concepts
        var index: [String: [Entry]] = [:]
        var termKeys: [[[Set<String>]]] = []
        for (i, c) in concepts.enumerated() {
            termKeys.append([])
            for (_, term) in c.allTerms {
                let words = Self.matchKeys(term.text)
                termKeys[i].append(words)
                guard let first = words.first else { continue }
                let letters = term.text.filter(\.isLetter)
                let abbreviation = letters.count >= 2 && letters.allSatisfy(\.isUppercase) ? term.text : nil
                for k in first {
                    index[k, default: []].append(Entry(concept: i, words: words, abbreviation: abbreviation))
                }
            }
        }
        self.index = index
        self.termKeys = termKeys
    }

    /// The keys a text's words are matched by, word by word: each word's exact and folded form
    /// and its stems in every language it could be.
    package static func matchKeys(_ text: String) -> [Set<String>] {
        var words = analysedKeys(text)
        let folded = foldAzerbaijani(text)
        if folded != text {
            let more = analysedKeys(folded)
            if more.count == words.count { for i in words.indices { words[i].formUnion(more[i]) } }
        }
        return words
    }

    /// The text with Azerbaijani letters replaced the way people type without them.
    package static func foldAzerbaijani(_ text: String) -> String {
        // by scalar (a Character dictionary per call was a fifth of loading the term base); a
        // letter followed by a combining mark is another Character and stays, as it did then
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var changed = false
        for (i, c) in scalars.enumerated() {
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            if let f = Self.azFold(c), next.map({ !Self.joinsPrevious($0) }) ?? true {
                out.append(f)
                changed = true
            } else {
                out.append(c)
            }
        }
        return changed ? String(out) : text
    }

    /// Whether `c` belongs to the Character of the scalar before it (a combining mark, a joiner).
    private static func joinsPrevious(_ c: Unicode.Scalar) -> Bool {
        c.properties.isGraphemeExtend || c.properties.generalCategory == .spacingMark || c.value == 0x200D
    }

    private static func azFold(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        switch c {
        case "ə": "e"
        case "Ə": "E"
        case "ı": "i"
        case "ş": "s"
        case "Ş": "S"
        case "ğ": "g"
        case "Ğ": "G"
        case "ç": "c"
        case "Ç": "C"
        case "ö": "o"
        case "Ö": "O"
        case "ü": "u"
        case "Ü": "U"
        case "İ": "I"
        default: nil
        }
    }

    private static func analysedKeys(_ text: String) -> [Set<String>] {
        let exact = Analyzer.terms(text, language: nil, mode: .query)
        let stems = Analyzer.terms(Analyzer.stemsOnlyMarker + text, language: nil, mode: .query)
        var words: [Set<String>] = []
        for t in exact { if t.colocated, !words.isEmpty { words[words.count - 1].insert(t.term) } else { words.append([t.term]) } }
        var i = -1
        for t in stems {
            if !t.colocated { i += 1 }
            if i >= 0 && i < words.count { words[i].insert(t.term) }
        }
        return words
    }

    /// The concept one of whose terms is `name` (any language, case-insensitive), as rules name them.
    public func concept(named name: String) -> Concept? {
        let key = name.lowercased()
        return concepts.first { $0.allTerms.contains { $0.term.text.lowercased() == key } }
    }

    /// The concepts a query names: a concept matches when all words of one of its terms match,
    /// word by word, the query's words (any language, any inflection).
    public func lookup(_ query: String) -> [Concept] {
        let words = Self.matchKeys(query)
        var found: [Int] = []
        for (i, keys) in termKeys.enumerated()
        where keys.contains(where: { tw in
            tw.count == words.count && zip(tw, words).allSatisfy { !$0.isDisjoint(with: $1) }
        }) {
            found.append(i)
        }
        if found.isEmpty {
            // fall back to concepts that contain the query as part of a term
            for (i, keys) in termKeys.enumerated()
            where keys.contains(where: { tw in
                tw.count > words.count && (0...(tw.count - words.count)).contains { s in
                    zip(tw[s...], words).allSatisfy { !$0.isDisjoint(with: $1) }
                }
            }) {
                found.append(i)
            }
        }
        return found.map { concepts[$0] }
    }

    /// Function words (`Resources/stopwords.txt`): they never start a concept match, and a query
    /// that names a concept drops them.
    static let stopwords: Set<String> = {
        guard let url = Bundle.module.url(forResource: "stopwords", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return Set(
            text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }()

    /// The longest concept term starting at `words[start]` (`typed` are the words as typed):
    /// (concept index, words matched).
    func longestMatch(_ words: [Set<String>], typed: [String], at start: Int) -> (concept: Int, length: Int)? {
        let letters = typed[start].filter(\.isLetter)
        let capitals = letters.count >= 2 && letters.allSatisfy(\.isUppercase)
        if !capitals && Self.stopwords.contains(typed[start].lowercased()) { return nil }
        // longest term first; on a tie, the term whose words match as typed (not only by stem),
        // then the earlier concept, so the choice never depends on set order
        var best: (concept: Int, length: Int, exact: Int)?
        var seen = Set<Int>()
        for k in words[start] {
            for e in index[k] ?? [] where e.words.count <= words.count - start {
                if let abbr = e.abbreviation, typed[start] != abbr { continue }
                let key = e.concept * 1000 + e.words.count
                if seen.contains(key) { continue }
                if zip(e.words, words[start...]).allSatisfy({ !$0.isDisjoint(with: $1) }) {
                    seen.insert(key)
                    let exact = e.words.indices.filter { i in
                        let t = typed[start + i].lowercased()
                        return e.words[i].contains(t) || e.words[i].contains(Self.foldAzerbaijani(t))
                    }.count
                    let better: Bool
                    if let b = best {
                        better = (e.words.count, exact, -e.concept) > (b.length, b.exact, -b.concept)
                    } else {
                        better = true
                    }
                    if better { best = (e.concept, e.words.count, exact) }
                }
            }
        }
        return best.map { ($0.concept, $0.length) }
    }
}

import Foundation

/// Pairwise evaluation of a stemmer on a set of word forms grouped by lemma.
///
/// Every pair of distinct forms is a decision: forms of the same lemma should merge (same stem),
/// forms of different lemmas should not; the non-merge pairs add pairs that look alike but must
/// stay apart (`qanun`/`qan`). A pair merges when the two words share a stem (the index stores
/// every stem a word gets, so that is when a search for one finds the other).
public struct StemmingEvaluation: Sendable {
    /// One lemma's forms, lower-cased.
    public var lemmas: [String: Set<String>]
    public var nonMerge: [(String, String)]

    public init(lemmas: [String: Set<String>], nonMerge: [(String, String)]) {
        self.lemmas = lemmas
        self.nonMerge = nonMerge
    }

    /// Reads the TSV sets: `lemma<TAB>form<TAB>...` and `a<TAB>b<TAB>...` (first line a header).
    public init(formsTSV: String, nonMergeTSV: String) throws {
        var lemmas: [String: Set<String>] = [:]
        for (i, line) in formsTSV.split(separator: "\n").enumerated() where i > 0 {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 2 else { throw EvaluationError("forms line \(i + 1): expected lemma<TAB>form") }
            let lemma = String(f[0]).lowercased(), form = String(f[1]).lowercased()
            lemmas[lemma, default: [lemma]].insert(form)
        }
        var pairs: [(String, String)] = []
        for (i, line) in nonMergeTSV.split(separator: "\n").enumerated() where i > 0 {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 2 else { throw EvaluationError("non-merge line \(i + 1): expected a<TAB>b") }
            pairs.append((String(f[0]).lowercased(), String(f[1]).lowercased()))
        }
        self.init(lemmas: lemmas, nonMerge: pairs)
    }

    public struct Score: Sendable, Codable, Equatable {
        public var precision: Double, recall: Double, f1: Double
        public var truePositives: Int, falsePositives: Int, falseNegatives: Int
        /// Non-merge pairs the stemmer merged.
        public var nonMergeViolations: [String]
    }

    /// Scores `stems` (a word's stems) on this set.
    public func score(_ stems: (String) -> Set<String>) -> Score {
        var entries: [(lemma: String, stems: Set<String>)] = []
        var cache: [String: Set<String>] = [:]
        func s(_ w: String) -> Set<String> {
            if let c = cache[w] { return c }
            let r = stems(w)
            cache[w] = r
            return r
        }
        for (lemma, forms) in lemmas.sorted(by: { $0.key < $1.key }) {
            for f in forms.sorted() { entries.append((lemma, s(f))) }
        }
        var tp = 0, fp = 0, fn = 0
        for i in entries.indices {
            for j in entries.indices where j > i {
                let same = entries[i].lemma == entries[j].lemma
                let merged = !entries[i].stems.isDisjoint(with: entries[j].stems)
                if same && merged { tp += 1 } else if same { fn += 1 } else if merged { fp += 1 }
            }
        }
        var violations: [String] = []
        for (a, b) in nonMerge where !s(a).isDisjoint(with: s(b)) {
            fp += 1
            violations.append("\(a)/\(b)")
        }
        let p = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
        let r = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
        let f = p + r == 0 ? 0 : 2 * p * r / (p + r)
        return Score(
            precision: p, recall: r, f1: f, truePositives: tp, falsePositives: fp, falseNegatives: fn,
            nonMergeViolations: violations)
    }

    /// Our Azerbaijani analyser: all stems it stores for a word.
    public static func qanunStems(_ word: String) -> Set<String> {
        Set(Analyzer.stem(word, with: .azerbaijani).split(separator: " ").map(String.init))
    }

    /// Snowball's Turkish stemmer, the closest existing one.
    public static func snowballTurkishStems(_ word: String) -> Set<String> {
        [Analyzer.stem(word, with: .snowballTurkish)]
    }
}

/// A malformed evaluation file.
public struct EvaluationError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}

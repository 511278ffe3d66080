import Foundation
import QanunCore
import QanunIndex
import Yams

/// Language data the rule engine uses (`Resources/rule-cues.yaml`): negation cues and the
/// headings of definitions articles, in az, ru and en.
struct RuleCues: Sendable {
    var negation: [PhrasePattern]
    var definitionsHeading: [PhrasePattern]

    static func load() throws -> RuleCues {
        guard let url = Bundle.module.url(forResource: "rule-cues", withExtension: "yaml") else {
            throw RuleError(file: "rule-cues.yaml", line: 0, column: 0, message: "missing from the resource bundle; rebuild")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let node = try Yams.compose(yaml: text), let map = node.mapping else {
            throw RuleError(file: url.path, line: 1, column: 1, message: "expected negation: and definitions-heading:")
        }
        func list(_ key: String) -> [PhrasePattern] {
            guard let byLang = map[key]?.mapping else { return [] }
            return byLang.flatMap { _, v in (v.sequence ?? []).compactMap { $0.string }.map(PatternBuilder.phrase) }
        }
        return RuleCues(negation: list("negation"), definitionsHeading: list("definitions-heading"))
    }

    /// A definitions article: its heading contains a definitions-heading cue.
    func isDefinitions(_ a: ArticleIndex) -> Bool {
        definitionsHeading.contains { p in a.match(p).contains { $0.end < a.headingEnd } }
    }
}

/// Builds phrase patterns from rule text through the search analysis.
enum PatternBuilder {
    static func phrase(_ text: String) -> PhrasePattern {
        var words: [WordPattern] = []
        for raw in text.split(whereSeparator: { $0.isWhitespace }) {
            var w = String(raw)
            if w.hasSuffix("*") {
                while w.hasSuffix("*") { w.removeLast() }
                let lower = Analyzer.terms(w, language: nil, mode: .query).first?.term ?? w.lowercased()
                let folded = TermBase.foldAzerbaijani(lower)
                words.append(WordPattern(keys: [lower, folded], prefix: lower))
                continue
            }
            let keys = TermBase.matchKeys(w).reduce(into: Set<String>()) { $0.formUnion($1) }
            let letters = w.filter(\.isLetter)
            let capitals = letters.count >= 2 && letters.allSatisfy(\.isUppercase)
            if !keys.isEmpty {
                words.append(WordPattern(keys: keys, prefix: nil, capitals: capitals, capitalLetters: letters.count))
            }
        }
        return PhrasePattern(text: text, words: words)
    }
}

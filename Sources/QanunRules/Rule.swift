import QanunCore

/// Text in the three report languages.
public struct Localized: Codable, Sendable, Equatable {
    public var az: String
    public var en: String
    public var ru: String

    public func text(_ lang: Language) -> String {
        switch lang {
        case .az: az
        case .en: en
        case .ru: ru
        }
    }
}

public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case note, warning, error

    var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Where a requirement must be met: in the body of law as a whole, or in each act on its own.
public enum Scope: String, Codable, Sendable {
    case corpus, act
}

/// One gap rule, loaded from `rules/**/*.yaml` (one rule per file).
public struct Rule: Sendable {
    public var id: String
    public var severity: Severity
    public var scope: Scope
    /// The passage of the source analysis the rule comes from.
    public var source: RuleSource
    public var title: Localized
    public var message: Localized
    public var recommendation: Localized
    /// What makes the rule apply; nil: it always applies.
    public var trigger: Condition?
    /// The provision that must then exist.
    public var requires: Condition
    public var examples: [RuleExample]
    /// Where the rule was loaded from (`rules/egov/edoc-legal-force.yaml`).
    public var file: String
}

public struct RuleSource: Codable, Sendable, Equatable {
    public var document: String
    public var passage: String
}

/// A text a rule must judge a given way; `qanun rules test` runs each through the real pipeline.
public struct RuleExample: Sendable {
    public var expect: FindingStatus
    public var lang: Language
    public var text: String
    /// Line of the example in the rule file, for failure messages.
    public var line: Int
}

/// A pattern over one article. See README "Gap rules" for the language.
public indirect enum Condition: Sendable {
    /// Consecutive words, each matched exact or by stem (or by prefix: `word*`).
    case phrase(PhrasePattern)
    /// Any term of a term-base concept, in any language.
    case concept(id: String, name: String, terms: [PhrasePattern])
    case any([Condition])
    case all([Condition])
    /// All conditions match within `within` words of each other.
    case near(within: Int, [Condition])
    /// The article does not match.
    case not(Condition)
    /// Escape hatch: a case-insensitive regular expression over the article text.
    case regex(String)
    /// Modifiers: only matches not negated in their sentence; only in a definitions article;
    /// only in the article's heading.
    case modified(Condition, notNegated: Bool, inDefinitions: Bool, inHeading: Bool)
}

/// A phrase as written in a rule, with its words analysed for matching.
public struct PhrasePattern: Sendable {
    public var text: String
    /// Per word: the terms any one of which matches the word (exact, folded, stems), or a prefix.
    public var words: [WordPattern]
}

public struct WordPattern: Sendable {
    /// Terms that match this word at a position (exact, folded and stem forms).
    public var keys: Set<String>
    /// For `word*`: the prefix an exact or folded form must start with.
    public var prefix: String?
    /// An abbreviation written in capitals (`ПО`, `IT`, `ЭЦП`) matches only capitals in the
    /// text: `ПО` is software, `по` a preposition.
    public var capitals = false
    /// The letters of such an abbreviation (`ИКТ` in `ИКТ-компетентность` is enough).
    public var capitalLetters = 0
}

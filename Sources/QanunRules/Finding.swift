import QanunCore

public enum FindingStatus: String, Codable, Sendable {
    case gap, covered
    case notApplicable = "not-applicable"
}

/// An article cited by a finding: what triggered the rule, or the evidence that meets it.
public struct Citation: Codable, Sendable, Equatable {
    public var source: String
    public var act: String
    public var article: String
    public var heading: String
    public var eid: String
    public var lang: String
    /// The matched words in context («…»); evidence only.
    public var snippet: String?
    /// True when the article comes from a bill being checked rather than from the database.
    public var bill: Bool
}

/// One rule's outcome for the body of law (scope corpus) or for one act (scope act).
/// JSON field names are a contract (see README "Gap reports"): keep them.
public struct Finding: Codable, Sendable {
    public var rule: String
    public var severity: Severity
    public var status: FindingStatus
    public var scope: Scope
    /// The act the finding is about (scope act); nil for the body of law.
    public var act: String?
    public var actTitle: String?
    public var title: String
    public var message: String
    public var recommendation: String
    /// The first few citations (the checker's `maxCitations`).
    public var triggers: [Citation]
    public var evidence: [Citation]
    /// Every act with a triggering article / with evidence (for the coverage matrix).
    public var triggerActs: [String]
    public var evidenceActs: [String]
    /// Stable across runs: rule, scope and act (SARIF `partialFingerprints`).
    public var fingerprint: String
}

public struct Summary: Codable, Sendable {
    public var rules: Int
    public var gaps: Int
    public var covered: Int
    public var notApplicable: Int
    public var gapsBySeverity: [String: Int]
    public var actsChecked: Int
    public var articlesChecked: Int
}

/// The result of `qanun check`.
public struct CheckReport: Codable, Sendable {
    public var findings: [Finding]
    public var summary: Summary
    /// Report language (az, en, ru).
    public var lang: String
    /// What was checked: the database path and/or the bills.
    public var checked: [String]
    /// Every act checked (source, title), in order: the columns of the coverage matrix.
    public var acts: [ActRef]
    /// The rule catalogue, for SARIF and the report's rule list.
    public var rules: [RuleInfo]
}

public struct ActRef: Codable, Sendable, Equatable {
    public var source: String
    public var title: String
    public var bill: Bool
}

public struct RuleInfo: Codable, Sendable {
    public var id: String
    public var severity: Severity
    public var scope: Scope
    public var title: String
    public var message: String
    public var recommendation: String
    public var source: RuleSource
    public var file: String
}

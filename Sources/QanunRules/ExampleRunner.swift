import Foundation
import QanunCore
import QanunIndex

/// Runs a rule's examples through the real pipeline (reader, structure parser, analysis,
/// matcher, checker) and reports the ones judged differently from their `expect`.
public struct ExampleRunner {
    public var checker: Checker

    public init(checker: Checker) { self.checker = checker }

    public struct Failure: Sendable, CustomStringConvertible {
        public var rule: String
        public var file: String
        public var line: Int
        public var expected: FindingStatus
        public var got: FindingStatus
        public var lang: Language
        public var description: String {
            "\(file):\(line): \(rule): example (\(lang.rawValue)) expected \(expected.rawValue), got \(got.rawValue)"
        }
    }

    /// Every example of every rule; returns (examples run, failures).
    public func run() throws -> (count: Int, failures: [Failure]) {
        var failures: [Failure] = []
        var count = 0
        for rule in checker.rules {
            let single = checker.with(rules: [rule])
            for (i, ex) in rule.examples.enumerated() {
                count += 1
                let got = try status(of: ex, index: i, with: single, rule: rule)
                if got != ex.expect {
                    failures.append(
                        Failure(rule: rule.id, file: rule.file, line: ex.line, expected: ex.expect, got: got, lang: ex.lang))
                }
            }
        }
        return (count, failures)
    }

    func status(of ex: RuleExample, index: Int, with checker: Checker, rule: Rule) throws -> FindingStatus {
        let act = try ActReader(languageOverride: ex.lang).parse(Data(ex.text.utf8), source: "\(rule.file)#example-\(index + 1)")
        let report = try checker.check(database: nil, bills: [act], lang: .en)
        return report.findings.first { $0.rule == rule.id }?.status ?? .notApplicable
    }
}

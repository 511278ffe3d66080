import ArgumentParser
import Foundation
import QanunIndex

/// `qanun terms QUERY`: look a concept up in the term base.
struct TermsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms",
        abstract: "Look a concept up in the term base: its terms in az, ru and en.",
        discussion: """
            Matches any term in any language, inflected or typed without Azerbaijani letters \
            (`ferdi melumatlarin`, `персональных данных`). With no query, prints a summary.
            """)

    @OptionGroup var terms: TermBaseOptions
    @Option(help: "text or json") var format: OutputFormat = .text
    @Argument(help: "A term in any of the three languages.") var query: [String] = []

    func run() throws {
        let tb = try terms.load()
        if query.isEmpty {
            let counts = ["az", "ru", "en"].map { l in tb.concepts.reduce(0) { $0 + ($1.terms[l]?.count ?? 0) } }
            if format == .json {
                try printJSON(["concepts": tb.concepts.count, "az": counts[0], "ru": counts[1], "en": counts[2]])
            } else {
                print("\(tb.concepts.count) concepts; terms: az \(counts[0]), ru \(counts[1]), en \(counts[2])")
            }
            return
        }
        let text = query.joined(separator: " ")
        let found = tb.lookup(text)
        if format == .json {
            struct Output: Encodable { var query: String; var concepts: [Concept] }
            try printJSON(Output(query: text, concepts: found))
            return
        }
        if found.isEmpty {
            print("no concept in the term base matches \(text)")
            throw ExitCode(1)
        }
        for c in found {
            print("\(c.id)\(c.subject.map { " (\($0))" } ?? "")")
            for l in ["az", "ru", "en"] {
                let ts = (c.terms[l] ?? []).map { t in t.type.map { "\(t.text) [\($0)]" } ?? t.text }
                if !ts.isEmpty { print("  \(l): \(ts.joined(separator: "; "))") }
            }
        }
    }
}

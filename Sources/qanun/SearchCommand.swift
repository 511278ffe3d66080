import ArgumentParser
import Foundation
import QanunCore
import QanunIndex
import QanunRules

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search articles; best first.",
        discussion: """
            Syntax: words (all must match), "exact phrase", prefix*, -exclude, a OR b, (groups). \
            Azerbaijani may be typed without its letters: `ferdi melumat` finds `fərdi məlumat`.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only acts in these languages, comma-separated (az,ru,en).")
    var lang: String?

    @Option(help: "At most this many hits.")
    var limit = 10

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Flag(name: .customLong("no-expand"), help: "Do not expand concepts into their terms in the other languages.")
    var noExpand = false

    @OptionGroup var terms: TermBaseOptions

    @Argument(help: "The query.")
    var query: [String]

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let text = query.joined(separator: " ")
        let langs = try lang.map(parseLanguages)
        let db = try database.open(mustExist: true)
        let termBase = noExpand ? nil : try terms.load()
        let result: SearchResult
        do {
            result = try Searcher(database: db).searchExpanded(
                text, options: SearchOptions(languages: langs, limit: limit, termBase: termBase))
        } catch let e as QueryError {
            throw ValidationError("bad query: \(e.message)")
        }
        let hits = result.hits
        switch format {
        case .json:
            struct Output: Encodable { var query: String; var expanded: [Expansion]; var hits: [SearchHit] }
            try printJSON(Output(query: text, expanded: result.expanded, hits: hits))
        case .text:
            for e in result.expanded {
                let all = ["az", "ru", "en"].flatMap { e.terms[$0] ?? [] }
                print("expanded: \(e.from) → \(all.joined(separator: ", "))  [\(e.concept)]")
            }
            if hits.isEmpty { print("no articles match \(text)") }
            let tty = isatty(STDOUT_FILENO) != 0
            for (k, h) in hits.enumerated() {
                let rep = h.repealed ? " [REPEALED]" : ""
                let heading = h.heading.isEmpty ? "" : " — \(h.heading)"
                print("\(k + 1). \(h.act), \(TextReport.articleWord(h.lang)) \(h.article)\(heading)\(rep)  [\(h.lang)] (\(String(format: "%.2f", h.score)))")
                print("   \(plainSnippet(h.snippet, tty: tty))")
                print("   \(h.source)#\(h.eid)")
            }
        }
    }

    /// The HTML snippet as terminal text: bold matches on a terminal, «…» otherwise.
    private func plainSnippet(_ html: String, tty: Bool) -> String {
        html.replacingOccurrences(of: "<mark>", with: tty ? "\u{1B}[1m" : "«")
            .replacingOccurrences(of: "</mark>", with: tty ? "\u{1B}[0m" : "»")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

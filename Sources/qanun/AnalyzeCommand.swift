import ArgumentParser
import QanunCore
import QanunIndex

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze", abstract: "Show the terms the index stores for a text (or a query looks up).")

    @Option(help: "The text's language (az, ru, en).")
    var lang: Language?

    @Flag(help: "Analyse as a query instead of as a document.")
    var query = false

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Argument(help: "The text.")
    var text: [String]

    func run() throws {
        let input = text.joined(separator: " ")
        let terms = Analyzer.terms(input, language: lang, mode: query ? .query : .document)
        struct Token: Encodable { var text: String; var start: Int; var end: Int; var terms: [String] }
        var tokens: [Token] = []
        let utf8 = Array(input.utf8)
        for t in terms {
            if t.colocated, !tokens.isEmpty {
                if !tokens[tokens.count - 1].terms.contains(t.term) { tokens[tokens.count - 1].terms.append(t.term) }
            } else {
                tokens.append(
                    Token(
                        text: String(decoding: utf8[t.start..<t.end], as: UTF8.self), start: t.start, end: t.end,
                        terms: [t.term]))
            }
        }
        switch format {
        case .json:
            struct Output: Encodable { var tokens: [Token] }
            try printJSON(Output(tokens: tokens))
        case .text:
            for t in tokens { print("\(t.text)\t\(t.start)-\(t.end)\t\(t.terms.joined(separator: " "))") }
        }
    }
}

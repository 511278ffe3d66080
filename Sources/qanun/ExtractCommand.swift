import ArgumentParser
import Foundation
import QanunCore
import QanunFormats

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the text Qanun reads from a file (HTML, DOCX, PDF, Akoma Ntoso or text), before parsing.",
        discussion: "Shows why a file parsed as it did: page furniture removed, Word numbering restored, PDF lines rejoined.")

    @Option(help: "The language when the document does not say (az, ru, en).")
    var lang: Language?

    @Argument(help: "The file to read.")
    var file: String

    func run() throws {
        do {
            let data = try ActReader.bytes(at: file)
            print(try SourceReader(languageOverride: lang).extract(data, path: file))
        } catch {
            printError("error: \(file): \(error.description)")
            throw ExitCode(1)
        }
    }
}

import ArgumentParser
import Foundation
import QanunCore
import QanunFormats
import QanunIndex

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write stored acts as Akoma Ntoso XML or JSON.",
        discussion: """
            Name an act by its source path, its file name, or any unique part of the path \
            (`qanun export az_dovlet_sirri_2018`). With --all DIR every act is written to DIR, one file per act. \
            --validate checks each Akoma Ntoso document against an XML Schema (libxml2, as `xmllint --schema`); \
            --verify reads each document back and compares it with the stored act. Exit 1 if any act fails either.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case akn, json }

    @OptionGroup var database: DatabaseOptions

    @Option(help: "akn (Akoma Ntoso 3.0 XML) or json.")
    var format: Format = .akn

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output (one act).")
    var output: String?

    @Option(help: "Write every stored act to this folder.")
    var all: String?

    @Option(help: "ISO 3166-1 country code for the FRBR URIs (default: az for az acts, ru for ru, zz otherwise).")
    var country: String?

    @Option(name: .customLong("validate"), help: "Validate each Akoma Ntoso document against this XML Schema (e.g. akomantoso30.xsd).")
    var schemaPath: String?

    @Flag(help: "Read each exported document back and compare it with the stored act.")
    var verify = false

    @Argument(help: "Acts to export (source path, file name, or a unique part of it).")
    var acts: [String] = []

    func validate() throws {
        if all == nil && acts.isEmpty { throw ValidationError("name an act to export, or pass --all DIR") }
        if all != nil && output != nil { throw ValidationError("--output and --all exclude each other") }
        if output != nil && acts.count > 1 { throw ValidationError("--output takes one act; use --all DIR for several") }
        if schemaPath != nil && format != .akn { throw ValidationError("--validate applies to --format akn") }
    }

    func run() throws {
        let db = try database.open(mustExist: true)
        let loader = ActLoader(database: db)
        let sources = all != nil ? try loader.sources() : try acts.map { try loader.resolve($0) }
        let schema = try schemaPath.map { try SchemaValidator(path: $0) }
        let writer = AKNWriter(country: country)
        if let dir = all { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        var names = Set<String>()
        var failed = 0, invalid = 0, mismatched = 0
        for source in sources {
            guard let act = try loader.load(source: source) else { continue }
            let text: String
            switch format {
            case .akn: text = writer.write(act)
            case .json: text = try Self.json(act)
            }
            if let schema, let problem = schema.validate(text) {
                invalid += 1
                printError("error: \(source): the Akoma Ntoso document is not valid: \(problem)")
            }
            if verify {
                let ext = format == .akn ? "akn.xml" : "json"
                let back: Act
                do {
                    back = format == .akn
                        ? try SourceReader().parse(Data(text.utf8), path: "x.\(ext)", source: act.source)
                        : try JSONDecoder().decode(Act.self, from: Data(text.utf8))
                    let diffs = ActComparison.differences(act, back, options: .init(metadata: true), limit: 3)
                    if !diffs.isEmpty {
                        mismatched += 1
                        printError("error: \(source): round trip differs: \(diffs.joined(separator: "; "))")
                    }
                } catch {
                    mismatched += 1
                    printError("error: \(source): the exported document cannot be read back: \(error)")
                }
            }
            if let dir = all {
                let path = (dir as NSString).appendingPathComponent(Self.fileName(source, format: format, taken: &names))
                do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                    failed += 1
                    printError("error: \(path): \(error.localizedDescription)")
                }
            } else if let output {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } else {
                print(text, terminator: "")
            }
        }
        if all != nil || schemaPath != nil || verify {
            var summary = "\(sources.count) acts exported"
            if schemaPath != nil { summary += "; \(sources.count - invalid) valid against the schema" }
            if verify { summary += "; \(sources.count - mismatched) read back identical" }
            printError(summary)
        }
        if failed + invalid + mismatched > 0 { throw ExitCode(1) }
    }

    static func json(_ act: Act) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(act), as: UTF8.self) + "\n"
    }

    /// `corpus/az/x.txt` → `x.akn.xml`; a name already taken gets the folder names too.
    static func fileName(_ source: String, format: Format, taken: inout Set<String>) -> String {
        let ext = format == .akn ? "akn.xml" : "json"
        let url = URL(fileURLWithPath: source).deletingPathExtension()
        var name = "\(url.lastPathComponent).\(ext)"
        if taken.contains(name) {
            name = url.pathComponents.filter { $0 != "/" && $0 != "." && $0 != ".." }.joined(separator: "_") + ".\(ext)"
        }
        taken.insert(name)
        return name
    }
}

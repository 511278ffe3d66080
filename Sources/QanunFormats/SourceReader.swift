import Foundation
import QanunCore

/// Reads a source file of any supported format into an `Act`: plain text (with optional front
/// matter), HTML, DOCX, PDF (through `pdftotext`) and Akoma Ntoso XML. Errors are `ReadError`s
/// whose one-line description names the problem and what to do.
public struct SourceReader: Sendable {
    /// The language when neither the document's metadata nor its text says (`--lang`).
    public var languageOverride: Language?
    /// Where `pdftotext` is; nil looks it up on `PATH`.
    public var pdftotextPath: String?

    public init(languageOverride: Language? = nil, pdftotextPath: String? = nil) {
        self.languageOverride = languageOverride
        self.pdftotextPath = pdftotextPath
    }

    /// Reads and parses the file at `path`; `source` is the path as the user gave it. The hash is
    /// the SHA-256 of the file's bytes (unchanged files are skipped on re-ingest).
    public func read(path: String, source: String? = nil) throws(ReadError) -> (act: Act, hash: String) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(ActReader.reason(error, path: path))
        }
        return (try parse(data, path: path, source: source ?? path), ActReader.hash(data))
    }

    /// Parses the bytes of a file whose name is `path` (the extension picks the format).
    public func parse(_ data: Data, path: String, source: String) throws(ReadError) -> Act {
        let text = ActReader(languageOverride: languageOverride)
        switch SourceFormat.detect(path: path, prefix: data) {
        case .text:
            return try text.parse(data, source: source)
        case .html:
            return try HTMLReader(languageOverride: languageOverride).read(data, source: source)
        case .docx:
            let doc = try DocxReader().read(data)
            return try text.parse(text: doc.text, source: source, title: doc.title, notes: doc.notes)
        case .pdf:
            let extracted = try PDFReader(pdftotextPath: pdftotextPath).read(data)
            return try text.parse(text: extracted, source: source)
        case .akn:
            return try AKNReader(languageOverride: languageOverride).read(data, source: source)
        }
    }
}

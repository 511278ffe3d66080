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
        let data = try ActReader.bytes(at: path)
        return (try parse(data, path: path, source: source ?? path), ActReader.hash(data))
    }

    /// The text the structure parser gets from a file: what `qanun extract` shows, so a user can see
    /// why an HTML page, Word file or PDF parsed as it did. Akoma Ntoso is structured already; its
    /// articles are printed as text lines.
    public func extract(_ data: Data, path: String) throws(ReadError) -> String {
        switch SourceFormat.detect(path: path, prefix: data) {
        case .text:
            return try TextDecoder.decode(data).0
        case .html:
            return try HTMLReader(languageOverride: languageOverride).lines(data).joined(separator: "\n")
        case .docx:
            return try DocxReader().read(data).text
        case .pdf:
            return try PDFReader(pdftotextPath: pdftotextPath).read(data).text
        case .akn:
            let act = try AKNReader(languageOverride: languageOverride).read(data, source: path)
            var lines = [act.title]
            if !act.preamble.isEmpty { lines.append(act.preamble) }
            var chapter: String?
            for a in act.articles {
                if a.chapter != chapter, let c = a.chapter { lines.append(c) }
                chapter = a.chapter
                lines.append(AKNWriter.articleLabel(a.number, act.language) + (a.heading.isEmpty ? "" : " \(a.heading)"))
                lines += a.parts.map(\.line)
            }
            return lines.joined(separator: "\n")
        }
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
            let pdf = try PDFReader(pdftotextPath: pdftotextPath).read(data)
            return try text.parse(text: pdf.text, source: source, notes: pdf.notes)
        case .akn:
            return try AKNReader(languageOverride: languageOverride).read(data, source: source)
        }
    }
}

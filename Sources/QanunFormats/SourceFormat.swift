import Foundation

/// The formats `qanun ingest` reads. Every one lands in the same model (act → articles → parts).
public enum SourceFormat: String, Sendable, CaseIterable {
    case text, html, docx, pdf, akn

    /// File extensions (lower case) that folders are searched for, by format.
    public static let extensions: [String: SourceFormat] = [
        "txt": .text, "html": .html, "htm": .html, "xhtml": .html, "docx": .docx, "pdf": .pdf, "xml": .akn,
        "akn": .akn,
    ]

    /// The format of a file: its extension says what the user meant (so a `.docx` that is not a zip
    /// is reported as a broken DOCX, and a `.txt` is text), and the first bytes decide for any
    /// other name.
    public static func detect(path: String, prefix bytes: some Collection<UInt8>) -> SourceFormat {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        if let f = extensions[ext] { return f }
        let head = Array(bytes.prefix(1024))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
        var k = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while k < head.count, head[k] == 0x20 || head[k] == 0x0A || head[k] == 0x0D || head[k] == 0x09 { k += 1 }
        guard k < head.count, head[k] == UInt8(ascii: "<") else { return .text }
        let lower = String(decoding: head[k...], as: UTF8.self).lowercased()
        if lower.contains("<akomantoso") { return .akn }
        if lower.hasPrefix("<!doctype html") || lower.contains("<html") || lower.contains("<body") { return .html }
        if lower.hasPrefix("<?xml") { return .akn }
        return .text
    }
}

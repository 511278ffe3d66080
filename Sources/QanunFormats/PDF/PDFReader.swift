import Foundation
import QanunCore

/// Reads the text of a PDF through poppler's `pdftotext -layout` (Debian: poppler-utils), then
/// cleans it into the lines of an act (`PDFText`). A PDF without a text layer (a scan) is refused
/// with advice to OCR it.
struct PDFReader {
    var pdftotextPath: String?

    func read(_ data: Data) throws(ReadError) -> (text: String, notes: [String]) {
        guard data.starts(with: Array("%PDF-".utf8)) else {
            throw .malformed("not a PDF file: it does not start with %PDF-")
        }
        let tool = pdftotextPath ?? Self.which("pdftotext")
        guard let tool, FileManager.default.isExecutableFile(atPath: tool) else {
            throw .malformed(
                "reading PDFs needs pdftotext, which is not installed: install poppler-utils (apt-get install poppler-utils)")
        }
        let raw = try run(tool, data)
        let pages = max(1, raw.filter { $0 == "\u{0C}" }.count)
        let (text, notes) = PDFText.clean(raw)
        if text.unicodeScalars.filter({ $0.properties.isAlphabetic }).count < 20 {
            throw .malformed(
                "the PDF has no text layer (\(pages) page\(pages == 1 ? "" : "s") of images: a scan?): "
                    + "run OCR on it first (e.g. ocrmypdf) and ingest the result")
        }
        return (text, notes)
    }

    private func run(_ tool: String, _ data: Data) throws(ReadError) -> String {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("qanun-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let process = Process()
        let out = Pipe(), err = Pipe()
        var output = Data(), errors = Data()
        do {
            try data.write(to: tmp)
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["-layout", "-enc", "UTF-8", "-eol", "unix", tmp.path, "-"]
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let group = DispatchGroup()
            nonisolated(unsafe) var collected = Data()
            DispatchQueue.global().async(group: group) { collected = err.fileHandleForReading.readDataToEndOfFile() }
            output = out.fileHandleForReading.readDataToEndOfFile()
            group.wait()
            errors = collected
            process.waitUntilExit()
        } catch {
            throw .malformed("cannot run \(tool): \(error.localizedDescription)")
        }
        guard process.terminationStatus == 0 else {
            let first = String(decoding: errors, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            throw .malformed(
                "the PDF cannot be read (truncated or damaged; pdftotext exit \(process.terminationStatus)\(first.isEmpty ? "" : ": \(first)"))")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The executable `name` on `PATH`, if any.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

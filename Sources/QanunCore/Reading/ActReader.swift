import Crypto
import Foundation

/// Reads one source file into an `Act`: decode the bytes, split off front matter, pick the language,
/// parse the structure. Throws `ReadError` with a reason a user can act on.
///
/// Precedence for metadata: front matter, then `languageOverride` (`--lang`), then what the text
/// says (detected language, first line as title).
public struct ActReader: Sendable {
    public var languageOverride: Language?

    public init(languageOverride: Language? = nil) { self.languageOverride = languageOverride }

    /// Reads and parses the file at `path`; `source` is the path as the user gave it.
    public func read(path: String, source: String? = nil) throws(ReadError) -> (act: Act, hash: String) {
        let data = try Self.bytes(at: path)
        return (try parse(data, source: source ?? path), Self.hash(data))
    }

    /// The bytes of the file at `path`, or `.unreadable` with a reason a user can act on.
    public static func bytes(at path: String) throws(ReadError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(reason(error, path: path))
        }
    }

    public func parse(_ data: Data, source: String) throws(ReadError) -> Act {
        let (text, _) = try TextDecoder.decode(data)
        return try parse(text: text, source: source)
    }

    /// Parses already decoded text (what readers of other formats extract). `title` is the title
    /// the format's own metadata gives (HTML `<title>`), used when the text has none; `notes` are
    /// kept with the act's amendment notes (DOCX footnotes, struck-through HTML wording).
    public func parse(text: String, source: String, title: String? = nil, notes: [String] = []) throws(ReadError) -> Act {
        if text.allSatisfy({ $0.isWhitespace }) { throw .empty }
        let (front, body, _) = try FrontMatter.split(text)
        if body.allSatisfy({ $0.isWhitespace }) { throw .empty }
        guard let language = front.language ?? languageOverride ?? LanguageDetector.detect(body) else {
            throw .unknownLanguage
        }
        let parsed = StructureParser(language: language).parse(body)
        if parsed.articles.isEmpty { throw .noArticles }
        let fallbackTitle = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        return Act(
            source: source, title: front.title ?? parsed.title ?? title ?? fallbackTitle, number: front.number,
            date: front.date, type: front.type, status: front.status, language: language,
            preamble: parsed.preamble, articles: parsed.articles, notes: parsed.notes + notes)
    }

    /// SHA-256 of the file's bytes, hex.
    public static func hash(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// A short reason why `path` could not be read (no such file, permission denied, …).
    public static func reason(_ error: Error, path: String) -> String {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDir) { return "no such file" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let msg = strerror(Int32(underlying.code))
        {
            return String(cString: msg).lowercased()
        }
        return ns.localizedDescription
    }
}

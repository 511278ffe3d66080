/// Why a source file could not be read as an act. The description is one line that says what is
/// wrong and, where there is something to do, what to do.
public enum ReadError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String)
    case empty
    case binary(offset: Int)
    case invalidEncoding(offset: Int)
    case unknownLanguage
    case frontMatter(line: Int, message: String)
    case noArticles
    /// A document in another format (HTML, DOCX, PDF, Akoma Ntoso) that cannot be read; the
    /// message names the format and the problem.
    case malformed(String)

    public var description: String {
        switch self {
        case .unreadable(let why):
            return "cannot read the file: \(why)"
        case .empty:
            return "the file is empty: nothing to ingest"
        case .binary(let offset):
            return "binary data (NUL byte at offset \(offset)): not a text act; convert it to text first"
        case .invalidEncoding(let offset):
            return "not valid UTF-8 (bad byte at offset \(offset)), and not UTF-16 with a BOM or Windows-1251; "
                + "re-save the file as UTF-8"
        case .unknownLanguage:
            return "cannot tell whether the act is Azerbaijani, Russian or English; pass --lang az|ru|en "
                + "or add `lang:` to its front matter"
        case .frontMatter(let line, let message):
            return "front matter line \(line): \(message)"
        case .noArticles:
            return "no articles found (expected headings such as `Maddə 1.`, `Статья 1.`, `Article 1`, `§ 1.`)"
        case .malformed(let message):
            return message
        }
    }
}

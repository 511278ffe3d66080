import Yams

/// Optional YAML front matter at the top of an act (`---` ... `---`). Its fields override what
/// the parser detects.
public struct FrontMatter: Sendable, Equatable {
    public var title: String?
    public var number: String?
    public var date: String?
    public var type: String?
    public var status: String?
    public var language: Language?

    public static let keys = ["title", "number", "date", "type", "status", "lang"]

    public init() {}

    /// Splits `text` into front matter and body. Text without a leading `---` line has none.
    /// - Returns: the front matter and the body, and the number of lines the front matter took
    ///   (so later messages can quote file line numbers).
    public static func split(_ text: String) throws(ReadError) -> (FrontMatter, body: Substring, lines: Int) {
        let t = text.hasPrefix("\u{FEFF}") ? text.dropFirst() : Substring(text)
        guard t.hasPrefix("---"), let firstBreak = t.firstIndex(of: "\n"),
            t[t.startIndex..<firstBreak].trimmingCharacters(in: .whitespacesAndNewlines) == "---"
        else { return (FrontMatter(), t, 0) }
        var lineNo = 1
        var cursor = t.index(after: firstBreak)
        while cursor < t.endIndex {
            let end = t[cursor...].firstIndex(of: "\n") ?? t.endIndex
            let line = t[cursor..<end].trimmingCharacters(in: .whitespacesAndNewlines)
            lineNo += 1
            if line == "---" || line == "..." {
                let yaml = String(t[t.index(after: firstBreak)..<cursor])
                let body = end < t.endIndex ? t[t.index(after: end)...] : t[end...]
                return (try parse(yaml), body, lineNo)
            }
            cursor = end < t.endIndex ? t.index(after: end) : end
        }
        throw .frontMatter(line: 1, message: "front matter opened with `---` is never closed; add a `---` line after it")
    }

    static func parse(_ yaml: String) throws(ReadError) -> FrontMatter {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw .frontMatter(line: yamlLine(error) + 1, message: "invalid YAML: \(yamlSummary(error))")
        } catch {
            throw .frontMatter(line: 2, message: "invalid YAML: \(error)")
        }
        var fm = FrontMatter()
        guard let node else { return fm }
        guard let mapping = node.mapping else {
            throw .frontMatter(line: 2, message: "expected `key: value` lines (title, number, date, type, status, lang)")
        }
        for (k, v) in mapping {
            let line = (k.mark?.line ?? 1) + 1
            guard let key = k.string else { throw .frontMatter(line: line, message: "keys must be plain words") }
            guard let value = v.scalar?.string else {
                throw .frontMatter(line: line, message: "`\(key)` must be a single value, not a list or mapping")
            }
            switch key {
            case "title": fm.title = value
            case "number": fm.number = value
            case "date": fm.date = value
            case "type": fm.type = value
            case "status": fm.status = value
            case "lang":
                guard let lang = Language(code: value) else {
                    throw .frontMatter(line: line, message: "lang `\(value)` is not one of az, ru, en")
                }
                fm.language = lang
            default:
                throw .frontMatter(
                    line: line, message: "unknown key `\(key)` (known: \(keys.joined(separator: ", ")))")
            }
        }
        return fm
    }

    private static func yamlLine(_ error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return 1
        }
    }

    private static func yamlSummary(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}

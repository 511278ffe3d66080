import Foundation
import QanunCore
import QanunIndex
import Yams

/// Loads a rule pack: every `*.yaml` / `*.yml` under the given paths (one rule per file).
/// Any error is reported as `file:line:col: error: message` with the line quoted; a pack with
/// errors is not usable (`qanun check` refuses to run).
public struct RuleLoader {
    public var termBase: TermBase

    public init(termBase: TermBase) { self.termBase = termBase }

    /// The rule files under `paths` (folders are searched recursively), sorted.
    public static func files(_ paths: [String]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue else { out.append(p); continue }
            let base = URL(fileURLWithPath: p)
            let e = fm.enumerator(at: base, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
            var found: [String] = []
            while let url = e?.nextObject() as? URL {
                guard ["yaml", "yml"].contains(url.pathExtension.lowercased()) else { continue }
                let rel = url.path.dropFirst(base.path.count).drop { $0 == "/" }
                found.append(p.hasSuffix("/") ? p + rel : p + "/" + rel)
            }
            out += found.sorted()
        }
        return out
    }

    /// Loads every rule; returns the rules that loaded and the errors of those that did not.
    public func load(_ paths: [String]) -> (rules: [Rule], errors: [RuleError]) {
        var rules: [Rule] = []
        var errors: [RuleError] = []
        var seen: [String: String] = [:]
        let files = Self.files(paths)
        if files.isEmpty {
            errors.append(RuleError(file: paths.joined(separator: " "), line: 0, column: 0, message: "no rule files (*.yaml) found"))
        }
        for f in files {
            do {
                let rule = try load(file: f)
                if let other = seen[rule.id] {
                    throw RuleError(file: f, line: 1, column: 1, message: "duplicate rule id `\(rule.id)` (also in \(other))")
                }
                seen[rule.id] = f
                rules.append(rule)
            } catch let e as RuleError {
                errors.append(e)
            } catch {
                errors.append(RuleError(file: f, line: 0, column: 0, message: "\(error)"))
            }
        }
        return (rules, errors)
    }

    public func load(file: String) throws -> Rule {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw RuleError(file: file, line: 0, column: 0, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleError(file: file, line: 0, column: 0, message: "not UTF-8 text")
        }
        return try FileParser(file: file, text: text, termBase: termBase).rule()
    }
}

/// Parses one rule file, keeping positions for errors.
private struct FileParser {
    let file: String
    let lines: [Substring]
    let text: String
    let termBase: TermBase

    init(file: String, text: String, termBase: TermBase) {
        self.file = file
        self.text = text
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        self.termBase = termBase
    }

    func error(_ message: String, at node: Node?) -> RuleError {
        let line = node?.mark?.line ?? 1, col = node?.mark?.column ?? 1
        let quoted = line >= 1 && line <= lines.count ? String(lines[line - 1]) : nil
        return RuleError(file: file, line: line, column: col, message: message, quoted: quoted)
    }

    func rule() throws -> Rule {
        let root: Node
        do {
            guard let n = try Yams.compose(yaml: text) else { throw error("the file is empty", at: nil) }
            root = n
        } catch let e as YamlError {
            var line = 1, col = 1, problem = "\(e)"
            switch e {
            case .scanner(_, let p, let m, _), .parser(_, let p, let m, _), .composer(_, let p, let m, _):
                line = m.line
                col = m.column
                problem = p
            default: break
            }
            let quoted = line >= 1 && line <= lines.count ? String(lines[line - 1]) : nil
            throw RuleError(file: file, line: line, column: col, message: "invalid YAML: \(problem)", quoted: quoted)
        }
        guard let map = root.mapping else { throw error("a rule file is a mapping (id:, severity:, …)", at: root) }
        let known: Set<String> = [
            "id", "severity", "scope", "source", "title", "message", "recommendation", "trigger", "requires", "examples",
        ]
        for (k, _) in map {
            guard let key = k.string, known.contains(key) else {
                throw error("unknown key `\(k.string ?? "?")` (known: \(known.sorted().joined(separator: ", ")))", at: k)
            }
        }
        func required(_ key: String) throws -> Node {
            guard let n = map[key] else { throw error("missing `\(key):`", at: root) }
            return n
        }
        let idNode = try required("id")
        guard let id = idNode.string, id.range(of: #"^[a-z0-9-]+(\.[a-z0-9-]+)+$"#, options: .regularExpression) != nil else {
            throw error("`id` must look like `pack.rule-name` (lower case, digits, dashes)", at: idNode)
        }
        let sevNode = try required("severity")
        guard let severity = sevNode.string.flatMap(Severity.init(rawValue:)) else {
            throw error("`severity` must be error, warning or note", at: sevNode)
        }
        let scopeNode = try required("scope")
        guard let scope = scopeNode.string.flatMap(Scope.init(rawValue:)) else {
            throw error("`scope` must be corpus or act", at: scopeNode)
        }
        let srcNode = try required("source")
        guard let doc = srcNode.mapping?["document"]?.string, let passage = srcNode.mapping?["passage"]?.string,
            !passage.isEmpty
        else { throw error("`source` needs `document:` and `passage:` (the passage of the analysis the rule comes from)", at: srcNode) }
        let trigger = try map["trigger"].map { try condition($0) }
        let requires = try condition(try required("requires"))
        let examples = try self.examples(try required("examples"))
        return Rule(
            id: id, severity: severity, scope: scope, source: RuleSource(document: doc, passage: passage),
            title: try localized(required("title"), "title"), message: try localized(required("message"), "message"),
            recommendation: try localized(required("recommendation"), "recommendation"), trigger: trigger,
            requires: requires, examples: examples, file: file)
    }

    func localized(_ n: Node, _ key: String) throws -> Localized {
        guard let m = n.mapping else { throw error("`\(key)` needs az:, en: and ru: texts", at: n) }
        var t: [String: String] = [:]
        for lang in ["az", "en", "ru"] {
            guard let s = m[lang]?.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw error("`\(key)` has no `\(lang):` text", at: n)
            }
            t[lang] = s
        }
        return Localized(az: t["az"]!, en: t["en"]!, ru: t["ru"]!)
    }

    func examples(_ n: Node) throws -> [RuleExample] {
        guard let seq = n.sequence else { throw error("`examples` is a list of {expect, lang, text}", at: n) }
        var out: [RuleExample] = []
        for item in seq {
            guard let m = item.mapping else { throw error("an example is a mapping {expect, lang, text}", at: item) }
            guard let e = m["expect"], let expect = e.string.flatMap(FindingStatus.init(rawValue:)) else {
                throw error("`expect` must be gap, covered or not-applicable", at: m["expect"] ?? item)
            }
            guard let l = m["lang"], let lang = l.string.flatMap(Language.init(code:)) else {
                throw error("`lang` must be az, ru or en", at: m["lang"] ?? item)
            }
            guard let text = m["text"]?.string, !text.isEmpty else { throw error("an example needs `text:`", at: item) }
            out.append(RuleExample(expect: expect, lang: lang, text: text, line: item.mark?.line ?? 0))
        }
        let fire = out.filter { $0.expect == .gap }.count
        let quiet = out.count - fire
        let langs = Set(out.map(\.lang))
        if fire < 2 || quiet < 2 || langs.count < 3 {
            throw error(
                "`examples` needs at least 2 texts where the rule must fire (expect: gap) and 2 where it must not, covering az, ru and en (has \(fire) + \(quiet), languages \(langs.map(\.rawValue).sorted().joined(separator: ",")))",
                at: n)
        }
        return out
    }

    /// One condition mapping: exactly one of phrase / concept / any / all / near / not / regex,
    /// plus the modifiers `not-negated: true` and `in: definitions`.
    func condition(_ n: Node) throws -> Condition {
        guard let m = n.mapping else {
            throw error("a condition is a mapping with one of: phrase, concept, any, all, near, not, regex", at: n)
        }
        let kinds = ["phrase", "concept", "any", "all", "near", "not", "regex"]
        let modifiers = ["not-negated", "in"]
        var kind: String?
        for (k, _) in m {
            guard let key = k.string else { throw error("condition keys are words", at: k) }
            if kinds.contains(key) {
                if let first = kind { throw error("a condition has one of \(kinds.joined(separator: ", ")); this one has `\(first)` and `\(key)`: wrap them in `all:` or `any:`", at: k) }
                kind = key
            } else if !modifiers.contains(key) {
                throw error("unknown condition key `\(key)` (known: \((kinds + modifiers).joined(separator: ", ")))", at: k)
            }
        }
        guard let kind, let v = m[kind] else {
            throw error("a condition needs one of: \(kinds.joined(separator: ", "))", at: n)
        }
        var c: Condition
        switch kind {
        case "phrase":
            guard let s = v.string, !s.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw error("`phrase` is a text", at: v)
            }
            let p = PatternBuilder.phrase(s)
            if p.words.isEmpty { throw error("`phrase: \(s)` has no words to match", at: v) }
            c = .phrase(p)
        case "concept":
            guard let name = v.string else { throw error("`concept` names a term-base concept by one of its terms", at: v) }
            guard let concept = termBase.concept(named: name) else {
                throw error("unknown concept `\(name)`: name a term-base concept by one of its terms (`qanun terms \(name)` looks it up)", at: v)
            }
            c = .concept(id: concept.id, name: name, terms: concept.allTerms.map { PatternBuilder.phrase($0.term.text) })
        case "any", "all":
            guard let seq = v.sequence, !seq.isEmpty else { throw error("`\(kind)` is a non-empty list of conditions", at: v) }
            let items = try seq.map { try condition($0) }
            c = kind == "any" ? .any(items) : .all(items)
        case "near":
            guard let nm = v.mapping, let w = nm["within"], let within = w.int, within > 0,
                let seq = nm["all"]?.sequence, seq.count >= 2
            else { throw error("`near` needs `within: N` (words) and `all:` with two or more conditions", at: v) }
            c = .near(within: within, try seq.map { try condition($0) })
        case "not":
            c = .not(try condition(v))
        default:  // regex
            guard let s = v.string else { throw error("`regex` is a text", at: v) }
            do { _ = try NSRegularExpression(pattern: s) } catch {
                throw self.error("invalid regular expression: \(error.localizedDescription)", at: v)
            }
            c = .regex(s)
        }
        var notNegated = false, inDefinitions = false, inHeading = false
        if let nn = m["not-negated"] {
            guard let b = nn.bool else { throw error("`not-negated` is true or false", at: nn) }
            notNegated = b
        }
        if let i = m["in"] {
            switch i.string {
            case "definitions": inDefinitions = true
            case "heading": inHeading = true
            default: throw error("`in` is `definitions` (a definitions article) or `heading` (the article's heading)", at: i)
            }
        }
        if notNegated || inDefinitions || inHeading {
            c = .modified(c, notNegated: notNegated, inDefinitions: inDefinitions, inHeading: inHeading)
        }
        return c
    }
}

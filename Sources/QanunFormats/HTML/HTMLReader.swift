import Foundation
import QanunCore

/// Reads an act from an HTML page, such as an official portal's: the page's text with navigation,
/// scripts, styles, forms and menus left out; block elements as lines (so headings and numbered
/// paragraphs keep their structure); entities and `&nbsp;` decoded; struck-through text (`<s>`,
/// `<strike>`, `<del>`, `text-decoration: line-through`) treated as repealed wording: kept in the
/// act's notes, never as current law. A wholly struck article stays in the act, flagged repealed,
/// so citations to it still resolve.
struct HTMLReader {
    var languageOverride: Language?

    func read(_ data: Data, source: String) throws(ReadError) -> Act {
        let (page, root) = try parse(data)
        let (lines, notes, language) = render(page)
        do {
            return try ActReader(languageOverride: language).parse(
                text: lines.joined(separator: "\n"), source: source, title: page.title, notes: notes)
        } catch .noArticles, .empty {
            throw .malformed(Self.notAnAct(page, root: root))
        }
    }

    /// The lines the text parser gets (for `qanun extract`).
    func lines(_ data: Data) throws(ReadError) -> [String] {
        render(try parse(data).0).lines
    }

    private func parse(_ data: Data) throws(ReadError) -> (HTMLText.Page, MarkupNode) {
        let bytes = [UInt8](data)
        let root: MarkupNode
        do {
            root = try MarkupParser.html(bytes, encoding: Self.encoding(bytes))
        } catch {
            throw .malformed("not readable as HTML: \(error.description)")
        }
        return (HTMLText.extract(root), root)
    }

    /// Current lines and notes: a wholly struck article heading keeps its place, followed by a
    /// repeal notice; other struck wording goes to the notes.
    private func render(_ page: HTMLText.Page) -> (lines: [String], notes: [String], language: Language?) {
        let current = page.lines.filter { !$0.text.isEmpty }.map(\.text).joined(separator: "\n")
        let language = languageOverride ?? LanguageDetector.detect(Substring(current))
        var lines: [String] = []
        var notes: [String] = []
        for line in page.lines {
            if !line.text.isEmpty {
                lines.append(line.text)
                if !line.struck.isEmpty { notes.append(line.struck) }
            } else if !line.struck.isEmpty {
                if LineShape.isArticleHeading(line.struck), let language {
                    lines.append(line.struck)
                    lines.append(LineShape.repealNotice(language))
                }
                notes.append(line.struck)
            }
        }
        return (lines, notes, language)
    }

    /// Why a page without articles is not an act, in words the user recognises.
    static func notAnAct(_ page: HTMLText.Page, root: MarkupNode) -> String {
        let inputs = root.descendants("input")
        if inputs.contains(where: { $0["type"]?.lowercased() == "password" }) {
            return "the HTML page is a login form (it asks for a password), not an act: save the act's own page after logging in"
        }
        let heads = ([page.title ?? ""] + root.descendants("h1").map(\.textContent)).joined(separator: " ").lowercased()
        let errorWords = [
            "404", "403", "500", "not found", "forbidden", "error", "tapılmadı", "xəta", "не найдена", "не найден", "ошибка",
        ]
        if let w = errorWords.first(where: { heads.contains($0) }) {
            let shown = (page.title ?? "").trimmedSpaces()
            return "the HTML page is an error page (\(shown.isEmpty ? w : shown)), not an act"
        }
        if page.lines.allSatisfy({ $0.text.isEmpty }) {
            return "the HTML page has no text (scripts only, or an empty body): nothing to ingest"
        }
        return "nothing in the HTML page looks like an act: no headings such as `Maddə 1.`, `Статья 1.`, `Article 1`"
    }

    /// The charset to parse with: the page's own `<meta charset>` when it has one; else UTF-8 when
    /// the bytes are valid UTF-8 (libxml2 would assume Latin-1).
    static func encoding(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        if head.contains("charset") { return nil }
        return String(validating: bytes, as: UTF8.self) != nil ? "UTF-8" : nil
    }
}

/// The text of an HTML page as lines, each with its current text and its struck-through text.
enum HTMLText {
    struct Line {
        var text: String
        var struck: String
    }

    struct Page {
        var title: String?
        var lines: [Line]
    }

    /// Elements whose content is never act text.
    static let skipped: Set<String> = [
        "head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button",
        "select", "option", "textarea", "input", "iframe", "svg", "menu", "object", "embed", "canvas", "dialog", "map",
    ]
    static let skippedRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "search", "menu", "menubar", "complementary", "dialog", "alert",
    ]
    /// Class or id words that mark page furniture.
    static let furniture: Set<String> = [
        "nav", "navbar", "navigation", "menu", "mainmenu", "breadcrumb", "breadcrumbs", "cookie", "cookies",
        "cookie-banner", "sidebar", "banner", "share", "social", "toolbar", "site-header", "site-footer", "page-footer",
        "footer", "skip-link", "pagination",
    ]
    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "section", "article", "main", "pre",
        "dd", "dt", "dl", "table", "tbody", "thead", "ul", "ol", "center", "address", "hr", "br", "body", "caption",
        "figure", "figcaption",
    ]
    static let struckNames: Set<String> = ["s", "strike", "del"]

    static func extract(_ root: MarkupNode) -> Page {
        let title = root.descendants("title").first?.textContent.collapsedSpaces()
        let page = root.descendants("main").first ?? root.descendants("body").first ?? root
        let start = actContainer(page)
        var builder = Builder()
        builder.walk(start, struck: false)
        builder.endLine()
        return Page(title: title?.isEmpty == false ? title : nil, lines: builder.lines)
    }

    private struct Builder {
        var lines: [Line] = []
        var text = ""
        var struck = ""

        mutating func endLine() {
            let t = text.collapsedSpaces(), s = struck.collapsedSpaces()
            if !t.isEmpty || !s.isEmpty { lines.append(Line(text: t, struck: s)) }
            text = ""
            struck = ""
        }

        mutating func walk(_ node: MarkupNode, struck inherited: Bool) {
            for child in node.children {
                if child.kind == .text {
                    if inherited { struck += child.text } else { text += child.text }
                    continue
                }
                let name = child.name
                if HTMLText.skipped.contains(name) || HTMLText.isFurniture(child) { continue }
                let isStruck = inherited || HTMLText.struckNames.contains(name) || HTMLText.isLineThrough(child)
                if isStruck && !inherited && !struck.isEmpty { struck += " " }  // separate struck fragments
                if name == "br" { endLine(); continue }
                if name == "td" || name == "th" {
                    if !text.isEmpty { text += " | " }
                    walk(child, struck: isStruck)
                    continue
                }
                let block = HTMLText.blocks.contains(name)
                if block { endLine() }
                if name == "li", let list = child.parent, list.name == "ol" {
                    let items = list.elements("li")
                    if let k = items.firstIndex(where: { $0 === child }) {
                        let start = list["start"].flatMap(Int.init) ?? 1
                        text += HTMLText.marker(start + k, type: list["type"]) + " "
                    }
                }
                walk(child, struck: isStruck)
                if block { endLine() }
            }
        }
    }

    /// The element that holds the act: descending from the page into the one child that contains
    /// every article heading, as long as what is left beside it is only page furniture, tables of
    /// document info, links or buttons (`Növü | Qanun`, `Çap et`), never a title or a preamble.
    static func actContainer(_ page: MarkupNode) -> MarkupNode {
        var counts: [ObjectIdentifier: Int] = [:]
        var stack: [MarkupNode] = [page]
        while let n = stack.popLast() {
            for c in n.children where c.kind == .element && !skipped.contains(c.name) && !isFurniture(c) {
                if ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "dt", "b", "strong", "span"].contains(c.name),
                    LineShape.isArticleHeading(c.textContent.collapsedSpaces())
                {
                    var a: MarkupNode? = c
                    while let x = a, x !== page.parent {
                        counts[ObjectIdentifier(x), default: 0] += 1
                        a = x.parent
                    }
                } else {
                    stack.append(c)
                }
            }
        }
        let total = counts[ObjectIdentifier(page)] ?? 0
        guard total > 0 else { return page }
        var node = page
        while true {
            let full = node.elements().filter { counts[ObjectIdentifier($0)] == total }
            guard full.count == 1 else { return node }
            let others = node.children.filter { $0 !== full[0] }
            guard others.allSatisfy(isDroppable) else { return node }
            node = full[0]
        }
    }

    /// True when a node holds no prose of its own: furniture, white space, or text only inside
    /// links, buttons, labels and table cells.
    static func isDroppable(_ node: MarkupNode) -> Bool {
        if node.kind == .text { return node.text.collapsedSpaces().isEmpty }
        if skipped.contains(node.name) || isFurniture(node) { return true }
        if ["a", "button", "label", "td", "th", "time"].contains(node.name) { return true }
        return node.children.allSatisfy(isDroppable)
    }

    static func isFurniture(_ node: MarkupNode) -> Bool {
        if let role = node["role"]?.lowercased(), skippedRoles.contains(role) { return true }
        if node["aria-hidden"] == "true" || node["hidden"] != nil { return true }
        if let style = node["style"]?.lowercased().replacingOccurrences(of: " ", with: ""), style.contains("display:none") {
            return true
        }
        for attr in ["class", "id"] {
            if let v = node[attr]?.lowercased(), v.split(separator: " ").contains(where: { furniture.contains(String($0)) }) {
                return true
            }
        }
        return false
    }

    static func isLineThrough(_ node: MarkupNode) -> Bool {
        if let style = node["style"]?.lowercased(), style.contains("line-through") { return true }
        if let c = node["class"]?.lowercased() {
            return c.split(separator: " ").contains { $0 == "strike" || $0 == "strikethrough" || $0 == "line-through" }
        }
        return false
    }

    /// The marker a browser prints for item `n` of an `<ol type=…>`.
    static func marker(_ n: Int, type: String?) -> String {
        switch type {
        case "a": return DocxNumbering.format(n, as: "lowerLetter") + "."
        case "A": return DocxNumbering.format(n, as: "upperLetter") + "."
        case "i": return DocxNumbering.format(n, as: "lowerRoman") + "."
        case "I": return DocxNumbering.format(n, as: "upperRoman") + "."
        default: return "\(n)."
        }
    }
}

extension String {
    /// Runs of white space (including NBSP) become one space; ends trimmed.
    func collapsedSpaces() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for u in unicodeScalars {
            if u == " " || u == "\t" || u == "\n" || u == "\r" || u.value == 0xA0 || u.value == 0x0C || u.value == 0x200B {
                pendingSpace = true
            } else {
                if pendingSpace && !out.isEmpty { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

import Foundation
import QanunCore

/// Reads a Word document (DOCX, Office Open XML) as the lines of an act: paragraphs in order, with
/// Word's automatic numbering turned back into the printed numbers (`Maddə 5.`, `5.1.`), tracked
/// deletions left out and insertions kept (the document as it reads with all changes accepted),
/// tables as one line per row with cells joined by ` | `, and footnotes kept apart as notes.
struct DocxReader {
    struct Document {
        var text: String
        var title: String?
        var notes: [String]
    }

    func read(_ data: Data) throws(ReadError) -> Document {
        let package = try DocxPackage(data)
        let main = try mainPartPath(package)
        guard let documentBytes = try package.part(main) else {
            throw .malformed("broken DOCX file: it has no \(main) (the document body); is it a Word document?")
        }
        let document = try xml(documentBytes, part: main)
        guard let body = document.first("body") else {
            throw .malformed("broken DOCX file: \(main) has no <w:body>")
        }
        let dir = (main as NSString).deletingLastPathComponent
        var numberingRoot: MarkupNode?, stylesRoot: MarkupNode?
        if let bytes = try package.part(dir + "/numbering.xml") { numberingRoot = try xml(bytes, part: "numbering.xml") }
        if let bytes = try package.part(dir + "/styles.xml") { stylesRoot = try xml(bytes, part: "styles.xml") }
        let numbering = DocxNumbering(numberingRoot)
        let styles = DocxStyles(stylesRoot)
        var walker = Walker(numbering: numbering, styles: styles)
        walker.block(body)
        var notes: [String] = []
        if let bytes = try package.part(dir + "/footnotes.xml") {
            let root = try xml(bytes, part: "footnotes.xml")
            for f in root.elements("footnote") where f["type"] == nil || f["type"] == "normal" {
                let text = f.elements("p").map { Walker.text(of: $0) }.joined(separator: " ").trimmedSpaces()
                if !text.isEmpty { notes.append("[\(notes.count + 1)] \(text)") }
            }
        }
        var title: String?
        if let bytes = try package.part("docProps/core.xml") {
            title = try xml(bytes, part: "docProps/core.xml").first("title")?.textContent.trimmedSpaces()
        }
        return Document(text: walker.lines.joined(separator: "\n"), title: title?.isEmpty == false ? title : nil, notes: notes)
    }

    /// The main document part named by `_rels/.rels` (normally `word/document.xml`).
    private func mainPartPath(_ package: DocxPackage) throws(ReadError) -> String {
        guard let rels = try package.part("_rels/.rels") else { return "word/document.xml" }
        let root = try xml(rels, part: "_rels/.rels")
        let target = root.elements("Relationship").first { ($0["Type"] ?? "").hasSuffix("/officeDocument") }?["Target"]
        guard let target else { return "word/document.xml" }
        return target.hasPrefix("/") ? String(target.dropFirst()) : target
    }

    private func xml(_ bytes: [UInt8], part: String) throws(ReadError) -> MarkupNode {
        do {
            return try MarkupParser.xml(bytes)
        } catch {
            throw .malformed("broken DOCX file: part \(part): \(error.description)")
        }
    }

    /// Walks the body in order, collecting lines.
    struct Walker {
        var numbering: DocxNumbering
        var styles: DocxStyles
        var lines: [String] = []

        mutating func block(_ node: MarkupNode) {
            for child in node.children where child.kind == .element {
                switch child.name {
                case "p": paragraph(child)
                case "tbl": table(child)
                case "sdt": if let content = child.first("sdtContent") { block(content) }
                case "customXml", "ins", "moveTo": block(child)
                default: break  // sectPr, bookmarks, deleted blocks (del, moveFrom)
                }
            }
        }

        mutating func paragraph(_ p: MarkupNode) {
            let props = p.first("pPr")
            let text = Self.text(of: p).trimmedSpaces()
            if props?.first("rPr")?.first("del") != nil && text.isEmpty { return }  // a deleted paragraph
            var label = ""
            if let n = numberingOf(props), let l = numbering.next(numId: n.0, ilvl: n.1) { label = l }
            // a paragraph may be nothing but its number (`I fəsil` above the chapter's title)
            let full = text.isEmpty ? label.trimmedSpaces() : label + text
            guard !full.isEmpty else { return }
            for line in full.split(separator: "\n", omittingEmptySubsequences: true) {
                let t = line.trimmedSpaces()
                if !t.isEmpty { lines.append(t) }
            }
        }

        /// The list (numId, level) of a paragraph: its own `w:numPr`, or its style's.
        private func numberingOf(_ props: MarkupNode?) -> (String, Int)? {
            if let numPr = props?.first("numPr"), let numId = numPr.first("numId")?["val"] {
                return (numId, numPr.first("ilvl")?["val"].flatMap(Int.init) ?? 0)
            }
            guard let style = props?.first("pStyle")?["val"], let n = styles.numbering(style) else { return nil }
            return (n.0, n.1 ?? numbering.level(forStyle: style, numId: n.0) ?? 0)
        }

        mutating func table(_ tbl: MarkupNode) {
            for row in tbl.elements("tr") {
                let cells = row.elements("tc").map { cell in
                    cell.descendants("p").map { Self.text(of: $0).trimmedSpaces() }.filter { !$0.isEmpty }
                        .joined(separator: " ")
                }
                let line = cells.filter { !$0.isEmpty }.joined(separator: " | ")
                if !line.isEmpty { lines.append(line) }
            }
        }

        /// The visible text of a paragraph with all tracked changes accepted.
        static func text(of p: MarkupNode) -> String {
            var out = ""
            var stack: [MarkupNode] = p.children.reversed()
            while let n = stack.popLast() {
                guard n.kind == .element else { continue }
                switch n.name {
                case "t": out += n.textContent
                case "tab", "ptab": out += " "
                case "br", "cr": out += (n["type"] == "page" || n["type"] == "column") ? " " : "\n"
                case "noBreakHyphen": out += "-"
                case "pPr", "rPr", "del", "moveFrom", "delText", "instrText", "delInstrText", "footnoteReference",
                    "endnoteReference", "commentReference", "drawing", "pict", "object", "AlternateContent", "softHyphen",
                    "fldData":
                    continue
                default: stack.append(contentsOf: n.children.reversed())
                }
            }
            return out
        }
    }
}

/// Paragraph styles that carry numbering (Word numbers headings through their style).
struct DocxStyles {
    private var styles: [String: (numId: String?, ilvl: Int?, basedOn: String?)] = [:]

    init(_ root: MarkupNode?) {
        guard let root else { return }
        for s in root.elements("style") {
            guard let id = s["styleId"] else { continue }
            let numPr = s.first("pPr")?.first("numPr")
            styles[id] = (numPr?.first("numId")?["val"], numPr?.first("ilvl")?["val"].flatMap(Int.init), s.first("basedOn")?["val"])
        }
    }

    /// The list of a style, following `w:basedOn` (at most 20 steps, so a cycle cannot hang).
    func numbering(_ style: String) -> (String, Int?)? {
        var id: String? = style
        var steps = 0
        while let s = id, let entry = styles[s], steps < 20 {
            if let n = entry.numId { return (n, entry.ilvl) }
            id = entry.basedOn
            steps += 1
        }
        return nil
    }
}

import Foundation
import QanunCore

/// Reads Akoma Ntoso (OASIS LegalDocML 3.0) `<act>` and `<bill>` documents: FRBR metadata
/// (country, date, number, language, title), the preface and preamble, and the body's hierarchy
/// (`book`/`part`/`title`/`chapter`/`section` … `article` … `paragraph`/`point`) mapped onto acts,
/// articles and parts. Documents without `<article>`s use `<section>` as the article unit (as
/// legislation.gov.uk does). The XML is parsed with DTDs refused and entities never expanded.
struct AKNReader {
    var languageOverride: Language?

    /// Containers above articles that become the article's section label.
    static let sectionLike: Set<String> = ["book", "part", "title", "subtitle", "division", "subpart"]
    /// Containers above articles that become the article's chapter label.
    static let chapterLike: Set<String> = ["chapter", "subchapter"]

    func read(_ data: Data, source: String) throws(ReadError) -> Act {
        let root: MarkupNode
        do {
            root = try MarkupParser.xml([UInt8](data))
        } catch {
            throw .malformed("not readable as Akoma Ntoso XML: \(error.description)")
        }
        guard root.name == "akomaNtoso" else {
            throw .malformed("not an Akoma Ntoso document: the root element is <\(root.name)>, not <akomaNtoso>")
        }
        guard let doc = root.children.first(where: { $0.kind == .element }) else {
            throw .malformed("empty Akoma Ntoso document: <akomaNtoso> holds no document")
        }
        guard doc.name == "act" || doc.name == "bill" else {
            throw .malformed("Akoma Ntoso <\(doc.name)> is not an act: only <act> and <bill> documents are read")
        }
        let meta = AKNMetadata(doc)
        guard let language = meta.language ?? languageOverride ?? LanguageDetector.detect(Substring(doc.textContent)) else {
            throw .unknownLanguage
        }
        guard let body = doc.first("body") else {
            throw .malformed("the Akoma Ntoso \(doc.name) has no <body>: no articles to ingest")
        }
        let articleName = body.descendants("article").isEmpty ? "section" : "article"
        var walker = Walker(articleName: articleName)
        walker.walk(body, chapter: nil, section: nil)
        guard !walker.articles.isEmpty else {
            throw .malformed("the Akoma Ntoso \(doc.name) has no <article> (or <section>) in its body: no articles to ingest")
        }
        var articles = walker.articles
        Self.assignMissingEids(&articles)
        let preamble = doc.first("preamble").map { Self.paragraphs($0, keepEmpty: true).joined(separator: "\n") } ?? ""
        let fallback = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        return Act(
            source: source, title: meta.title ?? fallback, number: meta.number, date: meta.date,
            type: meta.type ?? (doc.name == "bill" ? "bill" : nil), status: meta.status, language: language,
            preamble: preamble, articles: articles, notes: meta.notes)
    }

    private struct Walker {
        var articleName: String
        var articles: [Article] = []

        mutating func walk(_ node: MarkupNode, chapter: String?, section: String?) {
            for child in node.elements() {
                if child.name == articleName {
                    articles.append(article(child, chapter: chapter, section: section))
                } else if AKNReader.chapterLike.contains(child.name) {
                    walk(child, chapter: AKNReader.label(child), section: section)
                } else if AKNReader.sectionLike.contains(child.name) || child.name == "section" || child.name == "hcontainer" {
                    walk(child, chapter: nil, section: AKNReader.label(child) ?? section)
                } else {
                    walk(child, chapter: chapter, section: section)
                }
            }
        }

        func article(_ node: MarkupNode, chapter: String?, section: String?) -> Article {
            let printed = node.first("num").map { AKNReader.inline($0) } ?? ""
            var parts: [Part] = []
            AKNReader.collectParts(of: node, depth: 1, into: &parts)
            let repealed = ["removed", "repealed"].contains(node["status"] ?? "")
            return Article(
                number: AKNReader.articleNumber(printed), heading: node.first("heading").map { AKNReader.inline($0) } ?? "",
                eid: node["eId"] ?? "", chapter: chapter, section: section, parts: parts, repealed: repealed)
        }
    }

    /// `num. heading` of a division, as the text parser prints division labels.
    static func label(_ node: MarkupNode) -> String? {
        let num = node.first("num").map { inline($0) } ?? ""
        let heading = node.first("heading").map { inline($0) } ?? ""
        if num.isEmpty { return heading.isEmpty ? nil : heading }
        return heading.isEmpty ? num : "\(num). \(heading)"
    }

    /// Walks an article's or part's children: `content`/`intro`/`wrapUp` give unnumbered text,
    /// any other element with a `num` or `content` is a numbered part one level deeper.
    static func collectParts(of node: MarkupNode, depth: Int, into parts: inout [Part]) {
        for child in node.elements() {
            switch child.name {
            case "num", "heading", "subheading":
                continue
            case "content", "intro", "wrapUp", "alinea":
                for text in paragraphs(child) where !text.isEmpty { parts.append(Part(text: text)) }
            default:
                let label = child.first("num").map { inline($0) }
                var own: [Part] = []
                collectParts(of: child, depth: depth + 1, into: &own)
                if let label, !label.isEmpty {
                    let shape = LineShape.partNumber(label + " x")
                    let num = shape?.num ?? label.trimmingCharacters(in: CharacterSet(charactersIn: ".()[] "))
                    // the part's own first text goes with its number; the rest follows
                    if let first = own.first, first.num == nil {
                        parts.append(Part(num: num, label: label, text: first.text, level: shape?.level ?? depth))
                        parts.append(contentsOf: own.dropFirst())
                    } else {
                        parts.append(Part(num: num, label: label, text: "", level: shape?.level ?? depth))
                        parts.append(contentsOf: own)
                    }
                } else {
                    parts.append(contentsOf: own)
                }
            }
        }
    }

    /// The block texts (`<p>`, `<block>`, or the node's own text) of a content-like element.
    static func paragraphs(_ node: MarkupNode, keepEmpty: Bool = false) -> [String] {
        let blocks = node.descendants("p") + node.descendants("block")
        if blocks.isEmpty { return [inline(node)].filter { !$0.isEmpty } }
        return node.descendants("p").map { inline($0) }.filter { keepEmpty || !$0.isEmpty }
    }

    static func inline(_ node: MarkupNode) -> String {
        var out = ""
        var stack: [MarkupNode] = node.children.reversed()
        while let n = stack.popLast() {
            if n.kind == .text { out += n.text; continue }
            if n.name == "authorialNote" || n.name == "noteRef" { continue }
            if n.name == "br" { out += " "; continue }
            stack.append(contentsOf: n.children.reversed())
        }
        // text on one line is kept exactly (Qanun's own export round-trips byte for byte)
        return out.contains("\n") ? out.collapsedLayout() : out
    }

    /// `Maddə 27-1.` → `27-1`, `Статья 5` → `5`, `Section 552a.` → `552a`, `12.` → `12`.
    static func articleNumber(_ printed: String) -> String {
        var words = printed.split(separator: " ").map(String.init)
        if words.count > 1, let f = words.first?.first, f.isLetter || f == "§" { words.removeFirst() }
        if words.first == "§" { words.removeFirst() }
        return words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ". "))
    }

    /// Articles without an `eId` get one in the text parser's style (`art_5`, unique).
    static func assignMissingEids(_ articles: inout [Article]) {
        var eids = EidSet(articles.map(\.eid).filter { !$0.isEmpty })
        for k in articles.indices where articles[k].eid.isEmpty {
            articles[k].eid = eids.claim("art_" + LineShape.eidNumber(articles[k].number))
        }
    }
}

/// The FRBR and Qanun metadata of an Akoma Ntoso document.
struct AKNMetadata {
    var title: String?
    var number: String?
    var date: String?
    var country: String?
    var language: Language?
    var type: String?
    var status: String?
    var notes: [String] = []

    init(_ doc: MarkupNode) {
        let meta = doc.first("meta")
        let identification = meta?.first("identification")
        let work = identification?.first("FRBRWork")
        let expression = identification?.first("FRBRExpression")
        country = work?.first("FRBRcountry")?["value"]
        number = work?.first("FRBRnumber")?["value"]
        if let d = work?.first("FRBRdate") {
            switch d["name"] {
            case "unknown": break
            case "year": date = d["date"].map { String($0.prefix(4)) }
            default: date = d["date"]
            }
        }
        if let l = expression?.first("FRBRlanguage")?["language"] { language = Self.language(l) }
        let preface = doc.first("preface")
        let titles = preface.map { $0.descendants("docTitle") + $0.descendants("longTitle") } ?? []
        title = titles.map { AKNReader.inline($0) }.first { !$0.isEmpty } ?? work?.first("FRBRname")?["value"]
        if let name = doc["name"], !["act", "bill"].contains(name) { type = name }
        // Qanun's own metadata (written by `AKNWriter`) in <proprietary>: exact values win
        if let q = meta?.first("proprietary")?.descendants("act").first(where: { $0.namespace == AKNWriter.qanunNamespace }) {
            type = q.first("type")?.textContent
            status = q.first("status")?.textContent
            date = q.first("date")?.textContent
            number = q.first("number")?.textContent
        }
        if let notesNode = meta?.first("notes") {
            notes = notesNode.elements("note").map { AKNReader.paragraphs($0, keepEmpty: true).joined(separator: "\n") }
        }
    }

    /// ISO 639-2 (`aze`, `rus`, `eng`) or 639-1 codes.
    static func language(_ code: String) -> Language? {
        switch code.lowercased() {
        case "aze", "az", "azj", "azb": return .az
        case "rus", "ru": return .ru
        case "eng", "en": return .en
        default: return nil
        }
    }
}

extension String {
    /// Pretty-printing white space (runs that hold a line break) becomes one space and the
    /// ends are trimmed; runs of plain spaces inside the text are the text's own and stay.
    func collapsedLayout() -> String {
        var out = ""
        var run = ""
        for c in self {
            if c == " " || c == "\n" || c == "\t" || c == "\r" {
                run.append(c)
            } else {
                if !run.isEmpty && !out.isEmpty { out += run.contains(where: { $0 == "\n" || $0 == "\r" }) ? " " : run }
                run = ""
                out.append(c)
            }
        }
        return out
    }
}

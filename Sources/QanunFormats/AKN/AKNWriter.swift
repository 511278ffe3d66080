import Foundation
import QanunCore

/// Writes an act as an Akoma Ntoso 3.0 document (`<act>`, or `<bill>` for acts of type `bill`)
/// that validates against the OASIS schema (`akomantoso30.xsd`):
/// - FRBR work / expression / manifestation URIs from the act's metadata, in the AKN naming
///   convention: `/akn/az/act/2018-11-02/1320-VQ/!main`, `…/aze@/!main`, `…/aze@/!main.xml`;
/// - sections (`bölmə`, `Раздел`, `Part`) as `<part>`, chapters as `<chapter>`, articles with the
///   parser's eIds (`chp_1__art_27-1`), numbered parts as `<paragraph>` and deeper ones as
///   `<point>` (eIds `chp_1__art_5__para_5.1__point_5.1.2`), text before the first part as `<intro>`;
/// - repealed articles with `status="removed"`; amendment notes in `<meta><notes>`; what AKN has
///   no element for (act type, status, the source file) in `<proprietary>`.
///
/// `AKNReader` reads it back to the same articles, numbers and text.
public struct AKNWriter {
    /// ISO 3166-1 code for the FRBR country when the act does not say; nil derives it from the
    /// language (az → `az`, ru → `ru`; English acts get `zz`, the user-assigned "unknown").
    public var country: String?
    /// The date written as the manifestation's generation date.
    public var generated: Date

    public init(country: String? = nil, generated: Date = Date()) {
        self.country = country
        self.generated = generated
    }

    static let namespace = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
    static let qanunNamespace = "urn:qanun:akn:1"

    public func write(_ act: Act) -> String {
        var x = Output()
        let doc = act.type?.lowercased() == "bill" ? "bill" : "act"
        let frbr = FRBR(act: act, country: country, document: doc)
        x.line(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        x.open("akomaNtoso", ["xmlns": Self.namespace])
        x.open(doc, ["name": act.type ?? doc, "contains": "singleVersion"])
        meta(act, frbr, &x)
        x.open("preface")
        x.open("longTitle")
        x.leaf("p", act.title)
        x.close("longTitle")
        x.close("preface")
        let preamble = act.preamble.isEmpty ? [] : act.preamble.components(separatedBy: "\n")
        if !preamble.isEmpty {
            x.open("preamble")
            for p in preamble { x.leaf("p", p) }
            x.close("preamble")
        }
        x.open("body")
        body(act, &x)
        x.close("body")
        x.close(doc)
        x.close("akomaNtoso")
        return x.text
    }

    private func meta(_ act: Act, _ frbr: FRBR, _ x: inout Output) {
        x.open("meta")
        x.open("identification", ["source": "#qanun"])
        x.open("FRBRWork")
        x.empty("FRBRthis", ["value": frbr.work + "/!main"])
        x.empty("FRBRuri", ["value": frbr.work])
        x.empty("FRBRdate", ["date": frbr.date, "name": frbr.dateName])
        x.empty("FRBRauthor", ["href": "#author"])
        x.empty("FRBRcountry", ["value": frbr.country])
        if let t = act.type { x.empty("FRBRsubtype", ["value": t]) }
        x.empty("FRBRnumber", ["value": frbr.number])
        x.empty("FRBRname", ["value": act.title])
        x.close("FRBRWork")
        x.open("FRBRExpression")
        x.empty("FRBRthis", ["value": frbr.expression + "/!main"])
        x.empty("FRBRuri", ["value": frbr.expression])
        x.empty("FRBRdate", ["date": frbr.date, "name": frbr.dateName])
        x.empty("FRBRauthor", ["href": "#author"])
        x.empty("FRBRlanguage", ["language": frbr.language])
        x.close("FRBRExpression")
        x.open("FRBRManifestation")
        x.empty("FRBRthis", ["value": frbr.expression + "/!main.xml"])
        x.empty("FRBRuri", ["value": frbr.expression + ".akn"])
        x.empty("FRBRdate", ["date": Self.day(generated), "name": "generation"])
        x.empty("FRBRauthor", ["href": "#qanun"])
        x.empty("FRBRformat", ["value": "application/akn+xml"])
        x.close("FRBRManifestation")
        x.close("identification")
        x.open("references", ["source": "#qanun"])
        x.empty("TLCOrganization", ["eId": "qanun", "href": "/ontology/organization/qanun", "showAs": "Qanun"])
        x.empty("TLCOrganization", ["eId": "author", "href": "/ontology/organization/\(frbr.country)/legislator", "showAs": "Legislator"])
        x.close("references")
        if !act.notes.isEmpty {
            x.open("notes", ["source": "#qanun"])
            for (k, note) in act.notes.enumerated() {
                x.open("note", ["eId": "note_\(k + 1)"])
                for line in note.components(separatedBy: "\n") { x.leaf("p", line) }
                x.close("note")
            }
            x.close("notes")
        }
        x.open("proprietary", ["source": "#qanun"])
        x.open("qanun:act", ["xmlns:qanun": Self.qanunNamespace])
        x.leaf("qanun:source", act.source)
        if let t = act.type { x.leaf("qanun:type", t) }
        if let s = act.status { x.leaf("qanun:status", s) }
        if let d = act.date { x.leaf("qanun:date", d) }
        if let n = act.number { x.leaf("qanun:number", n) }
        x.close("qanun:act")
        x.close("proprietary")
        x.close("meta")
    }

    private func body(_ act: Act, _ x: inout Output) {
        var openSection: String?, openChapter: String?
        var eids = EidSet()
        var sectionCount = 0, chapterCount = 0
        for article in act.articles {
            if article.section != openSection {
                if openChapter != nil { x.close("chapter"); openChapter = nil }
                if openSection != nil { x.close("part") }
                openSection = article.section
                if let s = article.section {
                    sectionCount += 1
                    x.open("part", ["eId": eids.claim("part_\(sectionCount)")])
                    division(s, &x)
                }
            }
            if article.chapter != openChapter {
                if openChapter != nil { x.close("chapter") }
                openChapter = article.chapter
                if let c = article.chapter {
                    chapterCount += 1
                    // the chapter part of the article's eId (`chp_2__art_5` → `chp_2`)
                    let base = article.eid.hasPrefix("chp_") ? article.eid.components(separatedBy: "__")[0] : "chp_\(chapterCount)"
                    x.open("chapter", ["eId": eids.claim(base)])
                    division(c, &x)
                }
            }
            self.article(article, act.language, eids.claim(article.eid), &x)
        }
        if openChapter != nil { x.close("chapter") }
        if openSection != nil { x.close("part") }
    }

    /// `I fəsil. ÜMUMİ MÜDDƏALAR` → `<num>I fəsil</num><heading>ÜMUMİ MÜDDƏALAR</heading>`.
    private func division(_ label: String, _ x: inout Output) {
        if let r = label.range(of: ". ") {
            x.leaf("num", String(label[..<r.lowerBound]))
            x.leaf("heading", String(label[r.upperBound...]))
        } else {
            x.leaf("num", label)
        }
    }

    private func article(_ a: Article, _ language: Language, _ eid: String, _ x: inout Output) {
        var attrs = ["eId": eid]
        if a.repealed { attrs["status"] = "removed" }
        x.open("article", attrs)
        x.leaf("num", Self.articleLabel(a.number, language))
        if !a.heading.isEmpty { x.leaf("heading", a.heading) }
        let tree = PartTree.build(a.parts)
        if tree.isEmpty {
            x.open("content")
            x.leaf("p", "")
            x.close("content")
        } else if tree.allSatisfy({ $0.part.num == nil && $0.children.isEmpty }) {
            x.open("content")
            for n in tree { x.leaf("p", n.part.text) }
            x.close("content")
        } else {
            var nodes = tree[...]
            // text before the first numbered part
            var intro: [String] = []
            while let first = nodes.first, first.part.num == nil, first.children.isEmpty {
                intro.append(first.part.text)
                nodes = nodes.dropFirst()
            }
            if !intro.isEmpty {
                x.open("intro")
                for t in intro { x.leaf("p", t) }
                x.close("intro")
            }
            var parts = EidSet()
            for n in nodes { partElement(n, parent: eid, depth: 1, eids: &parts, &x) }
        }
        x.close("article")
    }

    private func partElement(_ node: PartTree, parent: String, depth: Int, eids: inout EidSet, _ x: inout Output) {
        let name = depth == 1 ? "paragraph" : "point"
        let prefix = depth == 1 ? "para" : "point"
        let eid = eids.claim(
            "\(parent)__\(prefix)_" + (node.part.num.map { LineShape.eidNumber($0) } ?? "u\(eids.used.count + 1)"))
        x.open(name, ["eId": eid])
        if let label = node.part.label { x.leaf("num", label) }
        if node.children.isEmpty {
            x.open("content")
            x.leaf("p", node.part.text)
            x.close("content")
        } else {
            if !node.part.text.isEmpty || node.part.num == nil {
                x.open("intro")
                x.leaf("p", node.part.text)
                x.close("intro")
            }
            for c in node.children { partElement(c, parent: eid, depth: depth + 1, eids: &eids, &x) }
        }
        x.close(name)
    }

    static func articleLabel(_ number: String, _ language: Language) -> String {
        switch language {
        case .az: return "Maddə \(number)."
        case .ru: return "Статья \(number)."
        case .en: return "Article \(number)"
        }
    }

    static func day(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    /// A small XML writer with two-space indentation.
    private struct Output {
        var text = ""
        var depth = 0

        mutating func line(_ s: String) {
            text += String(repeating: "  ", count: depth) + s + "\n"
        }
        static func attributes(_ attrs: [String: String]) -> String {
            // xmlns first, then eId, then the rest by name: stable output
            let order: (String) -> (Int, String) = { ($0.hasPrefix("xmlns") ? 0 : $0 == "eId" ? 1 : 2, $0) }
            return attrs.keys.sorted { order($0) < order($1) }.map { " \($0)=\"\(XMLText.escape(attrs[$0]!, attribute: true))\"" }
                .joined()
        }
        mutating func open(_ name: String, _ attrs: [String: String] = [:]) {
            line("<\(name)\(Self.attributes(attrs))>")
            depth += 1
        }
        mutating func close(_ name: String) {
            depth -= 1
            line("</\(name)>")
        }
        mutating func empty(_ name: String, _ attrs: [String: String]) {
            line("<\(name)\(Self.attributes(attrs))/>")
        }
        mutating func leaf(_ name: String, _ value: String) {
            line("<\(name)>\(XMLText.escape(value))</\(name)>")
        }
    }
}

/// An act's flat parts nested by level: a numbered part owns the parts after it that are deeper,
/// and unnumbered text that follows it. Pre-order traversal gives back the flat list.
struct PartTree {
    var part: Part
    var children: [PartTree] = []

    static func build(_ parts: [Part]) -> [PartTree] {
        var index = 0
        return take(parts, &index, above: Int.min)
    }

    /// Parts from `index` on that belong under a parent of level `above`.
    private static func take(_ parts: [Part], _ index: inout Int, above: Int) -> [PartTree] {
        var out: [PartTree] = []
        while index < parts.count {
            let p = parts[index]
            if p.num != nil {
                if p.level <= above { break }
                index += 1
                var node = PartTree(part: p)
                node.children = take(parts, &index, above: p.level)
                out.append(node)
            } else {
                // unnumbered text stays with the current parent
                out.append(PartTree(part: p))
                index += 1
            }
        }
        return out
    }
}

/// The FRBR identifiers of an act, in the Akoma Ntoso naming convention.
struct FRBR {
    var country: String
    var date: String
    var dateName: String
    var number: String
    var language: String
    var work: String
    var expression: String

    init(act: Act, country override: String?, document: String) {
        country = (override ?? Self.defaultCountry(act.language)).lowercased()
        if let d = act.date, Self.isDay(d) {
            date = d
            dateName = document == "bill" ? "presentation" : "enactment"
        } else if let d = act.date, d.count == 4, Int(d) != nil {
            date = "\(d)-01-01"
            dateName = "year"
        } else {
            date = "0001-01-01"
            dateName = "unknown"
        }
        number = Self.slug(act.number ?? URL(fileURLWithPath: act.source).deletingPathExtension().lastPathComponent)
        language = Self.iso639_2(act.language)
        work = "/akn/\(country)/\(document)/\(date)/\(number)"
        expression = work + "/\(language)@"
    }

    static func defaultCountry(_ language: Language) -> String {
        switch language {
        case .az: return "az"
        case .ru: return "ru"
        case .en: return "zz"
        }
    }

    static func iso639_2(_ language: Language) -> String {
        switch language {
        case .az: return "aze"
        case .ru: return "rus"
        case .en: return "eng"
        }
    }

    static func isDay(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        return s.count == 10 && parts.count == 3 && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    /// A URI component: letters, digits, `-`, `.` and `_` kept (any script); anything else `-`.
    static func slug(_ s: String) -> String {
        let mapped = s.trimmedSpaces().map { c -> Character in
            (c.isLetter || c.isNumber || c == "-" || c == "." || c == "_") ? c : "-"
        }
        let out = String(mapped).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return out.isEmpty ? "nn" : out
    }
}

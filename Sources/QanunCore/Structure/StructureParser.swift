import Foundation

/// The structure of an act's body: title, preamble, articles with their parts, and the amendment
/// apparatus that follows the body.
public struct ParsedStructure: Sendable, Equatable {
    public var title: String?
    public var preamble: String
    public var articles: [Article]
    public var notes: [String]
}

/// Turns the text of an act into articles. Line-based: each line is a heading (division or
/// article) or text; text belongs to the article above it, or to the preamble before the first.
///
/// Consolidated texts carry an amendment apparatus after the body (e-qanun: footnotes `[1] ...`
/// quoting previous wordings, which may repeat `Maddə N.` headings). Everything from the first
/// `[1]` footnote after the first article is apparatus: kept as notes, never parsed as articles.
public struct StructureParser: Sendable {
    public var language: Language

    public init(language: Language) { self.language = language }

    public func parse(_ body: Substring) -> ParsedStructure {
        let lines = Self.cleanLines(body)
        // `Section N` and `§ N` are articles only in acts that have no `Article`/`Статья`/`Maddə`
        // headings (US Code); elsewhere they are subdivisions (EU sections, Russian paragraphs).
        let classifier = LineClassifier(sectionsAreDivisions: lines.contains(where: LineClassifier.startsWithArticleWord))
        var builder = Builder()
        var i = 0
        var notesStart = lines.count
        while i < lines.count {
            var line = lines[i]
            if line.isEmpty { i += 1; continue }
            if !builder.articles.isEmpty || builder.current != nil, Self.startsApparatus(line) {
                notesStart = i
                break
            }
            // e-qanun prints amendment markers before a heading too: `[3] Maddə 2. ...`
            if FootnoteMarkers.leadingNumber(line) != nil {
                line = line.drop { $0 != "]" }.dropFirst().trimmedSpaces()
            }
            switch classifier.classify(line) {
            case .section(let label, let number, var title):
                if title.isEmpty, let (t, next) = titleLine(after: i, in: lines, classifier) { title = t; i = next }
                builder.startSection(label: label, number: number, title: title, insideChapter: label.hasPrefix("Section") || label.hasPrefix("§"))
            case .chapter(let label, let number, var title):
                if title.isEmpty, let (t, next) = titleLine(after: i, in: lines, classifier) { title = t; i = next }
                builder.startChapter(label: label, number: number, title: title)
            case .article(let number, var heading, _):
                if heading.isEmpty, let (t, next) = titleLine(after: i, in: lines, classifier), PartNumbering.match(t) == nil {
                    heading = t
                    i = next
                }
                builder.startArticle(number: number, heading: heading)
            case .text:
                builder.addText(line)
            }
            i += 1
        }
        builder.finishArticle()
        let notes = Self.groupNotes(lines[notesStart...])
        var articles = builder.articles
        // Superscript article numbers flattened by HTML conversion: ru cites 8¹ as 8.1, az as 98-1.
        if language != .en { ArticleNumbering.restoreSuperscripts(&articles, separator: language == .ru ? "." : "-") }
        let repealedByNotes = RepealDetector.repealedByFootnotes(notes)
        let repealedChapters = RepealDetector.repealedChapters(notes)
        for k in articles.indices {
            if repealedByNotes.contains(articles[k].number) { articles[k].repealed = true }
            if let chapter = builder.chapterNumbers[k], repealedChapters.contains(chapter) { articles[k].repealed = true }
        }
        ArticleNumbering.assignEids(&articles, chapters: builder.chapterNumbers)
        let (title, preamble) = Self.titleAndPreamble(builder.preamble)
        return ParsedStructure(title: title, preamble: preamble, articles: articles, notes: notes)
    }

    /// The amendment apparatus after an act's body: the first footnote `[1] ...`, or an e-qanun list
    /// heading (`İSTİFADƏ OLUNMUŞ MƏNBƏ SƏNƏDLƏRİNİN SİYAHISI`, `QANUNA EDİLMİŞ DƏYİŞİKLİK VƏ
    /// ƏLAVƏLƏRİN SİYAHISI`).
    static func startsApparatus(_ line: String) -> Bool {
        if FootnoteMarkers.leadingNumber(line) == 1 { return true }
        return line.hasSuffix("SİYAHISI") && line.count < 120 && !line.contains(where: { $0.isLowercase })
    }

    /// A title printed on the line after a heading (`Article 5` / `Subject-matter`; `I fəsil` /
    /// `ÜMUMİ MÜDDƏALAR`): short, not itself a heading or a sentence.
    private func titleLine(after i: Int, in lines: [String], _ classifier: LineClassifier) -> (String, Int)? {
        var j = i + 1
        while j < lines.count, lines[j].isEmpty { j += 1 }
        guard j < lines.count else { return nil }
        let t = lines[j]
        guard t.count <= 200, classifier.classify(t) == .text, FootnoteMarkers.leadingNumber(t) == nil else { return nil }
        guard let first = t.first, !"(«\"“[-–—".contains(first), !(first.isNumber) else { return nil }
        if let last = FootnoteMarkers.strip(t).trimmedSpaces().last, ".;:,".contains(last) {
            return nil
        }
        return (LineClassifier.cleanTitle(t), j)
    }

    /// Splits lines, trims spaces, and drops EUR-Lex consolidation markers (`▼B`, `▼M2`, `►M1`).
    static func cleanLines(_ body: Substring) -> [String] {
        var out: [String] = []
        out.reserveCapacity(body.utf8.count / 80)
        for raw in Self.lines(body) {
            var line = raw.trimmedSpaces()
            // NBSP is C2 A0 and ▼►◄ start with E2 in UTF-8: check the bytes before the scalars
            if line.containsByte(0xC2), line.unicodeScalars.contains(where: { $0.value == 0xA0 }) {
                line = String(String.UnicodeScalarView(line.unicodeScalars.map { $0.value == 0xA0 ? " " : $0 }))
            }
            if line.containsByte(0xE2), line.unicodeScalars.contains(where: { $0 == "▼" || $0 == "►" || $0 == "◄" }) {
                line = line.replacingOccurrences(of: #"[▼►◄]\s?(?:[A-Z]\d*)?"#, with: "", options: .regularExpression)
                    .trimmedSpaces()
            }
            out.append(line)
        }
        return out
    }

    /// The lines of `text` (split at `\n` on the UTF-8 bytes: `split` on Characters walks
    /// grapheme clusters, and this runs on every byte of every act).
    static func lines(_ text: Substring) -> [Substring] {
        let u = text.utf8
        // byte offsets of the line breaks, found with memchr over the contiguous UTF-8
        let breaks = u.withContiguousStorageIfAvailable(Self.lineBreakOffsets) ?? Self.lineBreakOffsets(Array(u))
        var out: [Substring] = []
        out.reserveCapacity(breaks.count + 1)
        var start = u.startIndex
        var previous = 0
        for b in breaks {
            let i = u.index(start, offsetBy: b - previous)
            out.append(text[start..<i])
            start = u.index(after: i)
            previous = b + 1
        }
        out.append(text[start..<u.endIndex])
        return out
    }

    private static func lineBreakOffsets(_ buf: UnsafeBufferPointer<UInt8>) -> [Int] {
        var offsets: [Int] = []
        guard let base = buf.baseAddress else { return offsets }
        var k = 0
        while k < buf.count {
            guard let hit = memchr(base + k, 0x0A, buf.count - k) else { break }
            let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            offsets.append(offset)
            k = offset + 1
        }
        return offsets
    }

    private static func lineBreakOffsets(_ bytes: [UInt8]) -> [Int] {
        bytes.withUnsafeBufferPointer(lineBreakOffsets)
    }

    static func groupNotes(_ lines: ArraySlice<String>) -> [String] {
        var notes: [String] = []
        for line in lines where !line.isEmpty {
            if FootnoteMarkers.leadingNumber(line) != nil || notes.isEmpty {
                notes.append(line)
            } else {
                notes[notes.count - 1] += "\n" + line
            }
        }
        return notes
    }

    private static let metaPrefixes = [
        "[source:", "source:", "celex", "принят", "одобрен", "(в редакции", "(с изменениями", "(as amended",
    ]

    static func titleAndPreamble(_ lines: [String]) -> (String?, String) {
        var rest = lines.filter { line in
            let l = line.lowercased()
            return !metaPrefixes.contains { l.hasPrefix($0) }
        }
        guard !rest.isEmpty else { return (nil, "") }
        // The issuing state printed above the title (`РОССИЙСКАЯ ФЕДЕРАЦИЯ`) is not the title.
        let issuers: Set<String> = ["российская федерация", "azərbaycan respublikası", "azərbaycan respublikasi"]
        if rest.count > 1, issuers.contains(LineClassifier.fold(Substring(rest[0]))) { rest.removeFirst() }
        let title = FootnoteMarkers.strip(rest.removeFirst()).trimmedSpaces()
        return (title, rest.map(FootnoteMarkers.strip).joined(separator: "\n"))
    }
}

/// Accumulates divisions and articles while the parser walks the lines.
private struct Builder {
    var preamble: [String] = []
    var articles: [Article] = []
    var current: (number: String, heading: String, lines: [String])?
    var chapter: String?
    /// The chapter number as printed (`XLVI`, `2`).
    var chapterNumber: String?
    var section: String?
    /// The printed chapter number of each article, by index (eIds and chapter repeals use it).
    var chapterNumbers: [String?] = []

    mutating func startSection(label: String, number: String, title: String, insideChapter: Bool) {
        finishArticle()
        section = title.isEmpty ? label : "\(label). \(title)"
        if !insideChapter { chapter = nil; chapterNumber = nil }
    }

    mutating func startChapter(label: String, number: String, title: String) {
        finishArticle()
        chapter = title.isEmpty ? label : "\(label). \(title)"
        chapterNumber = number
    }

    mutating func startArticle(number: String, heading: String) {
        finishArticle()
        current = (number, heading, [])
    }

    mutating func addText(_ line: String) {
        if current != nil { current!.lines.append(line) } else if articles.isEmpty { preamble.append(line) }
    }

    mutating func finishArticle() {
        guard let c = current else { return }
        current = nil
        let parts = Self.parts(c.lines)
        let body = parts.map(\.line).joined(separator: "\n")
        let repealed = RepealDetector.isRepealNotice(c.heading) || RepealDetector.isRepealNotice(body)
        articles.append(
            Article(
                number: c.number, heading: c.heading, eid: "", chapter: chapter, section: section, parts: parts,
                repealed: repealed))
        chapterNumbers.append(chapterNumber)
    }

    /// Numbered parts and points; a label alone on its line takes the next line as its text.
    static func parts(_ lines: [String]) -> [Part] {
        var parts: [Part] = []
        var pendingLabel: PartNumbering.Match?
        for raw in lines {
            let line = FootnoteMarkers.strip(raw).trimmedSpaces()
            if line.isEmpty { continue }
            if let m = PartNumbering.match(line) {
                if let p = pendingLabel { parts.append(Part(num: p.num, label: p.label, text: "", level: p.level)) }
                if m.rest.isEmpty { pendingLabel = m; continue }
                pendingLabel = nil
                parts.append(Part(num: m.num, label: m.label, text: String(m.rest), level: m.level))
            } else if let p = pendingLabel {
                pendingLabel = nil
                parts.append(Part(num: p.num, label: p.label, text: line, level: p.level))
            } else {
                parts.append(Part(text: line))
            }
        }
        if let p = pendingLabel { parts.append(Part(num: p.num, label: p.label, text: "", level: p.level)) }
        return parts
    }
}

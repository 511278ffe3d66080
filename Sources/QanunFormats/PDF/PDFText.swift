import Foundation
import QanunCore

/// Turns `pdftotext -layout` output into the lines of an act:
/// - running headers and footers (a line repeated at the top or bottom of most pages, digits
///   aside) and page numbers (`7`, `- 7 -`, `Page 7 of 9`, `Стр. 7`) are dropped;
/// - lines are joined back into paragraphs: a paragraph starts at a heading, at a numbered part
///   after the end of a sentence, and, where the document indents first lines (most acts do), at
///   an indented line; elsewhere at a blank line or after a short line;
/// - words broken at line ends are rejoined (`orga-` + `nization` → `organization`), while real
///   hyphenated words and identifiers stay whole (`e-government`, `5485-1`, `44-ФЗ`): a hyphen is
///   kept after a digit or single letter, before a digit or capital, and whenever the document
///   itself writes the hyphenated form and never the joined one.
enum PDFText {
    /// The act's text and the footnotes found at page bottoms (`[1] …`).
    static func clean(_ raw: String) -> (text: String, notes: [String]) {
        var pages = raw.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
            page.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        }
        while let last = pages.last, last.allSatisfy({ $0.trimmedSpaces().isEmpty }) { pages.removeLast() }
        removeRunningLines(&pages)
        var notes: [String] = []
        for p in pages.indices { notes += takeFootnotes(&pages[p]) }
        let lines = pages.flatMap { $0 }
        return (reflow(lines).joined(separator: "\n"), notes)
    }

    // MARK: footnotes

    /// Moves the footnotes at the bottom of a page out of its text: lines near the bottom that start
    /// with a number `n` whose reference is printed glued to a word above (`verilmir.1`,
    /// `документа1`). The references are removed from the text too.
    static func takeFootnotes(_ page: inout [String]) -> [String] {
        let filled = page.indices.filter { !page[$0].trimmedSpaces().isEmpty }
        guard filled.count > 2 else { return [] }
        var start: Int?
        var numbers: [String] = []
        for i in filled.suffix(15) {
            let t = page[i].trimmedSpaces()
            let n = String(t.prefix { $0.isASCII && $0.isNumber })
            guard !n.isEmpty, n.count <= 3, t.count == n.count || t.dropFirst(n.count).first == " " else { continue }
            guard i != filled.first, glued(n, before: i, page) else { continue }
            if start == nil { start = i }
            numbers.append(n)
        }
        guard let start else { return [] }
        var notes: [String] = []
        for line in page[start...] {
            let t = line.collapsedSpaces()
            if t.isEmpty { continue }
            let n = String(t.prefix { $0.isASCII && $0.isNumber })
            if numbers.contains(n), t.count == n.count || t.dropFirst(n.count).first == " " {
                let rest = t.dropFirst(n.count).trimmedSpaces()
                notes.append("[\(n)]" + (rest.isEmpty ? "" : " \(rest)"))
            } else if !notes.isEmpty {
                notes[notes.count - 1] += (notes[notes.count - 1].hasSuffix("]") ? " " : " ") + t
            }
        }
        page.removeSubrange(start...)
        for k in page.indices { for n in numbers { page[k] = stripReference(n, page[k]) } }
        return notes
    }

    /// True when `n` is printed glued after a letter or closing punctuation (not after a digit) in
    /// the lines above line `limit`.
    private static func glued(_ n: String, before limit: Int, _ page: [String]) -> Bool {
        page[..<limit].contains { stripReference(n, $0) != $0 }
    }

    /// Removes footnote reference `n` glued to the end of a word or sentence.
    static func stripReference(_ n: String, _ line: String) -> String {
        let chars = Array(line)
        let digits = Array(n)
        var out: [Character] = []
        var i = 0
        while i < chars.count {
            if i > 0, chars[i] == digits[0], i + digits.count <= chars.count, Array(chars[i..<(i + digits.count)]) == digits {
                let after = i + digits.count
                let before = chars[i - 1]
                let beforeThat: Character? = i >= 2 ? chars[i - 2] : nil
                let endsWord = after == chars.count || chars[after] == " " || chars[after] == ","
                let gluedTo = before.isLetter || (".;:!?»)".contains(before) && !(beforeThat?.isNumber ?? false))
                if endsWord && gluedTo && !(before.isLetter && before.isUppercase && (beforeThat?.isUppercase ?? false)) {
                    i = after
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return String(out)
    }

    // MARK: headers, footers, page numbers

    static func removeRunningLines(_ pages: inout [[String]]) {
        /// The line with numbers that look like this page's number (within a few of its index)
        /// replaced by `#`: `Səhifə 3`, `- 3 -`, `Закон № 45-З, стр. 3` match across pages, while
        /// other numbers must repeat exactly.
        func key(_ s: String, page p: Int) -> String {
            var out = ""
            var digits = ""
            func flush() {
                if let v = Int(digits), v >= p - 2 && v <= p + 3 { out += "#" } else { out += digits }
                digits = ""
            }
            for c in s.collapsedSpaces().lowercased() {
                if c.isASCII && c.isNumber { digits.append(c) } else { flush(); out.append(c) }
            }
            flush()
            return out
        }
        let zone = 2
        var counts: [String: Int] = [:]
        for (p, page) in pages.enumerated() {
            let filled = page.indices.filter { !page[$0].trimmedSpaces().isEmpty }
            let ends = Set(filled.prefix(zone) + filled.suffix(zone))
            for k in Set(ends.map { key(page[$0], page: p + 1) }) { counts[k, default: 0] += 1 }
        }
        let threshold = pages.count >= 3 ? max(2, (pages.count + 1) / 2) : (pages.count == 2 ? 2 : Int.max)
        for p in pages.indices {
            var removed = Set<String>()
            // from the top, then from the bottom: each repeated line at most once per end
            for fromTop in [true, false] {
                var taken = 0
                while taken < zone {
                    let filled = pages[p].indices.filter { !pages[p][$0].trimmedSpaces().isEmpty }
                    guard let i = fromTop ? filled.first : filled.last else { break }
                    let line = pages[p][i], k = key(line, page: p + 1)
                    let running = (counts[k] ?? 0) >= threshold && !removed.contains(k)
                    guard running || isPageNumber(line) else { break }
                    removed.insert(k)
                    pages[p].remove(at: i)
                    taken += 1
                }
            }
        }
    }

    static func isPageNumber(_ line: String) -> Bool {
        var s = line.collapsedSpaces().lowercased()
        s = s.trimmingCharacters(in: .init(charactersIn: "-–— "))
        for prefix in ["page ", "стр. ", "стр.", "страница ", "səhifə ", "səh. ", "səh."] where s.hasPrefix(prefix) {
            s.removeFirst(prefix.count)
            break
        }
        let parts = s.split(whereSeparator: { $0 == " " || $0 == "/" }).filter { !["of", "из"].contains($0) }
        return !parts.isEmpty && parts.count <= 2 && parts.allSatisfy { $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    // MARK: paragraphs and hyphenation

    static func reflow(_ lines: [String]) -> [String] {
        struct Line {
            var text: String
            var indent: Int
            var length: Int
            var blankBefore: Bool
        }
        var items: [Line] = []
        var blank = false
        for raw in lines {
            let t = raw.collapsedSpaces()
            if t.isEmpty { blank = true; continue }
            let indent = raw.prefix { $0 == " " }.count
            items.append(Line(text: t, indent: indent, length: raw.trimmingTrailingSpaces().count, blankBefore: blank))
            blank = false
        }
        guard !items.isEmpty else { return [] }
        // the left margin: the most common indentation; paragraphs that start indented are the signal
        var histogram: [Int: Int] = [:]
        for l in items { histogram[l.indent, default: 0] += 1 }
        let margin = histogram.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
        let indentedShare = Double(items.filter { $0.indent >= margin + 2 }.count) / Double(items.count)
        let byIndent = indentedShare >= 0.1
        let lengths = items.map(\.length).sorted()
        let width = lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
        let vocabulary = words(lines)

        func isCaps(_ s: String) -> Bool { s.contains { $0.isLetter } && !s.contains { $0.isLowercase } }
        func startsParagraph(_ prev: Line, _ cur: Line, _ current: String) -> Bool {
            let sentenceEnd = current.last.map { ".:;!?»\")…".contains($0) } ?? true
            if LineShape.isHeading(cur.text) { return true }
            if LineShape.partNumber(cur.text) != nil && sentenceEnd { return true }
            if byIndent {
                // a sentence or heading that wraps onto a line of its own
                if !sentenceEnd && cur.text.first?.isLowercase == true { return false }
                // a centred title that wraps: `DÖVLƏT SİRRİ TƏŞKİL EDƏN` / `MƏLUMATLAR`
                if cur.indent >= margin + 6 && prev.indent >= margin + 1 && !sentenceEnd && isCaps(current) && isCaps(cur.text) {
                    return false
                }
                if cur.indent >= margin + 2 { return true }
                // the line under a centred title is not its continuation
                if prev.indent >= margin + 6 { return true }
                return cur.blankBefore && sentenceEnd
            }
            return cur.blankBefore || Double(prev.length) < 0.8 * Double(width)
        }

        var out: [String] = []
        var current = items[0].text
        for k in 1..<items.count {
            let prev = items[k - 1], cur = items[k]
            let hyphenated = current.hasSuffix("-") || current.hasSuffix("\u{AD}")
            if hyphenated && !LineShape.isHeading(cur.text) {
                current = join(current, cur.text, vocabulary)
            } else if startsParagraph(prev, cur, current) {
                out.append(current)
                current = cur.text
            } else {
                current += " " + cur.text
            }
        }
        out.append(current)
        return out
    }

    /// Joins a line that ends in a hyphen with the next one.
    static func join(_ current: String, _ next: String, _ vocabulary: Set<String>) -> String {
        var head = current
        head.removeLast()  // the hyphen
        let fragment = String(head.reversed().prefix { $0.isLetter || $0.isNumber }.reversed())
        let nextWord = String(next.prefix { $0.isLetter || $0.isNumber })
        guard let f = fragment.last, let n = nextWord.first else {
            return current + " " + next  // a dash, not a broken word
        }
        let keep: Bool
        if f.isNumber || n.isNumber || n.isUppercase {
            keep = true
        } else {
            let joined = (fragment + nextWord).lowercased(), hyphenated = (fragment + "-" + nextWord).lowercased()
            if vocabulary.contains(joined) {
                keep = false
            } else if vocabulary.contains(hyphenated) {
                keep = true
            } else {
                keep = fragment.count == 1
            }
        }
        return (keep ? head + "-" : head) + next
    }

    /// The words of the text as written whole on a line (lower case, inner hyphens kept).
    static func words(_ lines: [String]) -> Set<String> {
        var out = Set<String>()
        for line in lines {
            for w in line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }) {
                // a word broken at the line end (`orga-`) is not a word of the text
                if w.hasSuffix("-") { continue }
                let word = w.trimmingCharacters(in: .init(charactersIn: "-"))
                if !word.isEmpty { out.insert(word.lowercased()) }
            }
        }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return self[..<end]
    }
}

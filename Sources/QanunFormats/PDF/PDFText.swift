import Foundation
import QanunCore

/// Turns `pdftotext -layout` output into the lines of an act:
/// - running headers and footers (a line repeated at the top or bottom of most pages, digits
///   aside) and page numbers (`7`, `- 7 -`, `Page 7 of 9`, `Стр. 7`) are dropped;
/// - lines are joined back into paragraphs: a paragraph ends at a blank line, at a short line, or
///   before a heading or numbered part that follows the end of a sentence;
/// - words broken at line ends are rejoined (`orga-` + `nization` → `organization`), while real
///   hyphenated words and identifiers stay whole (`e-government`, `5485-1`, `44-ФЗ`): a hyphen is
///   kept after a digit or single letter, before a digit or capital, and whenever the document
///   itself writes the hyphenated form and never the joined one.
enum PDFText {
    static func clean(_ raw: String) -> String {
        var pages = raw.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
            page.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        }
        while let last = pages.last, last.allSatisfy({ $0.trimmedSpaces().isEmpty }) { pages.removeLast() }
        removeRunningLines(&pages)
        let lines = pages.flatMap { $0 }
        return reflow(lines).joined(separator: "\n")
    }

    // MARK: headers, footers, page numbers

    static func removeRunningLines(_ pages: inout [[String]]) {
        func key(_ s: String) -> String {
            String(s.collapsedSpaces().lowercased().map { $0.isNumber ? "#" : $0 })
        }
        let zone = 2
        var counts: [String: Int] = [:]
        for page in pages {
            let filled = page.indices.filter { !page[$0].trimmedSpaces().isEmpty }
            let ends = Set(filled.prefix(zone) + filled.suffix(zone))
            for k in Set(ends.map { key(page[$0]) }) { counts[k, default: 0] += 1 }
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
                    let line = pages[p][i], k = key(line)
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
        let lengths = lines.map { $0.trimmingTrailingSpaces().count }.filter { $0 > 0 }.sorted()
        let width = lengths.isEmpty ? 0 : lengths[min(lengths.count - 1, lengths.count * 9 / 10)]
        let vocabulary = words(lines)
        var out: [String] = []
        var current = ""
        var previousLength = 0
        func flush() {
            if !current.isEmpty { out.append(current) }
            current = ""
        }
        for raw in lines {
            let t = raw.collapsedSpaces()
            if t.isEmpty { flush(); continue }
            let structural = LineShape.isHeading(t) || LineShape.partNumber(t) != nil
            let short = Double(previousLength) < 0.8 * Double(width)
            let hyphenated = current.hasSuffix("-") || current.hasSuffix("\u{AD}")
            let sentenceEnd = current.last.map { ".:;!?»\")…".contains($0) } ?? true
            if current.isEmpty || (!hyphenated && (short || (structural && sentenceEnd))) {
                flush()
                current = t
            } else if hyphenated {
                current = join(current, t, vocabulary)
            } else {
                current += " " + t
            }
            previousLength = raw.trimmingTrailingSpaces().count
        }
        flush()
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

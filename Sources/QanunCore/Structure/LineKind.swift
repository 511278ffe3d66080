/// What one line of an act's body is: the start of a division, an article heading, or text.
enum LineKind: Equatable {
    /// `Bölmə`, `Раздел`, `Part`, `Title`, and EU-style `Section N` inside a chapter.
    case section(label: String, number: String, title: String)
    /// `Fəsil`, `Глава`, `Chapter`.
    case chapter(label: String, number: String, title: String)
    /// `Maddə 5.`, `Статья 5.`, `Article 5`, `§ 552.`, `Section 5` (where no `Article` exists).
    case article(number: String, heading: String, dotted: Bool)
    case text
}

/// Recognises headings by their first word. Hand-written scanning rather than regular expressions:
/// this runs on every line of every act, and must stay cheap.
struct LineClassifier {
    /// True when the act uses `Article N` headings; then `Section N` is a subdivision, not an article.
    var sectionsAreDivisions: Bool

    static let articleWords: Set<String> = ["maddə", "статья", "article"]
    /// True when `line` opens with a capitalised article word (`Article `, `СТАТЬЯ `, `Maddə `).
    static func startsWithArticleWord(_ line: String) -> Bool {
        guard let space = line.firstIndex(of: " "), line.first?.isUppercase == true else { return false }
        return articleWords.contains(fold(line[..<space]))
    }

    static let chapterWords: Set<String> = ["fəsil", "глава", "chapter"]
    static let sectionWords: Set<String> = ["bölmə", "раздел", "подраздел", "part", "title"]

    func classify(_ line: String) -> LineKind {
        guard let first = line.unicodeScalars.first else { return .text }
        if first == "§" {
            let rest = line.dropFirst().drop { $0 == " " || $0 == "\u{A0}" }
            if sectionsAreDivisions { return division(rest, label: "§", chapter: false) ?? .text }
            return article(numberAndHeading: rest) ?? .text
        }
        guard first.properties.isAlphabetic || first == "I" || first == "V" || first == "X" || first.properties.numericType != nil
        else { return .text }
        let words = Self.leadingWords(line)
        guard words.count >= 2 else { return .text }
        let w0 = Self.fold(words[0])
        let rest = line[words[1].startIndex...]
        if Self.articleWords.contains(w0) {
            return article(numberAndHeading: rest) ?? .text
        }
        if w0 == "section" {
            if sectionsAreDivisions {
                return division(rest, label: String(words[0]), chapter: false) ?? .text
            }
            return article(numberAndHeading: rest) ?? .text
        }
        if Self.chapterWords.contains(w0) { return division(rest, label: String(words[0]), chapter: true) ?? .text }
        if Self.sectionWords.contains(w0) { return division(rest, label: String(words[0]), chapter: false) ?? .text }
        // Azerbaijani puts the number first: `I fəsil`, `II bölmə`.
        guard Self.isDivisionNumber(words[0]) else { return .text }
        // only `fəsil`/`bölmə` follow a number here: skip the fold for every numbered part
        guard let c = words[1].utf8.first, c | 0x20 == UInt8(ascii: "f") || c | 0x20 == UInt8(ascii: "b") else { return .text }
        let w1 = Self.fold(Substring(words[1].trimmingCharacters(in: .punctuationCharacters)))
        if w1 == "fəsil" || w1 == "bölmə" {
            let title = words.count > 2 ? String(words[2]) : ""
            let label = "\(words[0]) \(words[1])"
            if w1 == "fəsil" { return .chapter(label: label, number: String(words[0]), title: Self.cleanTitle(title)) }
            return .section(label: label, number: String(words[0]), title: Self.cleanTitle(title))
        }
        return .text
    }

    /// `27-1. Heading`, `5`, `8(1)` (rejected: a reference), `5 настоящего Кодекса` (rejected).
    private func article(numberAndHeading s: Substring) -> LineKind? {
        var i = s.startIndex
        var number = ""
        // digits, then optional groups of [-.]digits, then optional lower-case letters (552a, 7a)
        func digits() -> Bool {
            var any = false
            while i < s.endIndex, let d = s[i].asciiValue, d >= 48 && d <= 57 {
                number.append(s[i]); i = s.index(after: i); any = true
            }
            return any
        }
        guard digits() else { return nil }
        while i < s.endIndex, s[i] == "-" || s[i] == "." || s[i] == "‑" {
            let j = s.index(after: i)
            guard j < s.endIndex, let d = s[j].asciiValue, d >= 48 && d <= 57 else { break }
            number.append(s[i] == "‑" ? "-" : s[i]); i = j
            _ = digits()
        }
        while i < s.endIndex, let c = s[i].asciiValue, c >= 97 && c <= 122, number.count < 12 {
            number.append(s[i]); i = s.index(after: i)
        }
        var dotted = false
        if i < s.endIndex, s[i] == "." { dotted = true; i = s.index(after: i) }
        let rest = s[i...]
        if let c = rest.first, c != " " && c != "\u{A0}" && c != "\t" && c != "[" { return nil }
        var heading = Self.cleanTitle(String(rest))
        if !dotted, let f = heading.first, f.isLowercase, !RepealDetector.isRepealNotice(heading) { return nil }
        if heading.count > 500 { return nil }
        if heading.hasSuffix(",") { return nil }
        if heading.hasPrefix("-") || heading.hasPrefix("–") { heading = "" }
        return .article(number: number, heading: heading, dotted: dotted)
    }

    private func division(_ s: Substring, label: String, chapter: Bool) -> LineKind? {
        let parts = s.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard let num = parts.first else { return nil }
        var number = String(num)
        while let last = number.last, last == "." || last == ":" { number.removeLast() }
        guard Self.isDivisionNumber(Substring(number)) || Self.ordinalWords[Self.fold(Substring(number))] != nil
        else { return nil }
        let title = parts.count > 1 ? Self.cleanTitle(String(parts[1])) : ""
        if let f = title.first, f.isLowercase { return nil }  // "Chapter 3 of this Code ..."
        let full = "\(label) \(number)"
        return chapter
            ? .chapter(label: full, number: number, title: title) : .section(label: full, number: number, title: title)
    }

    static func isDivisionNumber(_ s: Substring) -> Bool {
        let u = s.utf8
        guard let first = u.first, u.count <= 8 else { return false }
        func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        if u.allSatisfy(digit) { return true }
        if u.allSatisfy({ $0 == 0x49 || $0 == 0x56 || $0 == 0x58 || $0 == 0x4C || $0 == 0x43 }) { return true }  // IVXLC
        // 1.1, 10-1, 2A
        return digit(first) && u.allSatisfy { digit($0) || $0 == 0x2E || $0 == 0x2D || ($0 >= 0x41 && $0 <= 0x5A) }
    }

    /// Up to three space-separated pieces: the first word, the second, and the rest of the line
    /// (what `split(separator: " ", maxSplits: 2)` gives, on the bytes instead of Characters).
    static func leadingWords(_ line: String) -> [Substring] {
        let u = line.utf8
        var out: [Substring] = []
        var i = u.startIndex
        while out.count < 2 {
            while i < u.endIndex, u[i] == 0x20 { i = u.index(after: i) }
            guard i < u.endIndex else { return out }
            let start = i
            while i < u.endIndex, u[i] != 0x20 { i = u.index(after: i) }
            out.append(line[start..<i])
        }
        while i < u.endIndex, u[i] == 0x20 { i = u.index(after: i) }
        if i < u.endIndex { out.append(line[i...]) }
        return out
    }

    /// Lower-cases a heading word for comparison; `İ` lower-cases to `i` (not `i̇`).
    static func fold(_ s: Substring) -> String {
        var out = String.UnicodeScalarView()
        for u in s.lowercased().unicodeScalars where u.value != 0x307 { out.append(u) }
        return String(out)
    }

    /// Drops footnote markers (`[12]`) and trailing spaces from a heading or title.
    static func cleanTitle(_ s: String) -> String {
        FootnoteMarkers.strip(s).trimmedSpaces()
    }

    /// Russian ordinal words used for divisions (`РАЗДЕЛ ПЕРВЫЙ`).
    static let ordinalWords: [String: Int] = [
        "первый": 1, "второй": 2, "третий": 3, "четвертый": 4, "четвёртый": 4, "пятый": 5, "шестой": 6,
        "седьмой": 7, "восьмой": 8, "девятый": 9, "десятый": 10, "one": 1, "two": 2, "three": 3, "four": 4,
        "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    ]
}

import Foundation

import Foundation

/// Recognises repealed articles: a body that says only "repealed" in one of the three languages,
/// and (Azerbaijani consolidated texts) amendment footnotes that repeal articles whose old text was
/// left in the body.
enum RepealDetector {
    private static let notices: [String] = [
        "ləğv edilmişdir", "ləğv olunmuşdur", "qüvvədən düşmüş hesab edilmişdir",
        "утратила силу", "утратил силу", "утратило силу", "утратили силу", "исключена", "исключен",
        "deleted", "repealed", "omitted",
    ]

    private static let noticeBytes: [[UInt8]] = notices.map { Array($0.utf8) }

    /// True when `text` is nothing but a repeal notice (with its source), e.g.
    /// `Ləğv edilmişdir.`, `(Статья утратила силу - Федеральный закон от ... № 99-ФЗ)`, `[deleted]`.
    static func isRepealNotice(_ text: String) -> Bool {
        guard text.utf8.count <= 1600 else { return false }
        // cheap exit for ordinary prose: a notice is a few words, unless it is bracketed
        if let f = text.utf8.first, f != UInt8(ascii: "("), f != UInt8(ascii: "["), Self.moreSpaces(than: 12, in: text) {
            return false
        }
        let t = FootnoteMarkers.strip(text).trimmedSpaces()
        guard !t.isEmpty, t.unicodeScalars.count <= 400 else { return false }
        let lower = t.lowercased()
        let bytes = Array(lower.utf8)
        guard let k = noticeBytes.firstIndex(where: { bytes.containsBytes($0) }) else { return false }
        let hit = notices[k]
        // A notice is short, or is an editorial parenthesis: "(Статья утратила силу - ...)".
        if lower.hasPrefix("(") || lower.hasPrefix("[") { return true }
        let words = lower.split(whereSeparator: { $0 == " " || $0 == "\n" })
        return words.count <= hit.split(separator: " ").count + 3
    }

    private static func moreSpaces(than limit: Int, in text: String) -> Bool {
        var t = text
        return t.withUTF8 { buf in
            var n = 0
            for b in buf where b == 0x20 {
                n += 1
                if n > limit { return true }
            }
            return false
        }
    }

    /// Chapters that amendment footnotes repeal whole: `... ilə XLVI fəsil ləğv edilmişdir.`
    static func repealedChapters(_ notes: [String]) -> Set<String> {
        var out = Set<String>()
        let marker = Array("fəsil ləğv edilmişdir".utf8)
        for note in notes where Array(note.utf8).containsBytes(marker) {
            let words = note.split(separator: " ")
            for (k, w) in words.enumerated() where k + 2 < words.count && words[k + 1] == "fəsil" && words[k + 2] == "ləğv" {
                if w.allSatisfy({ "IVXLC".contains($0) }) { out.insert(String(w)) }
            }
        }
        return out
    }

    /// Article numbers that Azerbaijani amendment footnotes declare repealed:
    /// `... ilə 57-ci maddə ləğv edilmişdir.`, `... ilə 43-55-ci maddələr ləğv edilmişdir.`
    /// Points (`10.5.4-cü maddə`) are not articles and are ignored.
    static func repealedByFootnotes(_ notes: [String]) -> Set<String> {
        var out = Set<String>()
        let range = "maddələr ləğv edilmişdir", single = "maddə ləğv edilmişdir", bare = "ləğv edilmişdir"
        let bareBytes = Array(bare.utf8)
        for note in notes where Array(note.utf8).containsBytes(bareBytes) {
            // Every `... <number>-<ordinal suffix> ` followed by one of the three phrases.
            let chars = Array(note.unicodeScalars)
            var i = 0
            while i < chars.count {
                guard isDigit(chars[i]), i == 0 || !(isDigit(chars[i - 1]) || chars[i - 1] == "." || chars[i - 1] == "-")
                else { i += 1; continue }
                var j = i
                var first = "", second = ""
                while j < chars.count, isDigit(chars[j]) { first.unicodeScalars.append(chars[j]); j += 1 }
                if j + 1 < chars.count, chars[j] == "-", isDigit(chars[j + 1]) {
                    j += 1
                    while j < chars.count, isDigit(chars[j]) { second.unicodeScalars.append(chars[j]); j += 1 }
                }
                i = j
                // -ci / -cı / -cu / -cü / -nci / ...
                guard j < chars.count, chars[j] == "-" else { continue }
                var k = j + 1
                if k < chars.count, chars[k] == "n" { k += 1 }
                guard k + 1 < chars.count, chars[k] == "c", "iıuü".unicodeScalars.contains(chars[k + 1]) else { continue }
                k += 2
                guard k < chars.count, chars[k] == " " else { continue }
                let tail = String(String.UnicodeScalarView(chars[(k + 1)..<min(chars.count, k + 1 + range.unicodeScalars.count)]))
                if tail.hasPrefix(range), let a = Int(first), let b = Int(second), a < b, b - a < 500 {
                    for n in a...b { out.insert(String(n)) }
                } else if tail.hasPrefix(single) || tail.hasPrefix(bare) {
                    out.insert(second.isEmpty ? first : "\(first)-\(second)")
                }
            }
        }
        return out
    }

    private static func isDigit(_ u: Unicode.Scalar) -> Bool { u.value >= 48 && u.value <= 57 }
}

extension Array where Element == UInt8 {
    /// Byte-level substring search (Foundation's `contains` builds an NSString per call, and the
    /// parser asks this of every article).
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= count else { return false }
        let first = needle[0]
        var i = 0
        let last = count - needle.count
        while i <= last {
            if self[i] == first {
                var k = 1
                while k < needle.count, self[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

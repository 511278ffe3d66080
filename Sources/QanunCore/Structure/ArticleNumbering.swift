/// Article numbers after parsing: superscripts lost in conversion, and Akoma Ntoso eIds.
enum ArticleNumbering {
    /// Texts converted from HTML lose superscripts: `Статья 8¹` prints as `Статья 81`, `Maddə 98¹`
    /// as `Maddə 981`. Only the order tells: after article 8, a number far out of sequence that reads
    /// as 8 (or a number just above it) followed by one or two digits is a superscript, provided the
    /// sequence then continues below it. Russian cites them `8.1` (`25.12-1`), Azerbaijani `98-1`.
    static func restoreSuperscripts(_ articles: inout [Article], separator: String) {
        let ints: [Int?] = articles.map { a in
            let head = a.number.prefix { $0.isNumber }
            return head.count == a.number.count || a.number.dropFirst(head.count).hasPrefix("-") ? Int(head) : nil
        }
        var base: Int?
        for k in articles.indices {
            guard let n = ints[k] else { continue }
            let number = articles[k].number
            let head = String(number.prefix { $0.isNumber })
            // ... and the sequence continues below it, or the act ends with such numbers (142, 142¹ ... 142⁸).
            if let p = base, n > p + 1, let (q, suffix) = split(head, near: p),
                ints[(k + 1)...].contains(where: { m in m.map { $0 > q && $0 < n } ?? false })
                    || (q == p && ints[(k + 1)...].allSatisfy({ m in m.map { split(String($0), near: q) != nil } ?? true }))
            {
                articles[k].number = "\(q)\(separator)\(suffix)" + number.dropFirst(head.count)
                base = q
                continue
            }
            base = n
        }
    }

    /// Splits `1061` into (106, "1") or `12310` into (123, "10") when the leading part is within 20
    /// of the current article number `p`; one trailing digit is preferred over two.
    private static func split(_ head: String, near p: Int) -> (Int, Substring)? {
        for digits in 1...2 where head.count > digits {
            let suffix = head.suffix(digits)
            guard suffix.first != "0", let q = Int(head.dropLast(digits)) else { continue }
            if q >= p && q <= p + 20 { return (q, suffix) }
        }
        return nil
    }

    /// `art_5`, `chp_2__art_27-1` (`chapters[k]`: the printed chapter number of article k, if any);
    /// a repeated number gets `_2`, `_3` so eIds stay unique.
    static func assignEids(_ articles: inout [Article], chapters: [String?]) {
        var used: [String: Int] = [:]
        for k in articles.indices {
            var eid = "art_" + eidNumber(articles[k].number)
            if k < chapters.count, let chp = chapters[k] { eid = "chp_" + eidNumber(chp) + "__" + eid }
            if let n = used[eid] {
                used[eid] = n + 1
                eid += "_\(n + 1)"
            } else {
                used[eid] = 1
            }
            articles[k].eid = eid
        }
    }

    /// The number part of an eId: Roman numerals and ordinal words become Arabic; anything outside
    /// [a-z0-9.-] is dropped.
    static func eidNumber(_ printed: String) -> String {
        let trimmed = printed.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        if let r = roman(trimmed) { return String(r) }
        if let o = LineClassifier.ordinalWords[LineClassifier.fold(Substring(trimmed))] { return String(o) }
        let allowed = trimmed.lowercased().unicodeScalars.filter {
            ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x61 && $0.value <= 0x7A) || $0 == "." || $0 == "-"
        }
        return allowed.isEmpty ? "x" : String(String.UnicodeScalarView(allowed))
    }

    static func roman(_ s: String) -> Int? {
        let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100]
        guard !s.isEmpty, s.allSatisfy({ values[$0] != nil }) else { return nil }
        var total = 0
        let digits = s.map { values[$0]! }
        for (k, v) in digits.enumerated() {
            total += (k + 1 < digits.count && digits[k + 1] > v) ? -v : v
        }
        return total
    }
}

import Foundation

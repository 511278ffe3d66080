/// Article numbers after parsing: superscripts lost in conversion, and Akoma Ntoso eIds.
enum ArticleNumbering {
    /// Russian texts converted from HTML print `Статья 8¹` as `Статья 81`. Only the order tells:
    /// between article 8 and article 9, a number that starts with `8` and is greater than 9 is 8¹.
    /// Such articles are cited as `8.1` (and `25.12-1` for `Статья 2512-1`).
    static func restoreSuperscripts(_ articles: inout [Article], separator: String) {
        let ints: [Int?] = articles.map { a in
            let head = a.number.prefix { $0.isNumber }
            return head.count == a.number.count || a.number.dropFirst(head.count).hasPrefix("-") ? Int(head) : nil
        }
        // For each integer, the last index where it occurs: "does p+1 appear later?"
        var lastIndex: [Int: Int] = [:]
        for (k, n) in ints.enumerated() { if let n { lastIndex[n] = k } }
        var base: Int?
        for k in articles.indices {
            guard let n = ints[k] else { continue }
            let number = articles[k].number
            let head = String(number.prefix { $0.isNumber })
            if let p = base, n > p + 1 {
                let ps = String(p)
                let suffix = head.dropFirst(ps.count)
                if head.hasPrefix(ps), !suffix.isEmpty, suffix.count <= 2, suffix.first != "0",
                    let later = lastIndex[p + 1], later > k
                {
                    articles[k].number = "\(ps)\(separator)\(suffix)" + number.dropFirst(head.count)
                    continue
                }
            }
            base = n
        }
    }

    /// `art_5`, `chp_2__art_27-1`; a repeated number gets `_2`, `_3` so eIds stay unique.
    static func assignEids(_ articles: inout [Article], chapters: [String?]) {
        var used: [String: Int] = [:]
        for k in articles.indices {
            var eid = "art_" + eidNumber(articles[k].number)
            if k < chapters.count, let chp = chapters[k] { eid = chp + "__" + eid }
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

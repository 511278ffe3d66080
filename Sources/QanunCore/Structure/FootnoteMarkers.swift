/// Amendment footnote markers printed in consolidated texts: `...edilir.[16]`, `Maddə 70. [81]`.
enum FootnoteMarkers {
    /// Removes every `[digits]` marker. Other bracketed text (`[deleted]`) stays.
    static func strip(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "[")) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "[" {
                var j = s.index(after: i)
                var digits = 0
                while j < s.endIndex, s[j].isASCII, s[j].isNumber { j = s.index(after: j); digits += 1 }
                if digits > 0, digits <= 4, j < s.endIndex, s[j] == "]" {
                    // Drop a space left before the marker at the end of a sentence.
                    i = s.index(after: j)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }

    /// The footnote number if `line` starts a footnote (`[12] 3 aprel 2018-ci il ...`).
    static func leadingNumber(_ line: String) -> Int? {
        guard line.first == "[" else { return nil }
        let digits = line.dropFirst().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        let after = line.dropFirst(1 + digits.count)
        guard after.first == "]" else { return nil }
        return Int(digits)
    }
}

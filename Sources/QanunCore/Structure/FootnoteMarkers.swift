/// Amendment footnote markers printed in consolidated texts: `...edilir.[16]`, `Maddə 70. [81]`.
enum FootnoteMarkers {
    /// Removes every `[digits]` marker. Other bracketed text (`[deleted]`) stays.
    static func strip(_ s: String) -> String {
        guard s.containsByte(UInt8(ascii: "[")) else { return s }
        let u = s.utf8
        // byte-level: markers are ASCII, so cutting at them never splits a character
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = u.startIndex
        while i < u.endIndex {
            if u[i] == UInt8(ascii: "[") {
                var j = u.index(after: i)
                var digits = 0
                while j < u.endIndex, u[j] >= 0x30, u[j] <= 0x39 { j = u.index(after: j); digits += 1 }
                if digits > 0, digits <= 4, j < u.endIndex, u[j] == UInt8(ascii: "]") {
                    i = u.index(after: j)
                    continue
                }
            }
            out.append(u[i])
            i = u.index(after: i)
        }
        return String(decoding: out, as: UTF8.self)
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

/// Reads the numbering that opens a paragraph: `2.1.`, `2.1.1.`, `10-1.2.`, `1.`, `1)`, `а)`,
/// `(a)`, `(iv)`, `(1)`.
enum PartNumbering {
    struct Match: Equatable {
        var num: String
        var label: String
        var level: Int
        /// The paragraph text after the label (may be empty: EU texts put the text on the next line).
        var rest: Substring
    }

    static func match(_ line: String) -> Match? {
        guard let first = line.first else { return nil }
        if first == "(" { return parenthesised(line) }
        if first.isASCII && first.isNumber { return numeric(line) }
        if first.isLetter { return lettered(line) }
        return nil
    }

    /// `2.1.1.` / `2.1.` / `1.` / `1)` / `10-1.2.`
    private static func numeric(_ line: String) -> Match? {
        // the label is ASCII: walk the UTF-8 bytes (their indices are valid String indices here)
        let u = line.utf8
        func digit(_ i: String.Index) -> Bool { i < u.endIndex && u[i] >= 0x30 && u[i] <= 0x39 }
        var i = u.startIndex
        var groups = 0
        while digit(i) {
            while digit(i) { i = u.index(after: i) }
            groups += 1
            // inserted numbers: 10-1
            if i < u.endIndex, u[i] == UInt8(ascii: "-"), digit(u.index(after: i)) {
                i = u.index(after: i)
                while digit(i) { i = u.index(after: i) }
            }
            guard i < u.endIndex, u[i] == UInt8(ascii: "."), digit(u.index(after: i)) else { break }
            i = u.index(after: i)
        }
        guard groups > 0, i < u.endIndex, u.distance(from: u.startIndex, to: i) <= 24 else { return nil }
        let term = u[i]
        guard term == UInt8(ascii: ".") || term == UInt8(ascii: ")") else { return nil }
        let num = String(line[line.startIndex..<i])
        let after = u.index(after: i)
        // "1.5 million" is not numbering: the label must be followed by a space or end the line.
        if after < u.endIndex, !(u[after] == 0x20 || u[after] == 0x09 || line[after...].hasPrefix("\u{A0}")) { return nil }
        let level = term == UInt8(ascii: ")") ? groups + 1 : groups
        return Match(num: num, label: String(line[line.startIndex..<after]), level: level, rest: rest(line, after))
    }

    /// `а)`, `b)` — a single letter followed by `)`.
    private static func lettered(_ line: String) -> Match? {
        let scalars = line.unicodeScalars
        var it = scalars.makeIterator()
        guard let a = it.next(), let b = it.next(), b == ")", a.properties.isLowercase else { return nil }
        let after = line.index(line.startIndex, offsetBy: 2)
        if after < line.endIndex, line[after] != " " { return nil }
        return Match(num: String(a), label: "\(a))", level: 3, rest: rest(line, after))
    }

    /// `(a)`, `(iv)`, `(1)`, `(A)`.
    private static func parenthesised(_ line: String) -> Match? {
        guard let close = line.firstIndex(of: ")") else { return nil }
        let inner = line[line.index(after: line.startIndex)..<close]
        guard !inner.isEmpty, inner.count <= 5, inner.allSatisfy({ $0.isLetter || ($0.isASCII && $0.isNumber) })
        else { return nil }
        let after = line.index(after: close)
        if after < line.endIndex, line[after] != " " && line[after] != "\u{A0}" { return nil }
        let roman = inner.allSatisfy { "ivxlc".contains($0) } && inner.count > 1
        let level = inner.first!.isNumber ? 2 : roman ? 4 : inner.first!.isUppercase ? 4 : 3
        return Match(num: String(inner), label: "(\(inner))", level: level, rest: rest(line, after))
    }

    private static func rest(_ line: String, _ i: String.Index) -> Substring {
        line[i...].drop { $0 == " " || $0 == "\u{A0}" || $0 == "\t" }
    }
}

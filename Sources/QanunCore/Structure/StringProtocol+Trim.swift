extension StringProtocol {
    /// Trims spaces, tabs, NBSP, BOM and line breaks without Foundation (this runs on every line).
    package func trimmedSpaces() -> String {
        let scalars = unicodeScalars
        func isSpace(_ u: Unicode.Scalar) -> Bool {
            u == " " || u == "\t" || u == "\r" || u == "\n" || u.value == 0xA0 || u.value == 0xFEFF || u.value == 0x200B
                || u.value == 0x0B || u.value == 0x0C
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}

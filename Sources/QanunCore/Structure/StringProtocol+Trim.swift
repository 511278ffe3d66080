#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

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

/// Most lines start and end with a visible ASCII character: nothing to trim, no scalar walk.
/// (The concrete types' UTF-8 views are bidirectional, so their last byte is O(1).)
private func needsNoTrim<C: BidirectionalCollection<UInt8>>(_ u: C) -> Bool {
    guard let f = u.first, let l = u.last else { return false }
    return f > 0x20 && f < 0x7F && l > 0x20 && l < 0x7F
}

extension String {
    package func trimmedSpaces() -> String { needsNoTrim(utf8) ? self : Substring(self).trimmedScalars() }
}

extension Substring {
    package func trimmedSpaces() -> String { needsNoTrim(utf8) ? String(self) : trimmedScalars() }
    /// The general path of `StringProtocol.trimmedSpaces()`.
    fileprivate func trimmedScalars() -> String { (self as any StringProtocol).trimmedSpaces() }
}

extension StringProtocol {
    /// True when the UTF-8 bytes contain `byte`: `memchr` over contiguous storage (the generic
    /// `utf8.contains` walks the view byte by byte, and the parser asks this of every line).
    package func containsByte(_ byte: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ buf -> Bool in
            guard let base = buf.baseAddress else { return false }
            return memchr(base, Int32(byte), buf.count) != nil
        }) {
            return found
        }
        return utf8.contains(byte)
    }
}

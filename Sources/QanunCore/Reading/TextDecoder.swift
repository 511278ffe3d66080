import Foundation

/// Turns the bytes of a plain-text act into a String: UTF-8 (with or without BOM), UTF-16 with a
/// BOM, or Windows-1251 (legacy Russian texts). Anything else is refused with the offset of the
/// first byte that does not fit.
public enum TextDecoder {
    public enum Encoding: String, Sendable { case utf8, utf16, windows1251 }

    public static func decode(_ data: Data) throws(ReadError) -> (text: String, encoding: Encoding) {
        let bytes = [UInt8](data)
        if bytes.isEmpty { throw .empty }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let s = String(data: data, encoding: .utf16) else { throw .invalidEncoding(offset: 2) }
            return (s, .utf16)
        }
        var body = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = bytes[3...] }
        let nul = body.withUnsafeBufferPointer { buf -> Int? in
            guard let base = buf.baseAddress, let hit = memchr(base, 0, buf.count) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
        if let nul { throw .binary(offset: body.startIndex + nul) }
        // one validating pass for the usual case; the byte-by-byte scan only to report an error
        if let text = String(validating: body, as: UTF8.self) { return (text, .utf8) }
        let bad = firstInvalidUTF8(body) ?? body.startIndex
        if let s = decodeWindows1251(body) { return (s, .windows1251) }
        if looksBinary(body) { throw .binary(offset: bad) }
        throw .invalidEncoding(offset: bad)
    }

    /// Offset (in the original buffer) of the first byte that is not part of valid UTF-8, or nil.
    static func firstInvalidUTF8(_ b: ArraySlice<UInt8>) -> Int? {
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            let len: Int
            switch c {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: len = 2
            case 0xE0...0xEF: len = 3
            case 0xF0...0xF4: len = 4
            default: return i
            }
            if i + len > b.endIndex { return i }
            for k in 1..<len where b[i + k] & 0xC0 != 0x80 { return i }
            // Overlong / surrogate / out-of-range forms.
            if c == 0xE0 && b[i + 1] < 0xA0 { return i }
            if c == 0xED && b[i + 1] > 0x9F { return i }
            if c == 0xF0 && b[i + 1] < 0x90 { return i }
            if c == 0xF4 && b[i + 1] > 0x8F { return i }
            i += len
        }
        return nil
    }

    /// Windows-1251 is accepted only when it reads as Cyrillic text: nearly all bytes above 0x7F are
    /// Cyrillic letters or the punctuation Russian typography uses, and there are real words.
    static func decodeWindows1251(_ b: ArraySlice<UInt8>) -> String? {
        var high = 0, cyrillic = 0, otherOK = 0, control = 0
        let punctuation: Set<UInt8> = [0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0xA0, 0xA7, 0xAB, 0xB0, 0xB9, 0xBB]
        for c in b {
            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C { control += 1 }
            guard c >= 0x80 else { continue }
            high += 1
            if c >= 0xC0 || c == 0xA8 || c == 0xB8 { cyrillic += 1 } else if punctuation.contains(c) { otherOK += 1 }
        }
        guard control == 0, cyrillic >= 20, Double(cyrillic + otherOK) >= 0.98 * Double(high) else { return nil }
        return String(data: Data(b), encoding: .windowsCP1251)
    }

    static func looksBinary(_ b: ArraySlice<UInt8>) -> Bool {
        let sample = b.prefix(4096)
        let control = sample.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }.count
        return control * 20 > sample.count
    }
}

/// Tells Azerbaijani, Russian and English apart from the text itself: the script, the letters only
/// Azerbaijani uses (ə above all), and each language's most frequent function words. Text in any
/// other language (Turkish, Ukrainian, German, ...) gets nil rather than a wrong guess.
public enum LanguageDetector {
    static let english: Set<String> = [
        "the", "of", "and", "to", "in", "shall", "be", "or", "by", "for", "is", "that", "with", "any", "this", "on",
        "as", "which", "may", "are", "an",
    ]
    static let russian: Set<String> = [
        "и", "в", "не", "на", "с", "по", "или", "к", "о", "от", "для", "что", "а", "за", "из", "при", "его", "их",
        "быть", "является", "также",
    ]
    static let azerbaijani: Set<String> = [
        "və", "bu", "ilə", "üçün", "olan", "edilir", "hər", "ya", "da", "də", "həmin", "olunur", "qaydada", "üzrə",
        "görə", "isə", "edilmiş", "olaraq",
        // The same words typed without Azerbaijani letters.
        "ve", "ile", "ucun", "her", "hemin", "uzre", "gore", "ise", "edilmis",
    ]

    static let englishKeys = Set(english.map(WordKey.of))
    static let russianKeys = Set(russian.map(WordKey.of))
    static let azerbaijaniKeys = Set(azerbaijani.map(WordKey.of))

    static let longestFunctionWord = english.union(russian).union(azerbaijani).map(\.unicodeScalars.count).max() ?? 0

    /// Looks at up to the first 20,000 code points (some 3,000 words).
    public static func detect(_ text: Substring) -> Language? {
        var latin = 0, cyrillic = 0, schwa = 0, turkic = 0, ukrainian = 0
        var words = 0, en = 0, ru = 0, az = 0
        // the current word as a hash of its lower-cased code points (no String per word: this runs
        // on every file ingested); only words as short as the function words are looked up
        var hash = WordKey.start
        var length = 0
        func flush() {
            guard length > 0 else { return }
            words += 1
            if length <= longestFunctionWord {
                if englishKeys.contains(hash) { en += 1 } else if russianKeys.contains(hash) { ru += 1 } else if azerbaijaniKeys.contains(hash) {
                    az += 1
                }
            }
            hash = WordKey.start
            length = 0
        }
        for ch in text.unicodeScalars.prefix(20_000) {
            let v = ch.value
            // ASCII and Cyrillic answered without a property lookup
            let isLetter =
                v < 0x80
                ? (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A)
                : (v >= 0x400 && v <= 0x4FF) || ch.properties.isAlphabetic
            if isLetter {
                if v < 0x250 || v == 0x259 || v == 0x18F { latin += 1 } else if (0x400...0x52F).contains(v) {
                    cyrillic += 1
                }
                switch v {
                case 0x259, 0x18F: schwa += 1
                case 0x131, 0x130, 0x11F, 0x11E, 0x15F, 0x15E: turkic += 1
                case 0x456, 0x406, 0x457, 0x407, 0x454, 0x404, 0x491, 0x490: ukrainian += 1
                default: break
                }
                length += 1
                hash = WordKey.add(hash, simpleLowercase(v))
            } else {
                flush()
            }
        }
        flush()
        let letters = latin + cyrillic
        guard letters >= 20, words > 0 else { return nil }
        if cyrillic > latin {
            if ukrainian * 100 > cyrillic { return nil }
            return ru * 100 >= words ? .ru : nil
        }
        if schwa * 200 > latin { return .az }
        if turkic * 100 > latin { return nil }
        if az * 50 >= words && az > en { return .az }
        return en * 25 >= words ? .en : nil
    }
}

/// FNV-1a over code points: a word's identity for set lookups, built as the word is read.
enum WordKey {
    static let start: UInt64 = 0xcbf2_9ce4_8422_2325
    static func add(_ h: UInt64, _ c: UInt32) -> UInt64 { (h ^ UInt64(c)) &* 0x100_0000_01b3 }
    static func of(_ word: String) -> UInt64 { word.unicodeScalars.reduce(start) { add($0, simpleLowercase($1.value)) } }
}

/// Lower case for the scripts Qanun reads (ASCII, Latin-1, Azerbaijani capitals, Cyrillic), as a
/// code point map with no allocation; `String.lowercased()` agrees on these letters, except that
/// İ becomes plain i (not i with a combining dot).
package func simpleLowercase(_ c: UInt32) -> UInt32 {
    switch c {
    case 0x41...0x5A: return c + 0x20
    case 0xC0...0xDE where c != 0xD7: return c + 0x20
    case 0x410...0x42F: return c + 0x20
    case 0x400...0x40F: return c + 0x50
    case 0x18F: return 0x259  // Ə
    case 0x130: return 0x69  // İ
    case 0x11E, 0x15E: return c + 1  // Ğ Ş
    default: return c
    }
}

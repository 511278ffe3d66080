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

    static let longestFunctionWord = english.union(russian).union(azerbaijani).map(\.unicodeScalars.count).max() ?? 0

    /// Looks at up to the first 20,000 code points (some 3,000 words).
    public static func detect(_ text: Substring) -> Language? {
        var latin = 0, cyrillic = 0, schwa = 0, turkic = 0, ukrainian = 0
        var words = 0, en = 0, ru = 0, az = 0
        // the current word's letters; only words as short as the function words are looked up
        var word: [Unicode.Scalar] = []
        word.reserveCapacity(longestFunctionWord + 1)
        var length = 0
        func flush() {
            guard length > 0 else { return }
            words += 1
            if length <= longestFunctionWord {
                let w = String(String.UnicodeScalarView(word)).lowercased()
                if english.contains(w) { en += 1 } else if russian.contains(w) { ru += 1 } else if azerbaijani.contains(w) {
                    az += 1
                }
            }
            word.removeAll(keepingCapacity: true)
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
                if length <= longestFunctionWord { word.append(ch) }
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

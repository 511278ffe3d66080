/// Word's automatic numbering (`word/numbering.xml`), replayed to recover the numbers a reader
/// sees printed: `Maddə 5.`, `5.1.`, `а)`. Counters belong to the abstract numbering, so lists
/// that share it continue each other, and a `w:startOverride` restarts a level for its instance,
/// as Word does.
struct DocxNumbering {
    struct Level {
        var start = 1
        var format = "decimal"
        var text = ""
        /// What follows the number: a tab or a space (both a space in text), or nothing.
        var suffix = " "
        var legal = false
        var style: String?
    }

    private var abstract: [String: [Int: Level]] = [:]
    /// numId → (abstractNumId, start overrides by level)
    private var instances: [String: (abstract: String, overrides: [Int: Int], levels: [Int: Level])] = [:]
    private var counters: [String: [Int: Int]] = [:]
    private var restarted: Set<String> = []

    init(_ root: MarkupNode?) {
        guard let root else { return }
        for a in root.elements("abstractNum") {
            guard let id = a["abstractNumId"] else { continue }
            var levels: [Int: Level] = [:]
            for l in a.elements("lvl") { if let k = l["ilvl"].flatMap(Int.init) { levels[k] = Self.level(l) } }
            abstract[id] = levels
        }
        for n in root.elements("num") {
            guard let id = n["numId"], let a = n.first("abstractNumId")?["val"] else { continue }
            var overrides: [Int: Int] = [:]
            var levels: [Int: Level] = [:]
            for o in n.elements("lvlOverride") {
                guard let k = o["ilvl"].flatMap(Int.init) else { continue }
                if let s = o.first("startOverride")?["val"].flatMap(Int.init) { overrides[k] = s }
                if let l = o.first("lvl") { levels[k] = Self.level(l) }
            }
            instances[id] = (a, overrides, levels)
        }
    }

    private static func level(_ l: MarkupNode) -> Level {
        var level = Level()
        if let s = l.first("start")?["val"].flatMap(Int.init) { level.start = s }
        if let f = l.first("numFmt")?["val"] { level.format = f }
        if let t = l.first("lvlText")?["val"] { level.text = t }
        if let s = l.first("suff")?["val"] { level.suffix = s == "nothing" ? "" : " " }
        level.legal = l.first("isLgl") != nil
        level.style = l.first("pStyle")?["val"]
        return level
    }

    /// The level that an abstract numbering links to paragraph style `style`, if any.
    func level(forStyle style: String, numId: String) -> Int? {
        guard let inst = instances[numId], let levels = abstract[inst.abstract] else { return nil }
        return levels.first { $0.value.style == style }?.key
    }

    /// Advances the counters for a paragraph at `ilvl` of list `numId` and returns its printed
    /// label with its suffix (`"Maddə 5. "`), or nil when the list shows no number (bullets,
    /// `numId` 0, unknown lists).
    mutating func next(numId: String, ilvl: Int) -> String? {
        guard numId != "0", let inst = instances[numId], let levels = abstract[inst.abstract] else { return nil }
        func lvl(_ k: Int) -> Level? { inst.levels[k] ?? levels[k] }
        guard let level = lvl(ilvl) else { return nil }
        var c = counters[inst.abstract] ?? [:]
        if !restarted.contains(numId), !inst.overrides.isEmpty {
            restarted.insert(numId)
            for (k, s) in inst.overrides { c[k] = s - 1 }
            for k in c.keys where k > (inst.overrides.keys.min() ?? 0) && inst.overrides[k] == nil { c[k] = nil }
        }
        c[ilvl] = (c[ilvl] ?? (level.start - 1)) + 1
        for k in c.keys where k > ilvl { c[k] = nil }
        counters[inst.abstract] = c
        if level.format == "bullet" || level.format == "none" { return nil }
        var out = ""
        let chars = Array(level.text)
        var i = 0
        while i < chars.count {
            if chars[i] == "%", i + 1 < chars.count, let d = chars[i + 1].wholeNumberValue, d >= 1 {
                let k = d - 1
                let l = lvl(k) ?? Level()
                let value = c[k] ?? l.start
                out += Self.format(value, as: level.legal && k != ilvl ? "decimal" : (k == ilvl ? level.format : l.format))
                i += 2
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        if out.isEmpty { return nil }
        return out + level.suffix
    }

    static func format(_ n: Int, as format: String) -> String {
        switch format {
        case "decimalZero": return n < 10 ? "0\(n)" : String(n)
        case "upperRoman": return roman(n)
        case "lowerRoman": return roman(n).lowercased()
        case "upperLetter": return letters(n, Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        case "lowerLetter": return letters(n, Array("abcdefghijklmnopqrstuvwxyz"))
        case "russianLower": return letters(n, russian)
        case "russianUpper": return letters(n, russian.map { Character($0.uppercased()) })
        default: return String(n)
        }
    }

    /// Word's Russian letter numbering skips ё, й, ъ, ы, ь.
    private static let russian = Array("абвгдежзиклмнопрстуфхцчшщэюя")

    /// `a`…`z`, then `aa`, `bb`… (Word repeats the letter).
    private static func letters(_ n: Int, _ alphabet: [Character]) -> String {
        guard n > 0 else { return String(n) }
        let letter = alphabet[(n - 1) % alphabet.count]
        return String(repeating: letter, count: (n - 1) / alphabet.count + 1)
    }

    private static func roman(_ n: Int) -> String {
        guard n > 0 && n < 4000 else { return String(n) }
        let table: [(Int, String)] = [
            (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
        ]
        var n = n
        var out = ""
        for (v, s) in table { while n >= v { out += s; n -= v } }
        return out
    }
}

import Foundation
import QanunCore

/// How an article's parts are stored beside its body. The body is the parts' lines joined by
/// `\n` (`Article.text`), so storing the text again would double what ingest writes: the compact
/// form keeps only each part's label, number and level, one part per line (`label\tnum\tlevel`),
/// and the text comes back from the body. Parts the body cannot reproduce (a line break inside a
/// part, a tab in a label) are stored as JSON, as all parts were before; both forms are read.
enum PartsCodec {
    static func encode(_ parts: [Part], body: String) -> String {
        var out = ""
        out.reserveCapacity(parts.count * 12)
        for p in parts {
            let label = p.label ?? "", num = p.num ?? ""
            // byte checks: `String.contains("\n")` resolves to Foundation's range(of:), which is slow
            guard !p.text.containsByte(0x0A), !label.containsByte(0x09), !label.containsByte(0x0A),
                !num.containsByte(0x09), !num.containsByte(0x0A), (p.label == nil) == label.isEmpty,
                (p.num == nil) == num.isEmpty
            else { return json(parts) }
            out += label
            out += "\t"
            out += num
            out += "\t"
            out += String(p.level)
            out += "\n"
        }
        return out
    }

    static func decode(_ stored: String, body: String) -> [Part] {
        if stored.hasPrefix("[") {
            return (try? JSONDecoder().decode([Part].self, from: Data(stored.utf8))) ?? []
        }
        let specs = stored.split(separator: "\n", omittingEmptySubsequences: true)
        let lines = body.components(separatedBy: "\n")
        guard specs.count == lines.count || (specs.isEmpty && body.isEmpty) else { return [] }
        return zip(specs, lines).map { spec, line in
            let f = spec.split(separator: "\t", omittingEmptySubsequences: false)
            let label = f[0].isEmpty ? nil : String(f[0])
            let num = f.count > 1 && !f[1].isEmpty ? String(f[1]) : nil
            let level = f.count > 2 ? Int(f[2]) ?? 0 : 0
            let text = label.map { String(line.dropFirst($0.count + 1)) } ?? line
            return Part(num: num, label: label, text: text, level: level)
        }
    }

    private static func json(_ parts: [Part]) -> String {
        String(decoding: (try? JSONEncoder().encode(parts)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

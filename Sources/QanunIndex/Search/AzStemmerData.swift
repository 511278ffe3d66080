import CQanunAnalysis
import Foundation

/// The Azerbaijani stemmer's data (protected words, rewrites, verb roots) (`Resources/az-stemmer.txt`), loaded into the C
/// analysis once per process before anything is analysed.
enum AzStemmerData {
    /// Protected words and rewrites as parsed from the data file.
    struct Lists {
        var protect: [String] = []
        var rewrites: [(from: String, to: String)] = []
        var verbs: [String] = []
    }

    /// The data file's text, and a fingerprint of it that becomes part of the analysis version.
    static let text: String = {
        guard let url = Bundle.module.url(forResource: "az-stemmer", withExtension: "txt"),
            let s = try? String(contentsOf: url, encoding: .utf8)
        else {
            fatalError("az-stemmer.txt is missing from the Qanun_QanunIndex resource bundle next to the executable; rebuild with `swift build`")
        }
        return s
    }()

    /// Parses the data file format: `[protect]` lines are words, `[rewrite]` lines are `from to`.
    static func parse(_ text: String) -> Lists {
        var lists = Lists()
        var section = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if line.isEmpty { continue }
            if line.hasPrefix("[") { section = line; continue }
            let fields = line.split(separator: " ").map(String.init)
            switch section {
            case "[protect]": lists.protect.append(contentsOf: fields)
            case "[rewrite]" where fields.count == 2: lists.rewrites.append((fields[0], fields[1]))
            case "[verbs]": lists.verbs.append(contentsOf: fields)
            default: continue
            }
        }
        return lists
    }

    /// Loads the lists into the C stemmer (once; later calls do nothing).
    static let loaded: Bool = {
        let lists = parse(text)
        var cStrings: [UnsafeMutablePointer<CChar>] = []
        defer { cStrings.forEach { free($0) } }
        func c(_ s: String) -> UnsafePointer<CChar>? {
            let p = strdup(s)!
            cStrings.append(p)
            return UnsafePointer(p)
        }
        let protect = lists.protect.map(c)
        let from = lists.rewrites.map { c($0.from) }
        let to = lists.rewrites.map { c($0.to) }
        let verbs = lists.verbs.map(c)
        _ = protect.withUnsafeBufferPointer { p in
            from.withUnsafeBufferPointer { f in
                to.withUnsafeBufferPointer { t in
                    verbs.withUnsafeBufferPointer { v in
                        qn_az_configure(
                            p.baseAddress, Int32(p.count), f.baseAddress, t.baseAddress, Int32(f.count),
                            v.baseAddress, Int32(v.count))
                    }
                }
            }
        }
        return true
    }()

    /// FNV-1a of the data file: an index built with other exceptions is rebuilt.
    static let fingerprint: String = {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }()
}

import CQanunAnalysis
import QanunCore

/// One term the analysis produces, with the span of source text it came from.
public struct AnalyzedTerm: Sendable, Equatable, Codable {
    public var term: String
    /// Byte offsets into the analysed UTF-8 text.
    public var start: Int
    public var end: Int
    /// True when the term shares the position of the term before it.
    public var colocated: Bool
}

/// Swift face of the C analysis that the FTS5 tokenizer uses: what the index stores for a text,
/// and what a query looks up.
public enum Analyzer {
    public enum Mode: Sendable { case document, query }

    public static func terms(_ text: String, language: Language?, mode: Mode) -> [AnalyzedTerm] {
        final class Sink { var terms: [AnalyzedTerm] = [] }
        let sink = Sink()
        let lang: Int32 =
            switch language {
            case .az: Int32(QN_LANG_AZ.rawValue)
            case .ru: Int32(QN_LANG_RU.rawValue)
            case .en: Int32(QN_LANG_EN.rawValue)
            case nil: Int32(QN_LANG_ANY.rawValue)
            }
        let m: Int32 = mode == .document ? Int32(QN_MODE_DOCUMENT.rawValue) : Int32(QN_MODE_QUERY.rawValue)
        var utf8 = Array(text.utf8)
        utf8.append(0)
        withExtendedLifetime(sink) {
            let ctx = Unmanaged.passUnretained(sink).toOpaque()
            utf8.withUnsafeBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                    _ = qn_analyze(p, Int32(buf.count - 1), lang, m, ctx) { ctx, colocated, term, len, start, end in
                        let sink = Unmanaged<Sink>.fromOpaque(ctx!).takeUnretainedValue()
                        let bytes = UnsafeRawBufferPointer(start: term, count: Int(len))
                        sink.terms.append(
                            AnalyzedTerm(
                                term: String(decoding: bytes, as: UTF8.self), start: Int(start), end: Int(end),
                                colocated: colocated != 0))
                        return 0
                    }
                }
            }
        }
        return sink.terms
    }

    /// The version of the analysis compiled in; an index built by another version is rebuilt.
    public static var version: Int { Int(QN_ANALYSIS_VERSION) }
}

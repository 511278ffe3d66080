import CQanunAnalysis
import Foundation
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

    /// Loads the analysis data (Azerbaijani exceptions) into the C analysis; idempotent.
    public static func prepare() { _ = AzStemmerData.loaded }

    /// Marker that asks the query analysis for stems instead of exact forms.
    public static let stemsOnlyMarker = "\u{1}st\u{1}"

    public static func terms(_ text: String, language: Language?, mode: Mode) -> [AnalyzedTerm] {
        prepare()
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

    /// Whether `text` yields at least one term: what the query parser asks of every word. Stops at
    /// the first term and builds no Strings (a query parse is on every search's critical path).
    public static func hasTerms(_ text: String, mode: Mode = .query) -> Bool {
        prepare()
        let m: Int32 = mode == .document ? Int32(QN_MODE_DOCUMENT.rawValue) : Int32(QN_MODE_QUERY.rawValue)
        var text = text
        return text.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { p in
                // an empty buffer may have no base address; it has no terms either
                guard let base = p.baseAddress else { return false }
                return qn_analyze(base, Int32(p.count), Int32(QN_LANG_ANY.rawValue), m, nil) { _, _, _, _, _, _ in 1 } != 0
            }
        }
    }

    /// The version of the analysis: the C code's version and a fingerprint of its data files.
    /// An index built by another version is rebuilt when the database is opened.
    public static var version: String { "\(QN_ANALYSIS_VERSION)-\(AzStemmerData.fingerprint)" }

    /// Stemmers the evaluation compares.
    public enum Stemmer: Sendable {
        case azerbaijani, snowballRussian, snowballEnglish, snowballTurkish
    }

    /// The stem of one word as `stemmer` computes it (lower-cased first, as the index does), or
    /// the lower-cased word itself when it cannot be stemmed (digits, other scripts).
    public static func stem(_ word: String, with stemmer: Stemmer) -> String {
        prepare()
        let lang: Language = stemmer == .snowballRussian ? .ru : stemmer == .snowballEnglish ? .en : .az
        if stemmer == .azerbaijani {
            // what the index stores: the stems at the word's position (compounds like `Bakı'da` included)
            let stems = terms(stemsOnlyMarker + word, language: .az, mode: .query)
                .filter { $0.term.hasPrefix("az~") }.map { String($0.term.dropFirst(3)) }
            if !stems.isEmpty { return stems.joined(separator: " ") }
        }
        let lower = terms(word, language: lang, mode: .query).first?.term ?? word.lowercased()
        var out = [CChar](repeating: 0, count: 512)
        let n: Int32 = lower.withCString { p in
            let len = Int32(strlen(p))
            switch stemmer {
            case .azerbaijani: return qn_stem_az(p, len, &out, 512)
            case .snowballRussian: return qn_stem_snowball(0, p, len, &out, 512)
            case .snowballEnglish: return qn_stem_snowball(1, p, len, &out, 512)
            case .snowballTurkish: return qn_stem_snowball(2, p, len, &out, 512)
            }
        }
        guard n > 0 else { return lower }
        return String(decoding: out[0..<Int(n)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

import Foundation
import Testing

@testable import QanunCore

/// Article counts of real acts in ../shared/corpus-real, verified by reading them
/// (Fixtures/real-article-counts.md says how). Skipped when ../shared is absent.
@Suite struct RealCorpusTests {
    struct Truth: Decodable {
        var articles: Int
        var numbers: [String]
        var repealed: [String]?
    }

    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus-real")

    static let truth: [String: Truth] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/real-article-counts.json")
        return (try? JSONDecoder().decode([String: Truth].self, from: Data(contentsOf: url))) ?? [:]
    }()

    static var available: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    @Test(.enabled(if: available, "../shared/corpus-real is absent"), arguments: truth.keys.sorted())
    func articleNumbersMatchReading(file: String) throws {
        let expected = try #require(Self.truth[file])
        let (act, _) = try ActReader().read(path: Self.corpus.appendingPathComponent(file).path)
        #expect(act.articles.count == expected.articles)
        #expect(act.articles.map(\.number) == expected.numbers)
        #expect(act.articles.filter(\.repealed).map(\.number).sorted() == (expected.repealed ?? []).sorted())
        #expect(Set(act.articles.map(\.eid)).count == act.articles.count)
    }

    @Test(.enabled(if: available, "../shared/corpus-real is absent"))
    func everyRealFileIsAccepted() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.corpus.path).filter { $0.hasSuffix(".txt") }
        #expect(files.count >= 50)
        for f in files {
            let (act, _) = try ActReader().read(path: Self.corpus.appendingPathComponent(f).path)
            #expect(act.language.rawValue == String(f.prefix(2)), "\(f)")
            #expect(!act.articles.isEmpty, "\(f)")
        }
    }
}

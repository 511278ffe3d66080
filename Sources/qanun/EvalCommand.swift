import ArgumentParser
import Foundation
import QanunIndex

/// `qanun eval`: the quality measurements behind the README's figures.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Measure analysis and search quality.",
        subcommands: [StemmingEval.self, SearchEval.self])
}

/// `qanun eval stemming`: pairwise precision/recall/F1 of the Azerbaijani analyser vs Snowball Turkish.
struct StemmingEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stemming",
        abstract: "Pairwise precision, recall and F1 of the Azerbaijani stemmer against Snowball Turkish.")

    @Option(help: "Word forms by lemma (TSV: lemma, form, ...).") var forms = "data/az-stemming-eval.tsv"
    @Option(name: .customLong("non-merge"), help: "Pairs that must not merge (TSV: a, b, ...).")
    var nonMerge = "data/az-stemming-nonmerge.tsv"
    @Option(help: "text or json") var format: OutputFormat = .text
    @Flag(help: "List the failures of our stemmer (pairs split or merged wrongly).") var verbose = false

    func run() throws {
        let set = try StemmingEvaluation(
            formsTSV: try String(contentsOfFile: forms, encoding: .utf8),
            nonMergeTSV: try String(contentsOfFile: nonMerge, encoding: .utf8))
        let ours = set.score(StemmingEvaluation.qanunStems)
        let turkish = set.score(StemmingEvaluation.snowballTurkishStems)
        let formCount = set.lemmas.values.reduce(0) { $0 + $1.count }
        if format == .json {
            try printJSON(["qanun": ours, "snowball_turkish": turkish])
            return
        }
        print("Azerbaijani stemming, pairwise: \(set.lemmas.count) lemmas, \(formCount) forms, \(set.nonMerge.count) non-merge pairs")
        print("| stemmer | precision | recall | F1 | non-merge pairs merged |")
        print("|---|---:|---:|---:|---:|")
        for (name, s) in [("Qanun (az)", ours), ("Snowball Turkish", turkish)] {
            print(String(format: "| %@ | %.3f | %.3f | %.3f | %d |", name, s.precision, s.recall, s.f1, s.nonMergeViolations.count))
        }
        if verbose {
            print("\nnon-merge pairs merged: \(ours.nonMergeViolations.joined(separator: ", "))")
            for (lemma, forms) in set.lemmas.sorted(by: { $0.key < $1.key }) {
                let stems = forms.sorted().map { "\($0)→\(StemmingEvaluation.qanunStems($0).sorted().joined(separator: "|"))" }
                let sets = forms.map(StemmingEvaluation.qanunStems)
                let split = sets.indices.contains { i in sets.indices.contains { j in sets[i].isDisjoint(with: sets[j]) } }
                if split { print("\(lemma): \(stems.joined(separator: " "))") }
            }
        }
    }
}

/// `qanun eval search`: recall@10 and MRR on the judged query set, against FTS5 unicode61.
struct SearchEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Recall@10 and MRR on a judged query set: Qanun with and without expansion vs FTS5 unicode61.",
        discussion: """
            Ingests CORPUS into a temporary database (or uses --db), builds a unicode61 index of the \
            same articles, and runs every query of the set on the three engines.
            """)

    @Option(help: "The judged query set (JSON).") var set = "data/search-eval.json"
    @Option(help: "The corpus the set is judged on.") var corpus = "../shared/corpus-real"
    @Option(help: "Use this database instead of ingesting CORPUS.") var db: String?
    @Option(help: "text or json") var format: OutputFormat = .text
    @Flag(help: "Print each query's outcome.") var verbose = false

    func run() throws {
        let database: QanunDatabase
        if let db {
            database = try QanunDatabase(path: db)
        } else {
            let path = NSTemporaryDirectory() + "qanun-eval-\(getpid()).db"
            defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + s) } }
            database = try QanunDatabase(path: path)
            let ingestor = Ingestor(database: database)
            let results = Ingestor.expand([corpus]).map { ingestor.ingest(path: $0) }
            let failed = results.filter { if case .failed = $0.outcome { return true } else { return false } }
            if !failed.isEmpty { printError("\(failed.count) files of \(corpus) failed to ingest") }
            try database.optimize()
            return try report(database)
        }
        try report(database)
    }

    private func report(_ database: QanunDatabase) throws {
        let eval = try SearchEvaluation(
            setJSON: try Data(contentsOf: URL(fileURLWithPath: set)), database: database, termBase: try TermBase.builtIn())
        let missing = try eval.missing()
        if !missing.isEmpty {
            printError("relevant articles not in the database (\(missing.count)): \(missing.prefix(10).joined(separator: "; "))")
        }
        let rows = try eval.table()
        if format == .json { return try printJSON(rows) }
        if verbose {
            for q in eval.queries {
                let o = try SearchEvaluation.Engine.allCases.map { try eval.outcome(q, engine: $0) }
                print(String(format: "%@ [%@] u61 %.2f/%.2f  noexp %.2f/%.2f  qanun %.2f/%.2f  %@", q.id, q.kind,
                             o[0].recall, o[0].reciprocalRank, o[1].recall, o[1].reciprocalRank, o[2].recall, o[2].reciprocalRank, q.query))
            }
        }
        print("Search quality: \(eval.queries.count) judged queries (\(set)); recall@10 / MRR")
        print("| queries | n | FTS5 unicode61 | Qanun, no expansion | Qanun |")
        print("|---|---:|---:|---:|---:|")
        for r in rows {
            func cell(_ e: SearchEvaluation.Engine) -> String {
                String(format: "%.2f / %.2f", r.recall[e.rawValue]!, r.mrr[e.rawValue]!)
            }
            print("| \(r.group) | \(r.queries) | \(cell(.unicode61)) | \(cell(.qanunNoExpand)) | \(cell(.qanun)) |")
        }
    }
}

import ArgumentParser
import Foundation
import QanunIndex

/// `qanun eval`: the quality measurements behind the README's figures.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Measure analysis and search quality.",
        subcommands: [StemmingEval.self])
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

import Foundation
import GRDB
import QanunCore
import QanunIndex

/// Runs a rule pack over the body of law in a database and/or over bills.
///
/// - Scope `corpus`: the rule applies when any checked article matches its trigger (for bills:
///   any article of the bills); it is covered when any article of the bills or of the database
///   meets `requires` — so a requirement a bill lacks but existing law meets is covered, with
///   the citation.
/// - Scope `act`: each act (or each bill) on its own: applies when one of its articles matches
///   the trigger, covered only by its own articles.
/// Repealed articles never trigger and never count as evidence; quoted wording inside an
/// article never counts either (see `ArticleIndex`).
public struct Checker {
    public var rules: [Rule]
    public var termBase: TermBase
    let cues: RuleCues
    /// Citations kept per finding (the count is in the summary of the text report).
    public var maxCitations = 5

    public init(rules: [Rule], termBase: TermBase) throws {
        self.rules = rules
        self.termBase = termBase
        cues = try RuleCues.load()
    }

    /// The same checker (term base, cues) for other rules.
    func with(rules: [Rule]) -> Checker {
        var c = self
        c.rules = rules
        return c
    }

    /// Analysed articles a check keeps at most (see `check`): all of ../shared/corpus-real (13.5k
    /// articles, a peak RSS of about 0.45 GB for the whole check); at most about 0.7 GB.
    static let analysedArticlesKept = 20_000

    /// Checks `bills` (parsed, not stored) against `database` (may be nil or empty); with no
    /// bills, checks the whole database.
    public func check(database: QanunDatabase?, bills: [Act], lang: Language) throws -> CheckReport {
        let store = try ArticleStore(database: database)
        let billArticles = bills.flatMap(CheckedArticle.from).filter { !$0.repealed }
        // An article is a candidate of many rules: its analysis is kept, up to a bound. When the
        // cache is full a quarter of it goes, picked by hash order: rules walk their candidates in
        // the same order, so dropping everything (or the oldest) would evict each article just
        // before it is needed again. That costs time, never results.
        var cache: [String: ArticleIndex] = [:]
        func index(_ a: CheckedArticle) -> ArticleIndex {
            let key = a.source + "#" + a.eid
            if let c = cache[key] { return c }
            let i = ArticleIndex(a)
            if cache.count >= Self.analysedArticlesKept {
                let dropped = cache.keys.enumerated().compactMap { $0.offset % 4 == 0 ? $0.element : nil }
                for k in dropped { cache[k] = nil }
            }
            cache[key] = i
            return i
        }
        let matcher = Matcher(cues: cues)
        func matching(_ c: Condition, in articles: [CheckedArticle]) -> [(CheckedArticle, [Span])] {
            articles.compactMap { a in
                let ix = index(a)
                let s = matcher.spans(c, in: ix)
                return s.isEmpty ? nil : (a, s)
            }
        }
        func dbMatching(_ c: Condition) throws -> [(CheckedArticle, [Span])] {
            guard let store else { return [] }
            return matching(c, in: try store.candidates(for: c))
        }

        var findings: [Finding] = []
        let checkingBills = !bills.isEmpty
        for rule in rules {
            let triggerHits: [(CheckedArticle, [Span])]
            if let t = rule.trigger {
                triggerHits = checkingBills ? matching(t, in: billArticles) : try dbMatching(t)
            } else {
                triggerHits = []
            }
            switch rule.scope {
            case .corpus:
                let applies = rule.trigger == nil || !triggerHits.isEmpty
                var evidence: [(CheckedArticle, [Span])] = []
                if applies {
                    evidence = matching(rule.requires, in: billArticles)
                    if !checkingBills || evidence.isEmpty { evidence += try dbMatching(rule.requires) }
                }
                findings.append(
                    finding(rule, lang: lang, act: nil, triggers: triggerHits, evidence: evidence, applies: applies,
                            bills: Set(bills.map(\.source)), index: index))
            case .act:
                // the acts to judge: every bill, or every act in the database
                let acts: [(source: String, title: String)] =
                    checkingBills ? bills.map { ($0.source, $0.title) } : try store?.acts() ?? []
                var anyApplies = false
                // one index query for the whole pack of acts, grouped by act
                var requiresCandidates: [String: [CheckedArticle]] = [:]
                if !checkingBills, let store {
                    for a in try store.candidates(for: rule.requires) { requiresCandidates[a.source, default: []].append(a) }
                }
                for act in acts {
                    let own = triggerHits.filter { $0.0.source == act.source }
                    let applies = rule.trigger == nil || !own.isEmpty
                    guard applies else { continue }
                    anyApplies = true
                    let articles: [CheckedArticle] =
                        checkingBills ? billArticles.filter { $0.source == act.source } : requiresCandidates[act.source] ?? []
                    let evidence = matching(rule.requires, in: articles)
                    var f = finding(rule, lang: lang, act: act.source, triggers: own, evidence: evidence, applies: true,
                                    bills: Set(bills.map(\.source)), index: index)
                    f.actTitle = act.title
                    findings.append(f)
                }
                if !anyApplies {
                    findings.append(
                        finding(rule, lang: lang, act: nil, triggers: [], evidence: [], applies: false,
                                bills: Set(bills.map(\.source)), index: index))
                }
            }
        }
        let gaps = findings.filter { $0.status == .gap }
        var bySeverity: [String: Int] = [:]
        for g in gaps { bySeverity[g.severity.rawValue, default: 0] += 1 }
        let summary = Summary(
            rules: rules.count, gaps: gaps.count, covered: findings.filter { $0.status == .covered }.count,
            notApplicable: findings.filter { $0.status == .notApplicable }.count, gapsBySeverity: bySeverity,
            actsChecked: checkingBills ? bills.count : (try store?.acts().count ?? 0),
            articlesChecked: checkingBills ? billArticles.count : (try store?.articleCount() ?? 0))
        var checked: [String] = bills.map(\.source)
        if let database { checked.insert(database.path, at: 0) }
        var acts = bills.map { ActRef(source: $0.source, title: $0.title, bill: true) }
        if !checkingBills { acts += (try store?.acts() ?? []).map { ActRef(source: $0.source, title: $0.title, bill: false) } }
        let catalogue = rules.map {
            RuleInfo(
                id: $0.id, severity: $0.severity, scope: $0.scope, title: $0.title.text(lang), message: $0.message.text(lang),
                recommendation: $0.recommendation.text(lang), source: $0.source, file: $0.file)
        }
        return CheckReport(
            findings: findings, summary: summary, lang: lang.rawValue, checked: checked, acts: acts, rules: catalogue)
    }

    private func finding(
        _ rule: Rule, lang: Language, act: String?, triggers: [(CheckedArticle, [Span])],
        evidence: [(CheckedArticle, [Span])], applies: Bool, bills: Set<String>, index: (CheckedArticle) -> ArticleIndex
    ) -> Finding {
        func cite(_ a: CheckedArticle, _ spans: [Span]?) -> Citation {
            Citation(
                source: a.source, act: a.act, article: a.number, heading: a.heading, eid: a.eid, lang: a.lang.rawValue,
                snippet: spans.flatMap { s in s.first.map { index(a).snippet($0) } }, bill: bills.contains(a.source))
        }
        // evidence from the bills first; then articles whose heading states it, then those with
        // the most matches, then the order of the acts
        func strength(_ e: (CheckedArticle, [Span])) -> (Int, Int, Int) {
            let ix = index(e.0)
            return (bills.contains(e.0.source) ? 1 : 0, e.1.contains { $0.start < ix.headingEnd } ? 1 : 0, e.1.count)
        }
        let ev = evidence.enumerated().sorted { a, b in
            let sa = strength(a.element), sb = strength(b.element)
            return sa != sb ? sa > sb : a.offset < b.offset
        }.map(\.element)
        let status: FindingStatus = !applies ? .notApplicable : evidence.isEmpty ? .gap : .covered
        let key = [rule.id, rule.scope.rawValue, act ?? "*"].joined(separator: "|")
        let digest = ActReader.hash(Data(key.utf8))
        return Finding(
            rule: rule.id, severity: rule.severity, status: status, scope: rule.scope, act: act, actTitle: nil,
            title: rule.title.text(lang), message: rule.message.text(lang), recommendation: rule.recommendation.text(lang),
            triggers: triggers.prefix(maxCitations).map { cite($0.0, nil) },
            evidence: status == .covered ? ev.prefix(maxCitations).map { cite($0.0, $0.1) } : [],
            triggerActs: Array(Set(triggers.map(\.0.source))).sorted(),
            evidenceActs: status == .covered ? Array(Set(evidence.map(\.0.source))).sorted() : [],
            fingerprint: String(digest.prefix(32)))
    }
}

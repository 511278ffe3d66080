/// The eIds given out in one Akoma Ntoso document: a repeated one gets `_2`, `_3`, … so every
/// eId stays unique, as the schema's uniqueness rule and the text parser's eIds require.
struct EidSet {
    private(set) var used: Set<String> = []

    init(_ taken: some Sequence<String> = []) { used = Set(taken) }

    /// `base`, or `base_2`, `base_3`… if taken; the result is taken from now on.
    mutating func claim(_ base: String) -> String {
        var eid = base, n = 2
        while used.contains(eid) { eid = "\(base)_\(n)"; n += 1 }
        used.insert(eid)
        return eid
    }
}

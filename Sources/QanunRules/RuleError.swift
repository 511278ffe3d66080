/// A rule file that cannot be used: where, what, and the line quoted.
public struct RuleError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// The offending line of the file, when known.
    public var quoted: String?

    public var description: String {
        var s = "\(file):\(line):\(column): error: \(message)"
        if let q = quoted { s += "\n    \(q)\n    " + String(repeating: " ", count: max(0, column - 1)) + "^" }
        return s
    }
}

/// A language Qanun analyses. Acts and queries are in one of these.
public enum Language: String, CaseIterable, Codable, Sendable, Comparable {
    case az, ru, en

    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses `az`, `ru`, `en` (any case, surrounding spaces ignored).
    public init?(code: String) {
        self.init(rawValue: code.trimmingCharacters(in: .whitespaces).lowercased())
    }
}

import Foundation

/// Letter grades, from the overall score (the thresholds are the methodology's `RatingRules.gradeThresholds`).
public enum Grade: String, Sendable, Codable, CaseIterable, Comparable {
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"
    case f = "F"

    /// One letter worse (F stays F).
    public var lowered: Grade {
        switch self {
        case .a: return .b
        case .b: return .c
        case .c: return .d
        case .d, .f: return .f
        }
    }

    private var rank: Int { Grade.allCases.firstIndex(of: self)! }
    /// `A < B` means A is the better grade.
    public static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rank < rhs.rank }

    /// The better-or-equal of `self` and `cap`, i.e. `self` limited to at most `cap`.
    public func capped(at cap: Grade) -> Grade { max(self, cap) }
}

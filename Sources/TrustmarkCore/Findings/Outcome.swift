/// What a probe concluded about one check. "Not disclosed", "contradicted", "unsafe" and
/// "could not check" are deliberately different outcomes: a missing section is not evidence of harm.
public enum Outcome: String, Sendable, Codable, CaseIterable, Comparable {
    /// Present and verified against the artifacts.
    case pass = "PASS"
    /// Stated, but the backing artifact is missing or cannot be checked.
    case claimed = "CLAIMED"
    /// Not disclosed or not done.
    case absent = "ABSENT"
    /// A claim conflicts with the artifacts.
    case contradicted = "CONTRADICTED"
    /// Evidence of risk.
    case unsafe = "UNSAFE"
    /// The methodology's applicability rule is false for this repository.
    case notApplicable = "NOT_APPLICABLE"
    /// The tool could not observe it.
    case unknown = "UNKNOWN"

    public var badness: Int {
        switch self {
        case .notApplicable: return 0
        case .pass: return 1
        case .claimed: return 2
        case .absent: return 3
        case .unknown: return 4
        case .contradicted: return 5
        case .unsafe: return 6
        }
    }

    public static func < (lhs: Outcome, rhs: Outcome) -> Bool { lhs.badness < rhs.badness }
}

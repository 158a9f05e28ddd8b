/// How much a check weighs inside its dimension. The weights are OpenSSF Scorecard's risk weights.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case critical
    case high
    case medium
    case low

    /// Critical is the greatest; the weights live in the methodology's `RatingRules`.
    private var rank: Int {
        switch self {
        case .critical: return 3
        case .high: return 2
        case .medium: return 1
        case .low: return 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// How much a check weighs inside its dimension. The weights are OpenSSF Scorecard's risk weights.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case critical
    case high
    case medium
    case low

    public var weight: Double {
        switch self {
        case .critical: return 10
        case .high: return 7.5
        case .medium: return 5
        case .low: return 2.5
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.weight < rhs.weight }
}

/// The five static dimensions of a TM rating.
public enum Dimension: String, Sendable, Codable, CaseIterable {
    case license = "L"
    case documentation = "D"
    case artifactSafety = "A"
    case provenance = "P"
    case stewardship = "S"

    public var title: String {
        switch self {
        case .license: return "License & openness"
        case .documentation: return "Documentation"
        case .artifactSafety: return "Artifact safety"
        case .provenance: return "Provenance"
        case .stewardship: return "Stewardship"
        }
    }
}

import TrustmarkCore

/// The catalog's structured terms for a license (research catalog schema `trustmark-model-licenses/0.1`).
/// These describe the *published* license; a file that differs is read for its own terms.
public struct CatalogTerms: Sendable, Decodable {
    public struct Threshold: Sendable, Decodable {
        public var metric: String
        public var value: Double?
        public var effect: String?
    }

    public var commercialUse: String?
    public var thresholds: [Threshold]?
    public var fieldOfUseRestrictions: [String]?
    public var outputsForTraining: String?
    public var derivativePropagation: String?
    public var territoryRestrictions: [String]?
    public var governingLaw: String?

    enum CodingKeys: String, CodingKey {
        case commercialUse = "commercial_use"
        case thresholds
        case fieldOfUseRestrictions = "field_of_use_restrictions"
        case outputsForTraining = "outputs_for_training"
        case derivativePropagation = "derivative_propagation"
        case territoryRestrictions = "territory_restrictions"
        case governingLaw = "governing_law"
    }

    /// Short phrases for reports: "commercial use: conditional", "MAU threshold 700000000", ...
    public var summary: [String] {
        var phrases: [String] = []
        if let commercialUse { phrases.append("commercial use: \(commercialUse)") }
        for threshold in thresholds ?? [] {
            phrases.append("\(threshold.metric) threshold \(threshold.value.map { String(Int64($0)) } ?? "?")")
        }
        phrases += (fieldOfUseRestrictions ?? []).map { "use restriction: \($0)" }
        if let outputsForTraining, outputsForTraining != "none" { phrases.append("outputs: \(outputsForTraining)") }
        phrases += (territoryRestrictions ?? []).map { "territory: \($0)" }
        if let governingLaw { phrases.append("governing law: \(governingLaw)") }
        return phrases
    }
}

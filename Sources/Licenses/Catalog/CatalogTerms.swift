import TrustmarkCore

/// The catalog's structured terms for a license (research catalog schema `trustmark-model-licenses/0.1`).
/// These describe the *published* license; a file that differs is read for its own terms.
public struct CatalogTerms: Sendable {
    public struct Threshold: Sendable {
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

    /// Keys in `catalog.json` are the research catalog's snake_case names (`commercial_use`, ...): CatalogFileReader.
    public init(
        commercialUse: String? = nil, thresholds: [Threshold]? = nil, fieldOfUseRestrictions: [String]? = nil,
        outputsForTraining: String? = nil, derivativePropagation: String? = nil, territoryRestrictions: [String]? = nil,
        governingLaw: String? = nil
    ) {
        self.commercialUse = commercialUse
        self.thresholds = thresholds
        self.fieldOfUseRestrictions = fieldOfUseRestrictions
        self.outputsForTraining = outputsForTraining
        self.derivativePropagation = derivativePropagation
        self.territoryRestrictions = territoryRestrictions
        self.governingLaw = governingLaw
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

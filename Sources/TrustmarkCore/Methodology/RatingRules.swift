/// Every number that decides a rating, in one place per methodology version: how the dimensions and severities
/// weigh, what each outcome earns, where the grades start, what the gates do, and the thresholds of the checks
/// that have them. A methodology version freezes one set; changing any number is a new version.
public struct RatingRules: Sendable, Equatable {
    /// A grade and the lowest score that earns it.
    public struct GradeThreshold: Sendable, Equatable {
        public var grade: Grade
        public var minimumScore: Double
    }

    /// The weight of each dimension in the overall score (they are normalised over the dimensions that apply).
    public var dimensionWeights: [Dimension: Double]
    /// The weight of a check inside its dimension, by severity.
    public var severityWeights: [Severity: Double]
    /// The share of a check's weight an outcome earns; NOT_APPLICABLE has none (it leaves the weight out).
    public var outcomeCredits: [Outcome: Double]
    /// Best first; a score below the last threshold is F.
    public var gradeThresholds: [GradeThreshold]
    /// The license-declared check ABSENT caps the grade here.
    public var noLicenseCap: Grade
    /// Any CONTRADICTED finding lowers the grade one letter and caps it here.
    public var contradictedCap: Grade
    /// A rating that saw no weight files is capped here, one that saw no licence text (only a declaration) here: a
    /// README cannot buy a top grade. Nil: no such gate (TM-1.0).
    public var noWeightsCap: Grade?
    public var noLicenseTextCap: Grade?
    /// A dimension is rated only when one of its anchor checks applies (Artifact safety needs a file that could carry
    /// code or weights: with none, it is "not rated", never 100).
    public var dimensionAnchors: [Dimension: [CheckID]]
    /// An UNKNOWN finding at or above this severity leaves the rating without a grade (incomplete).
    public var incompleteAtSeverity: Severity
    /// Findings one check lists one by one; the rest are summarised per outcome and severity.
    public var maxFindingsPerCheck: Int

    /// L3: the share of the check's weight each openness grade earns from a licence text.
    public var licenseGradeCredits: [OpennessGrade: Double]
    /// L3: the factor on that credit when only the card declares the licence (no text confirms it).
    public var declaredOnlyLicenseFactor: Double
    /// L4: what each kind of restriction modifier (output-training ban, territory exclusion, ...) costs, and at most.
    public var restrictionModifierCost: Double
    public var restrictionModifierMaxCost: Double
    /// D2 (and D4's training-data section): below this many words, a section with nothing specific is a stub.
    public var sectionMinimumWords: Int
    /// D2: this many specific items (numbers, links, tables, code) make a section substantive whatever its length…
    public var sectionMinimumSpecificItems: Int
    /// …and with at least one specific item, this many words do.
    public var sectionWordsWithASpecificItem: Int
    /// D3.parameters: a claimed size agrees when claimed / measured is within [1 / tolerance, tolerance].
    public var parameterTolerance: Double
    /// D3.architecture: blocks in the weights beyond the configured layers still agree, up to this many
    /// (multi-token-prediction heads are stored as extra blocks).
    public var extraPredictionBlocks: Int
    /// A5: a shard index's `total_size` agrees with the shards' tensor bytes within this share (and 1 KiB).
    public var totalSizeTolerance: Double
    /// A2: the outcome of a static-scan finding by its severity; a severity not listed raises no finding.
    public var scanSeverityOutcomes: [SafetySeverity: Outcome]

    public func weight(of dimension: Dimension) -> Double { dimensionWeights[dimension] ?? 0 }
    public func weight(of severity: Severity) -> Double { severityWeights[severity] ?? 0 }
    public func credit(of outcome: Outcome) -> Double? { outcome == .notApplicable ? nil : outcomeCredits[outcome] ?? 0 }
    public func credit(of grade: OpennessGrade) -> Double { licenseGradeCredits[grade] ?? 0 }

    /// The grade a score earns before any gate.
    public func grade(for score: Double) -> Grade {
        gradeThresholds.first { score >= $0.minimumScore }?.grade ?? .f
    }

    /// Whether `claimed` is close enough to `measured` to count as the same size.
    public func parameterCountsAgree(claimed: Double, measured: UInt64) -> Bool {
        guard measured > 0, claimed > 0 else { return false }
        let ratio = claimed / Double(measured)
        return ratio >= 1 / parameterTolerance && ratio <= parameterTolerance
    }
}

extension RatingRules {
    /// The numbers of TM-1.1: TM-1.0's (first published 2026-11-29), the thresholds of its new checks, the
    /// partial-evidence gate and the dimension anchors.
    public static let tm1 = RatingRules(
        dimensionWeights: [.license: 25, .documentation: 25, .artifactSafety: 30, .provenance: 10, .stewardship: 10],
        severityWeights: [.critical: 10, .high: 7.5, .medium: 5, .low: 2.5],
        outcomeCredits: [.pass: 1, .claimed: 0.5, .absent: 0, .contradicted: 0, .unsafe: 0, .unknown: 0],
        gradeThresholds: [
            GradeThreshold(grade: .a, minimumScore: 85), GradeThreshold(grade: .b, minimumScore: 70),
            GradeThreshold(grade: .c, minimumScore: 55), GradeThreshold(grade: .d, minimumScore: 40),
        ],
        noLicenseCap: .d, contradictedCap: .b, noWeightsCap: .c, noLicenseTextCap: .b,
        dimensionAnchors: [.artifactSafety: [.safeSerialization, .artifactCode]], incompleteAtSeverity: .high, maxFindingsPerCheck: 100,
        licenseGradeCredits: [.a: 1, .b: 0.9, .c: 0.8, .d: 0.6, .e: 0.45, .f: 0.35, .g: 0.2, .h: 0.1, .i: 0],
        declaredOnlyLicenseFactor: 0.5, restrictionModifierCost: 0.05, restrictionModifierMaxCost: 0.15,
        sectionMinimumWords: 15, sectionMinimumSpecificItems: 3, sectionWordsWithASpecificItem: 5, parameterTolerance: 1.43,
        extraPredictionBlocks: 3, totalSizeTolerance: 0.01,
        scanSeverityOutcomes: [.critical: .unsafe, .high: .unsafe, .medium: .unknown, .coverage: .unknown]
    )
}

extension RatingRules {
    /// TM-1.0's numbers: TM-1.1's, without the partial-evidence gate and the dimension anchors it added.
    public static let tm1_0: RatingRules = {
        var rules = RatingRules.tm1
        rules.noWeightsCap = nil
        rules.noLicenseTextCap = nil
        rules.dimensionAnchors = [:]
        return rules
    }()
}

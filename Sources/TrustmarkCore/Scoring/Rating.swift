/// The result of rating one snapshot under one methodology: every number here is computed from
/// `findings` by `RatingEngine`.
public struct Rating: Sendable {
    public var subject: Subject
    public var methodology: MethodologyIdentity
    /// 0-100, rounded to one decimal.
    public var score: Double
    /// `nil` when the rating is incomplete (a Critical or High check could not be observed).
    public var grade: Grade?
    /// The grade as shown: `B`, `C⚠` (contradicted), `F-unsafe`, or `incomplete`.
    public var label: String
    /// Share of the applicable weight that could be assessed (0-1, three decimals).
    public var coverage: Double
    public var gates: [GateResult]
    public var dimensions: [DimensionResult]
    public var checks: [CheckResult]
    public var findings: [Finding]
    public var facts: ModelFacts
    /// Framework views (set by the Frameworks module after rating); they never change the score.
    public var frameworks: [FrameworkLabel] = []

    public var isUnsafe: Bool { findings.contains { $0.outcome == .unsafe } }
    public var isIncomplete: Bool { gates.contains { $0.gate == .incomplete && $0.triggered } }

    public func finding(_ id: String) -> Finding? { findings.first { $0.id == id } }
}

public struct MethodologyIdentity: Sendable, Equatable, Codable {
    public var id: String
    public var version: String
    public var name: String { "\(id)-\(version)" }
}

/// One gate of §4.4 and whether it changed the grade.
public struct GateResult: Sendable, Equatable {
    public enum Gate: String, Sendable, Codable {
        /// Any UNSAFE finding: the grade is F, shown as `F-unsafe`.
        case unsafe
        /// L1 ABSENT: at most D.
        case noLicense = "no-license"
        /// Any CONTRADICTED finding: one letter down and at most B.
        case contradicted
        /// Any Critical or High UNKNOWN: no letter.
        case incomplete
    }

    public var gate: Gate
    public var triggered: Bool
    public var effect: String
    /// The findings the gate rests on.
    public var findingIDs: [String]
}

public struct DimensionResult: Sendable, Equatable {
    public var dimension: Dimension
    public var weight: Double
    /// 0-100 over applicable checks; `nil` when no check applies.
    public var score: Double?
    public var coverage: Double
    public var applicableChecks: Int
}

public struct CheckResult: Sendable, Equatable {
    public var id: CheckID
    public var title: String
    public var dimension: Dimension
    public var severity: Severity
    /// The worst outcome among the check's findings.
    public var outcome: Outcome
    public var credit: Double?
    public var findingIDs: [String]
}

/// Headline facts about the model, read off the snapshot for reports (they carry no score).
public struct ModelFacts: Sendable, Equatable {
    public var parameters: UInt64?
    public var parametersByDtype: [String: UInt64]
    public var architectures: [String]
    public var modelType: String?
    public var contextLength: Int?
    /// Experts per MoE layer, and how many are active per token.
    public var experts: Int?
    public var expertsPerToken: Int?
    /// A chat template in a config or a `chat_template.*` file.
    public var hasChatTemplate: Bool
    public var weightFormats: [String]
    public var license: String?
    /// The license as identified (SPDX or LicenseRef id) and its openness grade, when known.
    public var licenseID: String?
    public var licenseGrade: String?
    public var baseModels: [String]
    public var fileCount: Int
    public var totalBytes: UInt64
    public var unhashedFiles: Int
    public var hub: HubFacts?
}

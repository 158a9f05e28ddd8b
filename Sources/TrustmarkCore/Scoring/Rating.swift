/// The result of rating one snapshot under one methodology: every number here is computed from
/// `findings` by `RatingEngine`.
public struct Rating: Sendable, Equatable {
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
    /// The classes of evidence the rating saw; nil in records older than schema 1.1.
    public var evidence: EvidenceSeen?

    public var isUnsafe: Bool { findings.contains { $0.outcome == .unsafe } }
    public var isIncomplete: Bool { gates.contains { $0.gate == .incomplete && $0.triggered } }

    public func finding(_ id: String) -> Finding? { findings.first { $0.id == id } }

    public init(
        subject: Subject, methodology: MethodologyIdentity, score: Double, grade: Grade?, label: String, coverage: Double,
        gates: [GateResult], dimensions: [DimensionResult], checks: [CheckResult], findings: [Finding], facts: ModelFacts,
        frameworks: [FrameworkLabel] = [], evidence: EvidenceSeen? = nil
    ) {
        self.subject = subject
        self.methodology = methodology
        self.score = score
        self.grade = grade
        self.label = label
        self.coverage = coverage
        self.gates = gates
        self.dimensions = dimensions
        self.checks = checks
        self.findings = findings
        self.facts = facts
        self.frameworks = frameworks
        self.evidence = evidence
    }
}

public struct MethodologyIdentity: Sendable, Equatable, Codable {
    public var id: String
    public var version: String
    public var name: String { "\(id)-\(version)" }

    public init(id: String, version: String) {
        self.id = id
        self.version = version
    }
}

/// One gate (docs/methodology.md, "Score, gates, grade, coverage") and whether it changed the grade.
public struct GateResult: Sendable, Equatable {
    public enum Gate: String, Sendable, Codable {
        /// Any UNSAFE finding: the grade is F, shown as `F-unsafe`.
        case unsafe
        /// L1 ABSENT: at most D.
        case noLicense = "no-license"
        /// Any CONTRADICTED finding: one letter down and at most B.
        case contradicted
        /// No weights seen (at most C) or no licence text seen (at most B): a top grade needs the artifacts.
        case partialEvidence = "partial-evidence"
        /// Any Critical or High UNKNOWN: no letter.
        case incomplete
    }

    public var gate: Gate
    public var triggered: Bool
    public var effect: String
    /// The findings the gate rests on.
    public var findingIDs: [String]

    public init(gate: Gate, triggered: Bool, effect: String, findingIDs: [String]) {
        self.gate = gate
        self.triggered = triggered
        self.effect = effect
        self.findingIDs = findingIDs
    }
}

public struct DimensionResult: Sendable, Equatable {
    public var dimension: Dimension
    public var weight: Double
    /// 0-100 over applicable checks; `nil` when no check applies.
    public var score: Double?
    public var coverage: Double
    public var applicableChecks: Int

    public init(dimension: Dimension, weight: Double, score: Double?, coverage: Double, applicableChecks: Int) {
        self.dimension = dimension
        self.weight = weight
        self.score = score
        self.coverage = coverage
        self.applicableChecks = applicableChecks
    }
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

    public init(id: CheckID, title: String, dimension: Dimension, severity: Severity, outcome: Outcome, credit: Double?, findingIDs: [String]) {
        self.id = id
        self.title = title
        self.dimension = dimension
        self.severity = severity
        self.outcome = outcome
        self.credit = credit
        self.findingIDs = findingIDs
    }
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

    public init(
        parameters: UInt64?, parametersByDtype: [String: UInt64], architectures: [String], modelType: String?, contextLength: Int?,
        experts: Int?, expertsPerToken: Int?, hasChatTemplate: Bool, weightFormats: [String], license: String?, licenseID: String?,
        licenseGrade: String?, baseModels: [String], fileCount: Int, totalBytes: UInt64, unhashedFiles: Int, hub: HubFacts?
    ) {
        self.parameters = parameters
        self.parametersByDtype = parametersByDtype
        self.architectures = architectures
        self.modelType = modelType
        self.contextLength = contextLength
        self.experts = experts
        self.expertsPerToken = expertsPerToken
        self.hasChatTemplate = hasChatTemplate
        self.weightFormats = weightFormats
        self.license = license
        self.licenseID = licenseID
        self.licenseGrade = licenseGrade
        self.baseModels = baseModels
        self.fileCount = fileCount
        self.totalBytes = totalBytes
        self.unhashedFiles = unhashedFiles
        self.hub = hub
    }
}

/// One located observation. Scores, grades and labels are views computed from findings only.
public struct Finding: Sendable, Equatable, Codable {
    /// Stable within a rating: `<check id>#<n>`, numbered in the order the probe reported them.
    public var id: String
    public var check: CheckID
    public var outcome: Outcome
    public var severity: Severity
    public var message: String
    public var remediation: String?
    public var evidence: [Evidence]
    /// Machine-readable facts behind the message (claimed and measured values, counts).
    public var values: [String: String]
    /// For graded checks (a license's openness), the share of the weight earned instead of the outcome's.
    public var credit: Double?

    public init(
        id: String, check: CheckID, outcome: Outcome, severity: Severity, message: String,
        remediation: String?, evidence: [Evidence], values: [String: String] = [:], credit: Double? = nil
    ) {
        self.credit = credit
        self.id = id
        self.check = check
        self.outcome = outcome
        self.severity = severity
        self.message = message
        self.remediation = remediation
        self.evidence = evidence
        self.values = values
    }
}

/// What a probe reports before the engine files it under a check and gives it an id.
public struct Observation: Sendable, Equatable {
    public var outcome: Outcome
    public var message: String
    public var remediation: String?
    public var evidence: [Evidence]
    public var values: [String: String]
    /// Overrides the check's severity for this finding (remote code that is merely present versus dangerous).
    public var severity: Severity?
    /// Overrides the outcome's credit, for graded checks (0-1).
    public var credit: Double?

    public init(
        _ outcome: Outcome, _ message: String, remediation: String? = nil, evidence: [Evidence], values: [String: String] = [:],
        severity: Severity? = nil, credit: Double? = nil
    ) {
        self.severity = severity
        self.credit = credit
        self.outcome = outcome
        self.message = message
        self.remediation = remediation
        self.evidence = evidence
        self.values = values
    }
}

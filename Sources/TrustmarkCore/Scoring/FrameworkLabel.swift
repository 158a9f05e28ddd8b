/// A framework's view of a rating (MOF class, OSAID, the European Open Source AI Index, the EU AI Act's
/// open-source exemption): a verdict and the findings it rests on. Labels never change the score.
public struct FrameworkLabel: Sendable, Equatable {
    public var id: String
    public var name: String
    /// A short verdict: "Class III (Open Model)", "not met", "indicative: applies", ...
    public var verdict: String
    /// One line per criterion: what was decided and from what.
    public var details: [String]
    /// Findings the label rests on (ids into the rating's findings).
    public var findings: [String]
    /// Criteria the repository cannot settle, said plainly rather than counted against the model.
    public var notAutomated: [String]
    /// Numbers a consumer may want (progress percentages, an index score), as strings for exact output.
    public var values: [String: String]

    public init(
        id: String, name: String, verdict: String, details: [String] = [], findings: [String] = [], notAutomated: [String] = [],
        values: [String: String] = [:]
    ) {
        self.id = id
        self.name = name
        self.verdict = verdict
        self.details = details
        self.findings = findings
        self.notAutomated = notAutomated
        self.values = values
    }
}

extension FrameworkLabel {
    /// The Model Openness Framework label's id.
    public static let mofID = "mof"

    /// For the MOF label: the class achieved, 3 (Class III, Open Model) to 1 (Class I, Open Science), 0 unclassified;
    /// nil for other labels and for records written before the class was recorded as a number.
    public var mofClass: Int? { id == FrameworkLabel.mofID ? values["class"].flatMap { Int($0) } : nil }
}

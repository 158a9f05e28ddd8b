/// A check's identifier: the dimension letter, a number and, where one rule is applied per item, a
/// qualifier (`D2.limitations`). Every id is a constant declared beside its check's definition
/// (`CheckID.licenseDeclared`, `CheckID.section(.uses)`); no other code spells one out.
public struct CheckID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (lhs: CheckID, rhs: CheckID) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension CheckID: ExpressibleByStringLiteral {
    /// For the definitions only (a lint test keeps literals out of everything else).
    public init(stringLiteral value: String) { self.rawValue = value }
}

/// What a check asks, how much it weighs and where it counts. The methodology fixes this table per
/// version; applicability is decided by the probe from the inputs alone.
public struct CheckDefinition: Sendable {
    public var id: CheckID
    public var dimension: Dimension
    public var severity: Severity
    public var title: String
    /// Why the check exists, for reports and docs.
    public var rationale: String
    /// What the probe reads: files, metadata fields, other evidence.
    public var reads: String
    /// Every outcome the probe can report.
    public var outcomes: [Outcome]
    /// Small repositories that show the check at work, each with the outcome it must get (one test runs them all).
    public var examples: [CheckExample]
    /// Nil for checks of a frozen methodology version whose rules this build no longer runs.
    public var probe: (any Probe)?

    public init(
        _ id: CheckID, _ dimension: Dimension, _ severity: Severity, _ title: String, rationale: String, reads: String,
        outcomes: [Outcome], examples: [CheckExample] = [], probe: (any Probe)?
    ) {
        self.id = id
        self.dimension = dimension
        self.severity = severity
        self.title = title
        self.rationale = rationale
        self.reads = reads
        self.outcomes = outcomes
        self.examples = examples
        self.probe = probe
    }

    /// The same check with its rules no longer runnable: how a frozen version keeps its table.
    func frozen() -> CheckDefinition {
        var copy = self
        copy.probe = nil
        copy.examples = []
        return copy
    }
}

/// A probe answers one check's question about a snapshot, with evidence. It must return at least
/// one observation; it never performs I/O — everything it may look at is in the snapshot.
public protocol Probe: Sendable {
    func observe(_ snapshot: Snapshot) -> [Observation]
}

/// A small repository that shows a check at work: a bundled example (`Examples/<base>`) with a few changes, and the
/// outcome the check must give it. Examples are data, so the core stays free of I/O; the test that runs them writes
/// each one to a temporary folder and loads it as any user's folder is loaded.
public struct CheckExample: Sendable {
    public enum Change: Sendable {
        case remove(String)
        case write(String, String)
        case writeBytes(String, [UInt8])
        /// Replace the first occurrence of a text in a file (the example's author checks it is there).
        case replace(String, String, with: String)
    }

    public var name: String
    public var base: String
    public var changes: [Change]
    public var outcome: Outcome

    public init(_ name: String, base: String, _ changes: [Change] = [], outcome: Outcome) {
        self.name = name
        self.base = base
        self.changes = changes
        self.outcome = outcome
    }
}

/// A check's identifier: the dimension letter, a number and, where one rule is applied per item, a
/// qualifier (`D2.limitations`).
public struct CheckID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (lhs: CheckID, rhs: CheckID) -> Bool { lhs.rawValue < rhs.rawValue }
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
    public var probe: any Probe

    public init(_ id: CheckID, _ dimension: Dimension, _ severity: Severity, _ title: String, rationale: String, probe: any Probe) {
        self.id = id
        self.dimension = dimension
        self.severity = severity
        self.title = title
        self.rationale = rationale
        self.probe = probe
    }
}

/// A probe answers one check's question about a snapshot, with evidence. It must return at least
/// one observation; it never performs I/O — everything it may look at is in the snapshot.
public protocol Probe: Sendable {
    func observe(_ snapshot: Snapshot) -> [Observation]
}

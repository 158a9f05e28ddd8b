/// How bad a safety finding is (docs/model-files.md).
public enum SafetySeverity: String, Sendable, Codable, Comparable, CaseIterable {
    /// Not (fully) scanned: never to be read as clean.
    case coverage
    case info
    case low
    case medium
    case high
    /// Runs code under the default load.
    case critical

    private var rank: Int { SafetySeverity.allCases.firstIndex(of: self)! }
    public static func < (lhs: SafetySeverity, rhs: SafetySeverity) -> Bool { lhs.rank < rhs.rank }
}

/// A located safety finding in a model file: the rule, the file, the byte offset and, for pickles, the opcode.
public struct SafetyFinding: Sendable, Equatable, Codable {
    public var rule: String
    public var severity: SafetySeverity
    public var message: String
    public var path: String
    public var byteOffset: UInt64?
    public var opcode: String?
    /// The imported callable, `module.name`, when the rule is about one.
    public var global: String?
    /// The 1-based line, for text (chat templates).
    public var line: Int?

    public init(
        rule: String, severity: SafetySeverity, message: String, path: String, byteOffset: UInt64? = nil, opcode: String? = nil,
        global: String? = nil,
        line: Int? = nil
    ) {
        self.line = line
        self.rule = rule
        self.severity = severity
        self.message = message
        self.path = path
        self.byteOffset = byteOffset
        self.opcode = opcode
        self.global = global
    }
}

import TrustmarkCore

/// The public JSON shape of a rating (schema version 1.0, documented in docs/json-schema.md and
/// docs/rating.schema.json). Field names are API: change them only with a new schema version.
public struct RatingDocument: Encodable {
    public static let schemaVersion = "1.0"

    struct Tool: Encodable {
        var name: String
        var version: String
    }

    struct Methodology: Encodable {
        var id: String
        var version: String
        var name: String
    }

    struct SubjectInfo: Encodable {
        var name: String
        var revision: String?
        var digest: String?
        var source: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(name, forKey: .name)
            try container.encode(revision, forKey: .revision)
            try container.encode(digest, forKey: .digest)
            try container.encode(source, forKey: .source)
        }
        enum Keys: String, CodingKey { case name, revision, digest, source }
    }

    struct Gate: Encodable {
        var id: String
        var triggered: Bool
        var effect: String
        var findings: [String]
    }

    struct DimensionEntry: Encodable {
        var id: String
        var name: String
        var weight: Double
        var score: Double?
        var coverage: Double
        var applicableChecks: Int

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(weight, forKey: .weight)
            try container.encode(score, forKey: .score)
            try container.encode(coverage, forKey: .coverage)
            try container.encode(applicableChecks, forKey: .applicableChecks)
        }
        enum Keys: String, CodingKey { case id, name, weight, score, coverage, applicableChecks }
    }

    struct CheckEntry: Encodable {
        var id: String
        var title: String
        var dimension: String
        var severity: String
        var outcome: String
        var credit: Double?
        var findings: [String]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(dimension, forKey: .dimension)
            try container.encode(severity, forKey: .severity)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(credit, forKey: .credit)
            try container.encode(findings, forKey: .findings)
        }
        enum Keys: String, CodingKey { case id, title, dimension, severity, outcome, credit, findings }
    }

    struct EvidenceEntry: Encodable {
        var evidence: Evidence

        /// `kind`, `path`, `lineStart`, `lineEnd` and `pointer` are always present (null when they do
        /// not apply); the rest only when set.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(evidence.kind.rawValue, forKey: .kind)
            try container.encode(evidence.path, forKey: .path)
            try container.encode(evidence.lineStart, forKey: .lineStart)
            try container.encode(evidence.lineEnd, forKey: .lineEnd)
            try container.encode(evidence.pointer, forKey: .pointer)
            try container.encodeIfPresent(evidence.snippet, forKey: .snippet)
            try container.encodeIfPresent(evidence.byteStart, forKey: .byteStart)
            try container.encodeIfPresent(evidence.byteEnd, forKey: .byteEnd)
            try container.encodeIfPresent(evidence.source, forKey: .source)
            try container.encodeIfPresent(evidence.rule, forKey: .rule)
            try container.encodeIfPresent(evidence.derivedFrom, forKey: .derivedFrom)
        }
        enum Keys: String, CodingKey { case kind, path, lineStart, lineEnd, pointer, snippet, byteStart, byteEnd, source, rule, derivedFrom }
    }

    struct FindingEntry: Encodable {
        var id: String
        var check: String
        var outcome: String
        var severity: String
        var message: String
        var remediation: String?
        var evidence: [EvidenceEntry]
        var values: [String: String]
    }

    struct Facts: Encodable {
        var parameters: UInt64?
        var parametersByDtype: [String: UInt64]
        var architectures: [String]
        var modelType: String?
        var contextLength: Int?
        var weightFormats: [String]
        var license: String?
        var baseModels: [String]
        var fileCount: Int
        var totalBytes: UInt64
        var unhashedFiles: Int
    }

    struct FileEntry: Encodable {
        var path: String
        var size: UInt64
        var kind: String
        var sha256: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(path, forKey: .path)
            try container.encode(size, forKey: .size)
            try container.encode(kind, forKey: .kind)
            try container.encode(sha256, forKey: .sha256)
        }
        enum Keys: String, CodingKey { case path, size, kind, sha256 }
    }

    struct Problem: Encodable {
        var path: String
        var message: String
    }

    var schemaVersion = RatingDocument.schemaVersion
    var tool: Tool
    var methodology: Methodology
    var subject: SubjectInfo
    var score: Double
    var grade: String?
    var label: String
    var coverage: Double
    var gates: [Gate]
    var dimensions: [DimensionEntry]
    var checks: [CheckEntry]
    var findings: [FindingEntry]
    var facts: Facts
    var files: [FileEntry]
    var problems: [Problem]

    public init(rating: Rating, snapshot: Snapshot) {
        tool = Tool(name: ToolIdentity.name, version: ToolIdentity.version)
        methodology = Methodology(id: rating.methodology.id, version: rating.methodology.version, name: rating.methodology.name)
        subject = SubjectInfo(name: rating.subject.name, revision: rating.subject.revision, digest: rating.subject.digest, source: rating.subject.source.rawValue)
        score = rating.score
        grade = rating.grade?.rawValue
        label = rating.label
        coverage = rating.coverage
        gates = rating.gates.map { Gate(id: $0.gate.rawValue, triggered: $0.triggered, effect: $0.effect, findings: $0.findingIDs) }
        dimensions = rating.dimensions.map {
            DimensionEntry(id: $0.dimension.rawValue, name: $0.dimension.title, weight: $0.weight, score: $0.score,
                           coverage: ($0.coverage * 1000).rounded() / 1000, applicableChecks: $0.applicableChecks)
        }
        checks = rating.checks.map {
            CheckEntry(id: $0.id.rawValue, title: $0.title, dimension: $0.dimension.rawValue, severity: $0.severity.rawValue,
                       outcome: $0.outcome.rawValue, credit: $0.credit, findings: $0.findingIDs)
        }
        findings = rating.findings.map {
            FindingEntry(id: $0.id, check: $0.check.rawValue, outcome: $0.outcome.rawValue, severity: $0.severity.rawValue, message: $0.message,
                         remediation: $0.remediation, evidence: $0.evidence.map(EvidenceEntry.init), values: $0.values)
        }
        let modelFacts = rating.facts
        facts = Facts(
            parameters: modelFacts.parameters, parametersByDtype: modelFacts.parametersByDtype, architectures: modelFacts.architectures,
            modelType: modelFacts.modelType, contextLength: modelFacts.contextLength, weightFormats: modelFacts.weightFormats,
            license: modelFacts.license, baseModels: modelFacts.baseModels, fileCount: modelFacts.fileCount, totalBytes: modelFacts.totalBytes,
            unhashedFiles: modelFacts.unhashedFiles)
        files = snapshot.files.map { FileEntry(path: $0.path, size: $0.size, kind: $0.kind.rawValue, sha256: $0.sha256) }
        problems = snapshot.problems.map { Problem(path: $0.path, message: $0.message) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(tool, forKey: .tool)
        try container.encode(methodology, forKey: .methodology)
        try container.encode(subject, forKey: .subject)
        try container.encode(score, forKey: .score)
        try container.encode(grade, forKey: .grade)
        try container.encode(label, forKey: .label)
        try container.encode(coverage, forKey: .coverage)
        try container.encode(gates, forKey: .gates)
        try container.encode(dimensions, forKey: .dimensions)
        try container.encode(checks, forKey: .checks)
        try container.encode(findings, forKey: .findings)
        try container.encode(facts, forKey: .facts)
        try container.encode(files, forKey: .files)
        try container.encode(problems, forKey: .problems)
    }
    enum Keys: String, CodingKey { case schemaVersion, tool, methodology, subject, score, grade, label, coverage, gates, dimensions, checks, findings, facts, files, problems }
}

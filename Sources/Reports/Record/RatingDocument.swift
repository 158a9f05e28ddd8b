import TrustmarkCore

/// The public JSON shape of a rating (schema version 1.0, documented in docs/json-schema.md and
/// docs/rating.schema.json). Field names are API: change them only with a new schema version.
public struct RatingDocument: Encodable {
    // Property order is irrelevant: the encoder sorts keys.
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
        var revision: Nullable<String>
        var digest: Nullable<String>
        var source: String
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
        var score: Nullable<Double>
        var coverage: Double
        var applicableChecks: Int
    }

    struct CheckEntry: Encodable {
        var id: String
        var title: String
        var dimension: String
        var severity: String
        var outcome: String
        var credit: Nullable<Double>
        var findings: [String]
    }

    /// `kind`, `path`, `lineStart`, `lineEnd` and `pointer` are always present (null when they do not
    /// apply); the rest only when set.
    struct EvidenceEntry: Encodable {
        var kind: String
        var path: Nullable<String>
        var lineStart: Nullable<Int>
        var lineEnd: Nullable<Int>
        var pointer: Nullable<String>
        var snippet: String?
        var byteStart: UInt64?
        var byteEnd: UInt64?
        var source: String?
        var rule: String?
        var derivedFrom: [String]?

        init(_ evidence: Evidence) {
            kind = evidence.kind.rawValue
            path = Nullable(evidence.path)
            lineStart = Nullable(evidence.lineStart)
            lineEnd = Nullable(evidence.lineEnd)
            pointer = Nullable(evidence.pointer)
            snippet = evidence.snippet
            byteStart = evidence.byteStart
            byteEnd = evidence.byteEnd
            source = evidence.source
            rule = evidence.rule
            derivedFrom = evidence.derivedFrom
        }
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
        var experts: Int?
        var expertsPerToken: Int?
        var hasChatTemplate: Bool
        var weightFormats: [String]
        var license: String?
        var licenseID: String?
        var licenseGrade: String?
        var baseModels: [String]
        var fileCount: Int
        var totalBytes: UInt64
        var unhashedFiles: Int
        var hub: Hub?
    }

    /// The Hub's metadata, each value with the JSON pointer it was read at in `api/model-info.json`.
    struct Hub: Encodable {
        var platform: String
        var repository: String
        var gated: String?
        var `private`: Bool?
        var downloads: UInt64?
        var likes: UInt64?
        var createdAt: String?
        var lastModified: String?
        var baseModels: [String]
        var baseModelRelation: String?
        var downloadsAllTime: UInt64?
        var childrenModelCount: UInt64?
        var securityFilesWithIssues: [String]?
        var pointers: [String: String]
    }

    /// A framework label: a verdict over findings, with what the repository cannot settle.
    struct Framework: Encodable {
        var id: String
        var name: String
        var verdict: String
        var details: [String]
        var findings: [String]
        var notAutomated: [String]
        var values: [String: String]
    }

    struct FileEntry: Encodable {
        var path: String
        var size: UInt64
        var kind: String
        var sha256: Nullable<String>
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
    var grade: Nullable<String>
    var label: String
    var coverage: Double
    var gates: [Gate]
    var dimensions: [DimensionEntry]
    var checks: [CheckEntry]
    var findings: [FindingEntry]
    var facts: Facts
    var frameworks: [Framework]
    var files: [FileEntry]
    var problems: [Problem]

    public init(rating: Rating, snapshot: Snapshot) {
        tool = Tool(name: ToolIdentity.name, version: ToolIdentity.version)
        methodology = Methodology(id: rating.methodology.id, version: rating.methodology.version, name: rating.methodology.name)
        subject = SubjectInfo(
            name: rating.subject.name, revision: Nullable(rating.subject.revision), digest: Nullable(rating.subject.digest),
            source: rating.subject.source.rawValue)
        score = rating.score
        grade = Nullable(rating.grade?.rawValue)
        label = rating.label
        coverage = rating.coverage
        gates = rating.gates.map { Gate(id: $0.gate.rawValue, triggered: $0.triggered, effect: $0.effect, findings: $0.findingIDs) }
        dimensions = rating.dimensions.map {
            DimensionEntry(id: $0.dimension.rawValue, name: $0.dimension.title, weight: $0.weight, score: Nullable($0.score),
                           coverage: ($0.coverage * 1000).rounded() / 1000, applicableChecks: $0.applicableChecks)
        }
        checks = rating.checks.map {
            CheckEntry(id: $0.id.rawValue, title: $0.title, dimension: $0.dimension.rawValue, severity: $0.severity.rawValue,
                       outcome: $0.outcome.rawValue, credit: Nullable($0.credit), findings: $0.findingIDs)
        }
        findings = rating.findings.map {
            FindingEntry(id: $0.id, check: $0.check.rawValue, outcome: $0.outcome.rawValue, severity: $0.severity.rawValue, message: $0.message,
                         remediation: $0.remediation, evidence: $0.evidence.map { EvidenceEntry($0) }, values: $0.values)
        }
        let modelFacts = rating.facts
        facts = Facts(
            parameters: modelFacts.parameters, parametersByDtype: modelFacts.parametersByDtype, architectures: modelFacts.architectures,
            modelType: modelFacts.modelType, contextLength: modelFacts.contextLength, experts: modelFacts.experts,
            expertsPerToken: modelFacts.expertsPerToken, hasChatTemplate: modelFacts.hasChatTemplate, weightFormats: modelFacts.weightFormats,
            license: modelFacts.license, licenseID: modelFacts.licenseID, licenseGrade: modelFacts.licenseGrade, baseModels: modelFacts.baseModels, fileCount: modelFacts.fileCount, totalBytes: modelFacts.totalBytes,
            unhashedFiles: modelFacts.unhashedFiles,
            hub: modelFacts.hub.map {
                Hub(platform: $0.platform, repository: $0.repository, gated: $0.gated, private: $0.isPrivate, downloads: $0.downloads, likes: $0.likes, createdAt: $0.createdAt,
                    lastModified: $0.lastModified, baseModels: $0.baseModels, baseModelRelation: $0.baseModelRelation,
                    downloadsAllTime: $0.downloadsAllTime, childrenModelCount: $0.childrenModelCount,
                    securityFilesWithIssues: $0.securityFilesWithIssues, pointers: $0.pointers)
            })
        frameworks = rating.frameworks.map {
            Framework(id: $0.id, name: $0.name, verdict: $0.verdict, details: $0.details, findings: $0.findings, notAutomated: $0.notAutomated, values: $0.values)
        }
        files = snapshot.files.map { FileEntry(path: $0.path, size: $0.size, kind: $0.kind.rawValue, sha256: Nullable($0.sha256)) }
        problems = snapshot.problems.map { Problem(path: $0.path, message: $0.message) }
    }

}

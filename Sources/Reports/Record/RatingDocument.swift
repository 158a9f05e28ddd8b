import TrustmarkCore

/// The JSON shape of a `RatingRecord` (schema version `RatingRecord.schemaVersion`, docs/schemas/ and
/// docs/json-schema.md), both ways. Field names are API: an additive change is a new minor schema version, anything
/// else a new major one. Fields that older versions lack are optional here, so those documents still decode; the
/// encoder always writes every field of the current version.
struct RatingDocument: Codable {
    struct Tool: Codable {
        var name: String
        var version: String
    }

    struct Methodology: Codable {
        var id: String
        var version: String
        var name: String
    }

    struct Catalog: Codable {
        var version: String
    }

    struct SubjectInfo: Codable {
        var name: String
        var revision: Nullable<String>
        var digest: Nullable<String>
        var source: String
    }

    struct Gate: Codable {
        var id: String
        var triggered: Bool
        var effect: String
        var findings: [String]
    }

    struct DimensionEntry: Codable {
        var id: String
        var name: String
        var weight: Double
        var score: Nullable<Double>
        var coverage: Double
        var applicableChecks: Int
    }

    struct CheckEntry: Codable {
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
    struct EvidenceEntry: Codable {
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
    }

    struct FindingEntry: Codable {
        var id: String
        var check: String
        var outcome: String
        var severity: String
        var message: String
        var remediation: String?
        var evidence: [EvidenceEntry]
        var values: [String: String]
        /// Since 1.1: the finding's own credit (graded checks), null when it takes its outcome's.
        var credit: Nullable<Double>
    }

    struct Facts: Codable {
        var parameters: UInt64?
        var parametersByDtype: [String: UInt64]
        var architectures: [String]
        var modelType: String?
        var contextLength: Int?
        var experts: Int?
        var expertsPerToken: Int?
        var hasChatTemplate: Bool?
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
    struct Hub: Codable {
        var platform: String?
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
    struct Framework: Codable {
        var id: String
        var name: String
        var verdict: String
        var details: [String]
        var findings: [String]
        var notAutomated: [String]
        var values: [String: String]
    }

    /// Since 1.1: the classes of evidence the rating saw.
    struct EvidenceClasses: Codable {
        var card: Bool
        var licenseText: Bool
        var config: Bool
        var weights: Bool
        var allShards: Bool
        var wholeRepository: Bool
    }

    /// Since 1.1: what the reports quote from the card.
    struct Card: Codable {
        struct Section: Codable {
            var kind: String
            var title: String
            var line: Int
            var endLine: Int
        }

        var path: String
        var pipelineTag: Nullable<String>
        var datasets: [String]
        var links: [String]
        var sections: [Section]
    }

    struct FileEntry: Codable {
        var path: String
        var size: UInt64
        var kind: String
        var sha256: Nullable<String>
    }

    struct Problem: Codable {
        var path: String
        var message: String
        /// Since 1.1: the file listing itself is incomplete here.
        var incompleteListing: Bool?
    }

    var schemaVersion: String
    var tool: Tool
    var methodology: Methodology
    /// Since 1.1.
    var licenseCatalog: Nullable<Catalog>
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
    /// Required since the framework labels were added; absent from documents of the first 1.0 shape.
    var frameworks: [Framework]?
    /// Since 1.1.
    var card: Nullable<Card>
    /// Since 1.1.
    var evidence: Nullable<EvidenceClasses>
    var files: [FileEntry]
    var problems: [Problem]
    /// Since 1.2: the commercial-use answer. Written for readers; on reading it is computed again from the findings
    /// (it is a view of them), so a record of any version renders it the same.
    var commercialUse: CommercialUseEntry?

    struct CommercialUseEntry: Codable {
        struct Condition: Codable {
            var kind: String
            var text: String
            var finding: String
            var path: Nullable<String>
            var line: Nullable<Int>
        }
        var answer: String
        var summary: String
        var license: Nullable<String>
        var opennessClass: Nullable<String>
        var basis: String
        var conditions: [Condition]
        var finding: Nullable<String>

        init(_ use: CommercialUse) {
            answer = use.answer.rawValue
            summary = use.summary
            license = Nullable(use.license)
            opennessClass = Nullable(use.opennessClass)
            basis = use.basis
            conditions = use.conditions.map {
                Condition(kind: $0.kind, text: $0.text, finding: $0.finding, path: Nullable($0.path), line: Nullable($0.line))
            }
            finding = Nullable(use.finding)
        }
    }
}

// MARK: - Record to document

extension RatingDocument {
    init(_ record: RatingRecord) {
        let rating = record.rating
        schemaVersion = RatingRecord.schemaVersion
        commercialUse = CommercialUseEntry(rating.commercialUse)
        tool = Tool(name: record.tool.name, version: record.tool.version)
        methodology = Methodology(id: rating.methodology.id, version: rating.methodology.version, name: rating.methodology.name)
        licenseCatalog = Nullable(record.licenseCatalogVersion.map { Catalog(version: $0) })
        subject = SubjectInfo(
            name: rating.subject.name, revision: Nullable(rating.subject.revision), digest: Nullable(rating.subject.digest),
            source: rating.subject.source.rawValue)
        score = rating.score
        grade = Nullable(rating.grade?.rawValue)
        label = rating.label
        coverage = rating.coverage
        gates = rating.gates.map { Gate(id: $0.gate.rawValue, triggered: $0.triggered, effect: $0.effect, findings: $0.findingIDs) }
        dimensions = rating.dimensions.map {
            DimensionEntry(
                id: $0.dimension.rawValue, name: $0.dimension.title, weight: $0.weight, score: Nullable($0.score),
                coverage: ($0.coverage * 1000).rounded() / 1000, applicableChecks: $0.applicableChecks)
        }
        checks = rating.checks.map {
            CheckEntry(
                id: $0.id.rawValue, title: $0.title, dimension: $0.dimension.rawValue, severity: $0.severity.rawValue,
                outcome: $0.outcome.rawValue, credit: Nullable($0.credit), findings: $0.findingIDs)
        }
        findings = rating.findings.map {
            FindingEntry(
                id: $0.id, check: $0.check.rawValue, outcome: $0.outcome.rawValue, severity: $0.severity.rawValue, message: $0.message,
                remediation: $0.remediation, evidence: $0.evidence.map(EvidenceEntry.init), values: $0.values, credit: Nullable($0.credit))
        }
        let f = rating.facts
        facts = Facts(
            parameters: f.parameters, parametersByDtype: f.parametersByDtype, architectures: f.architectures, modelType: f.modelType,
            contextLength: f.contextLength, experts: f.experts, expertsPerToken: f.expertsPerToken, hasChatTemplate: f.hasChatTemplate,
            weightFormats: f.weightFormats, license: f.license, licenseID: f.licenseID, licenseGrade: f.licenseGrade, baseModels: f.baseModels,
            fileCount: f.fileCount, totalBytes: f.totalBytes, unhashedFiles: f.unhashedFiles, hub: f.hub.map(Hub.init))
        frameworks = rating.frameworks.map {
            Framework(
                id: $0.id, name: $0.name, verdict: $0.verdict, details: $0.details, findings: $0.findings, notAutomated: $0.notAutomated,
                values: $0.values)
        }
        card = Nullable(
            record.card.map {
                Card(
                    path: $0.path, pipelineTag: Nullable($0.pipelineTag), datasets: $0.datasets, links: $0.links,
                    sections: $0.sections.map { Card.Section(kind: $0.kind.rawValue, title: $0.title, line: $0.line, endLine: $0.endLine) })
            })
        evidence = Nullable(
            rating.evidence.map {
                EvidenceClasses(
                    card: $0.card, licenseText: $0.licenseText, config: $0.config, weights: $0.weights, allShards: $0.allShards,
                    wholeRepository: $0.wholeRepository)
            })
        files = record.files.map { FileEntry(path: $0.path, size: $0.size, kind: $0.kind.rawValue, sha256: Nullable($0.sha256)) }
        problems = record.problems.map { Problem(path: $0.path, message: $0.message, incompleteListing: $0.incompleteListing) }
    }
}

extension RatingDocument.EvidenceEntry {
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

    func evidence(at place: String) throws(RecordError) -> Evidence {
        var evidence = Evidence(
            kind: try RatingDocument.value(kind, at: place + ".kind"), path: path.value, lineStart: lineStart.value, lineEnd: lineEnd.value,
            pointer: pointer.value, byteStart: byteStart, byteEnd: byteEnd, source: source, rule: rule, derivedFrom: derivedFrom)
        evidence.snippet = snippet  // as stored: it was clipped when it was made
        return evidence
    }
}

extension RatingDocument.Hub {
    init(_ hub: HubFacts) {
        self.init(
            platform: hub.platform, repository: hub.repository, gated: hub.gated, private: hub.isPrivate, downloads: hub.downloads, likes: hub.likes,
            createdAt: hub.createdAt, lastModified: hub.lastModified, baseModels: hub.baseModels, baseModelRelation: hub.baseModelRelation,
            downloadsAllTime: hub.downloadsAllTime, childrenModelCount: hub.childrenModelCount,
            securityFilesWithIssues: hub.securityFilesWithIssues, pointers: hub.pointers)
    }

    var facts: HubFacts {
        var facts = HubFacts(
            repository: repository, gated: gated, isPrivate: `private`, downloads: downloads, likes: likes, createdAt: createdAt,
            lastModified: lastModified, baseModels: baseModels, baseModelRelation: baseModelRelation, downloadsAllTime: downloadsAllTime,
            childrenModelCount: childrenModelCount, securityFilesWithIssues: securityFilesWithIssues, pointers: pointers)
        facts.platform = platform ?? "huggingface"
        return facts
    }
}

// MARK: - Document to record

extension RatingDocument {
    /// An enumeration value spelled as the JSON spells it, or an error naming where it was found.
    static func value<T: RawRepresentable>(_ raw: String, at place: String) throws(RecordError) -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else { throw RecordError("unknown value \"\(raw)\" at \(place)") }
        return value
    }

    func record() throws(RecordError) -> RatingRecord {
        let subject = Subject(
            name: self.subject.name, revision: self.subject.revision.value, digest: self.subject.digest.value,
            source: try Self.value(self.subject.source, at: "subject.source"))
        var gateResults: [GateResult] = []
        for (index, gate) in gates.enumerated() {
            gateResults.append(
                GateResult(
                    gate: try Self.value(gate.id, at: "gates[\(index)].id"), triggered: gate.triggered, effect: gate.effect,
                    findingIDs: gate.findings))
        }
        var dimensionResults: [DimensionResult] = []
        for (index, entry) in dimensions.enumerated() {
            dimensionResults.append(
                DimensionResult(
                    dimension: try Self.value(entry.id, at: "dimensions[\(index)].id"), weight: entry.weight,
                    score: entry.score.value, coverage: entry.coverage, applicableChecks: entry.applicableChecks))
        }
        var checkResults: [CheckResult] = []
        for (index, entry) in checks.enumerated() {
            let place = "checks[\(index)]"
            checkResults.append(
                CheckResult(
                    id: CheckID(entry.id), title: entry.title, dimension: try Self.value(entry.dimension, at: place + ".dimension"),
                    severity: try Self.value(entry.severity, at: place + ".severity"), outcome: try Self.value(entry.outcome, at: place + ".outcome"),
                    credit: entry.credit.value, findingIDs: entry.findings))
        }
        var findingResults: [Finding] = []
        for (index, entry) in findings.enumerated() {
            let place = "findings[\(index)]"
            var evidence: [Evidence] = []
            for (position, item) in entry.evidence.enumerated() { evidence.append(try item.evidence(at: place + ".evidence[\(position)]")) }
            findingResults.append(
                Finding(
                    id: entry.id, check: CheckID(entry.check), outcome: try Self.value(entry.outcome, at: place + ".outcome"),
                    severity: try Self.value(entry.severity, at: place + ".severity"), message: entry.message, remediation: entry.remediation,
                    evidence: evidence, values: entry.values, credit: entry.credit.value))
        }
        let f = facts
        let modelFacts = ModelFacts(
            parameters: f.parameters, parametersByDtype: f.parametersByDtype, architectures: f.architectures, modelType: f.modelType,
            contextLength: f.contextLength, experts: f.experts, expertsPerToken: f.expertsPerToken, hasChatTemplate: f.hasChatTemplate ?? false,
            weightFormats: f.weightFormats, license: f.license, licenseID: f.licenseID, licenseGrade: f.licenseGrade, baseModels: f.baseModels,
            fileCount: f.fileCount, totalBytes: f.totalBytes, unhashedFiles: f.unhashedFiles, hub: f.hub?.facts)
        let labels = (frameworks ?? []).map {
            FrameworkLabel(
                id: $0.id, name: $0.name, verdict: $0.verdict, details: $0.details, findings: $0.findings, notAutomated: $0.notAutomated,
                values: $0.values)
        }
        let rating = Rating(
            subject: subject, methodology: MethodologyIdentity(id: methodology.id, version: methodology.version), score: score,
            grade: try grade.value.map { raw throws(RecordError) in try Self.value(raw, at: "grade") }, label: label, coverage: coverage,
            gates: gateResults, dimensions: dimensionResults, checks: checkResults, findings: findingResults, facts: modelFacts, frameworks: labels,
            evidence: evidence.value.map {
                EvidenceSeen(
                    card: $0.card, licenseText: $0.licenseText, config: $0.config, weights: $0.weights, allShards: $0.allShards,
                    wholeRepository: $0.wholeRepository)
            })
        var recordFiles: [RatingRecord.File] = []
        for (index, file) in files.enumerated() {
            recordFiles.append(
                RatingRecord.File(
                    path: file.path, size: file.size, kind: try Self.value(file.kind, at: "files[\(index)].kind"),
                    sha256: file.sha256.value))
        }
        var digest: RatingRecord.CardDigest?
        if let card = card.value {
            var sections: [RatingRecord.CardDigest.Section] = []
            for (index, section) in card.sections.enumerated() {
                sections.append(
                    RatingRecord.CardDigest.Section(
                        kind: try Self.value(section.kind, at: "card.sections[\(index)].kind"),
                        title: section.title, line: section.line, endLine: section.endLine))
            }
            digest = RatingRecord.CardDigest(
                path: card.path, pipelineTag: card.pipelineTag.value, datasets: card.datasets, links: card.links,
                sections: sections)
        }
        return RatingRecord(
            rating: rating, files: recordFiles,
            problems: problems.map { ReadProblem(path: $0.path, message: $0.message, incompleteListing: $0.incompleteListing) },
            card: digest, licenseCatalogVersion: licenseCatalog.value?.version, tool: RatingRecord.Tool(name: tool.name, version: tool.version),
            schemaVersion: schemaVersion)
    }
}

import Crypto
import Foundation
import TrustmarkCore

/// A CycloneDX 1.6 JSON BOM for a rated model: one `machine-learning-model` component with its model card
/// (parameters, datasets, considerations), licence, root digest and external references; one `file` component per
/// repository file with its SHA-256; and the findings as `declarations` — claims with evidence, attested by Trustmark.
/// The serial number is derived from the model's root digest, so the same rating gives the same BOM.
public enum CycloneDXReport {
    public static func render(_ record: RatingRecord) throws -> String {
        let rating = record.rating
        let digest = rating.subject.digest.map { String($0.dropFirst("sha256:".count)) }
        var model: [String: AnyEncodable] = [
            "type": AnyEncodable("machine-learning-model"), "bom-ref": AnyEncodable("model"), "name": AnyEncodable(rating.subject.name),
        ]
        if let revision = rating.subject.revision { model["version"] = AnyEncodable(revision) }
        if let digest { model["hashes"] = AnyEncodable([["alg": "SHA-256", "content": digest]]) }
        if let license = licenseEntry(rating) { model["licenses"] = AnyEncodable([license]) }
        if let publisher = rating.subject.name.split(separator: "/").first, rating.subject.name.utf8Contains("/") {
            model["publisher"] = AnyEncodable(String(publisher))
        }
        var references: [[String: String]] = []
        if rating.subject.source == .hub || rating.subject.source == .huggingFaceCache {
            references.append([
                "type": "distribution",
                "url": "https://huggingface.co/\(rating.subject.name)" + (rating.subject.revision.map { "/tree/\($0)" } ?? ""),
            ])
        } else if rating.subject.source == .modelScope || rating.subject.source == .modelScopeCache {
            references.append(["type": "distribution", "url": "https://modelscope.cn/models/\(rating.subject.name)"])
        }
        for link in (record.card?.links ?? []).prefix(RatingRecord.CardDigest.maxLinks) where link.hasPrefix("https://") {
            references.append(["type": link.utf8Contains("arxiv.org") ? "documentation" : "other", "url": link])
        }
        if !references.isEmpty { model["externalReferences"] = AnyEncodable(references) }
        model["modelCard"] = AnyEncodable(modelCard(record))
        var properties = [
            ["name": "trustmark:grade", "value": rating.label], ["name": "trustmark:score", "value": String(rating.score)],
            ["name": "trustmark:methodology", "value": rating.methodology.name],
        ]
        if let parameters = rating.facts.parameters { properties.append(["name": "trustmark:parameters", "value": String(parameters)]) }
        model["properties"] = AnyEncodable(properties)

        let files = record.files.map { file -> [String: AnyEncodable] in
            var entry: [String: AnyEncodable] = [
                "type": AnyEncodable("file"), "bom-ref": AnyEncodable("file:" + file.path), "name": AnyEncodable(file.path),
            ]
            if let sha = file.sha256 { entry["hashes"] = AnyEncodable([["alg": "SHA-256", "content": sha]]) }
            return entry
        }
        let serial = uuid(from: digest ?? rating.subject.name)
        let bom: [String: AnyEncodable] = [
            "bomFormat": AnyEncodable("CycloneDX"), "specVersion": AnyEncodable("1.6"), "serialNumber": AnyEncodable("urn:uuid:" + serial),
            "version": AnyEncodable(1),
            "metadata": AnyEncodable([
                "tools": AnyEncodable(["components": AnyEncodable([["type": "application", "name": "trustmark", "version": record.tool.version]])]),
                "component": AnyEncodable([
                    "type": AnyEncodable("machine-learning-model"), "bom-ref": AnyEncodable("subject"), "name": AnyEncodable(rating.subject.name),
                ]),
            ]),
            "components": AnyEncodable([AnyEncodable(model)] + files.map { AnyEncodable($0) }),
            "declarations": AnyEncodable(declarations(rating, tool: record.tool)),
        ]
        return try ScanReport.encode(bom)
    }

    static func licenseEntry(_ rating: Rating) -> [String: AnyEncodable]? {
        guard let id = rating.facts.licenseID else { return nil }
        // SPDX ids go in `id`; LicenseRef-… and catalog names go in `name` (the schema's id list is SPDX only).
        if id.hasPrefix("LicenseRef-") || id.utf8Contains(" ") || id.hasPrefix("variant of") {
            return ["license": AnyEncodable(["name": id])]
        }
        if id.utf8Contains(" AND ") || id.utf8Contains(" OR ") || id.utf8Contains(" WITH ") { return ["expression": AnyEncodable(id)] }
        return ["license": AnyEncodable(["id": id])]
    }

    static func modelCard(_ record: RatingRecord) -> [String: AnyEncodable] {
        let rating = record.rating
        var parameters: [String: AnyEncodable] = [:]
        if let task = record.card?.pipelineTag { parameters["task"] = AnyEncodable(task) }
        if let family = rating.facts.modelType { parameters["architectureFamily"] = AnyEncodable(family) }
        if let architecture = rating.facts.architectures.first { parameters["modelArchitecture"] = AnyEncodable(architecture) }
        let datasets = (record.card?.datasets ?? []).prefix(RatingRecord.CardDigest.maxDatasets).map { dataset -> [String: AnyEncodable] in
            ["type": AnyEncodable("dataset"), "name": AnyEncodable(dataset)]
        }
        if !datasets.isEmpty { parameters["datasets"] = AnyEncodable(datasets) }
        var card: [String: AnyEncodable] = ["modelParameters": AnyEncodable(parameters)]
        var considerations: [String: AnyEncodable] = [:]
        func sectionText(_ kind: SectionKind) -> [String] {
            (record.card?.sections(kind) ?? []).prefix(RatingRecord.CardDigest.maxSectionsPerKind).map {
                "\($0.title) (README.md lines \($0.line)-\($0.endLine))"
            }
        }
        let uses = sectionText(.uses)
        if !uses.isEmpty { considerations["useCases"] = AnyEncodable(uses) }
        let limitations = sectionText(.limitations)
        if !limitations.isEmpty { considerations["technicalLimitations"] = AnyEncodable(limitations) }
        if !considerations.isEmpty { card["considerations"] = AnyEncodable(considerations) }
        return card
    }

    /// Every finding as a claim about the model, with its evidence; Trustmark as the assessor.
    static func declarations(_ rating: Rating, tool: RatingRecord.Tool) -> [String: AnyEncodable] {
        var claims: [[String: AnyEncodable]] = []
        var evidence: [[String: AnyEncodable]] = []
        for (index, finding) in rating.findings.enumerated() {
            let claimRef = "claim-\(index + 1)"
            var refs: [String] = []
            for (position, item) in finding.evidence.prefix(5).enumerated() {
                let ref = "evidence-\(index + 1)-\(position + 1)"
                refs.append(ref)
                let place = [item.path, item.lineStart.map { "line \($0)" + (item.lineEnd.map { "-\($0)" } ?? "") }, item.pointer].compactMap { $0 }
                    .joined(separator: " ")
                evidence.append([
                    "bom-ref": AnyEncodable(ref), "propertyName": AnyEncodable("trustmark:evidence"),
                    "description": AnyEncodable(
                        (place.isEmpty ? item.kind.rawValue : place) + (item.snippet.map { ": " + String($0.prefix(200)) } ?? "")),
                ])
            }
            var claim: [String: AnyEncodable] = [
                "bom-ref": AnyEncodable(claimRef), "target": AnyEncodable("model"),
                "predicate": AnyEncodable("\(finding.check.rawValue) \(finding.outcome.rawValue): \(finding.message)"),
            ]
            if let remediation = finding.remediation { claim["reasoning"] = AnyEncodable("Fix: " + remediation) }
            if !refs.isEmpty {
                let key = [.pass, .notApplicable].contains(finding.outcome) ? "evidence" : "counterEvidence"
                claim[key] = AnyEncodable(refs)
            }
            claims.append(claim)
        }
        return [
            "assessors": AnyEncodable([
                [
                    "bom-ref": AnyEncodable("assessor-trustmark"), "thirdParty": AnyEncodable(true),
                    "organization": AnyEncodable(["name": "Trustmark \(tool.version)"]),
                ]
            ]),
            "attestations": AnyEncodable([
                [
                    "summary": AnyEncodable("Trustmark \(rating.methodology.name) rating: \(rating.label) (\(rating.score))"),
                    "assessor": AnyEncodable("assessor-trustmark"),
                ]
            ]),
            "claims": AnyEncodable(claims.map { AnyEncodable($0) }),
            "evidence": AnyEncodable(evidence.map { AnyEncodable($0) }),
        ]
    }

    /// A version-4-shaped UUID from a SHA-256, so the serial number is stable for the same model.
    static func uuid(from text: String) -> String {
        var bytes = Array(SHA256.hash(data: Array(text.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.map(String.init).joined(separator: "-")
    }
}

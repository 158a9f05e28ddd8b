import Foundation
import TrustmarkCore

/// A rating as SARIF 2.1.0: one rule per check, one result per finding that is not a pass, located on the file
/// and lines (or bytes) of its evidence, so code-scanning tools show findings where they are.
public enum RatingSARIF {
    public static func render(_ record: RatingRecord) throws -> String {
        let rating = record.rating
        let checks = rating.checks
        let rules = checks.map { check -> [String: AnyEncodable] in
            [
                "id": AnyEncodable(check.id.rawValue), "name": AnyEncodable(check.id.rawValue),
                "shortDescription": AnyEncodable(["text": check.title]),
                "properties": AnyEncodable(["dimension": check.dimension.rawValue, "severity": check.severity.rawValue]),
                "helpUri": AnyEncodable("https://trustmark.dev/checks/\(check.id.rawValue.lowercased())"),
            ]
        }
        let reported: Set<Outcome> = [.unsafe, .contradicted, .absent, .unknown, .claimed]
        let results = rating.findings.filter { reported.contains($0.outcome) }.map { finding -> [String: AnyEncodable] in
            var result: [String: AnyEncodable] = [
                "ruleId": AnyEncodable(finding.check.rawValue),
                "ruleIndex": AnyEncodable(checks.firstIndex { $0.id == finding.check } ?? 0),
                "level": AnyEncodable(level(finding.outcome)),
                "message": AnyEncodable(["text": finding.message + (finding.remediation.map { " Fix: " + $0 } ?? "")]),
                "properties": AnyEncodable(["outcome": finding.outcome.rawValue, "findingId": finding.id]),
            ]
            let locations = finding.evidence.compactMap { evidence -> [String: AnyEncodable]? in
                guard let path = evidence.path else { return nil }
                var region: [String: AnyEncodable] = [:]
                if let start = evidence.lineStart {
                    region["startLine"] = AnyEncodable(start)
                    if let end = evidence.lineEnd, end >= start { region["endLine"] = AnyEncodable(end) }
                } else if let start = evidence.byteStart {
                    region["byteOffset"] = AnyEncodable(start)
                    let end = evidence.byteEnd ?? start + 1
                    region["byteLength"] = AnyEncodable(end > start ? end - start : 1)
                }
                var physical: [String: AnyEncodable] = ["artifactLocation": AnyEncodable(["uri": path, "uriBaseId": "REPOROOT"])]
                if !region.isEmpty { physical["region"] = AnyEncodable(region) }
                return ["physicalLocation": AnyEncodable(physical)]
            }
            if !locations.isEmpty { result["locations"] = AnyEncodable(Array(locations.prefix(5))) }
            return result
        }
        var run: [String: AnyEncodable] = [
            "tool": AnyEncodable([
                "driver": AnyEncodable([
                    "name": AnyEncodable("trustmark"), "version": AnyEncodable(record.tool.version),
                    "informationUri": AnyEncodable("https://trustmark.dev"), "rules": AnyEncodable(rules),
                ])
            ]),
            "results": AnyEncodable(results),
            "properties": AnyEncodable([
                "subject": rating.subject.name, "grade": rating.label, "score": String(rating.score),
                "methodology": rating.methodology.name,
            ]),
        ]
        if let revision = rating.subject.revision {
            run["versionControlProvenance"] = AnyEncodable([
                ["repositoryUri": "https://huggingface.co/" + rating.subject.name, "revisionId": revision]
            ])
        }
        return try ScanReport.encode([
            "$schema": AnyEncodable("https://json.schemastore.org/sarif-2.1.0.json"), "version": AnyEncodable("2.1.0"),
            "runs": AnyEncodable([run]),
        ])
    }

    static func level(_ outcome: Outcome) -> String {
        switch outcome {
        case .unsafe, .contradicted: return "error"
        case .absent, .unknown: return "warning"
        default: return "note"
        }
    }
}

import Foundation
import TrustmarkCore

/// Output of `trustmark scan`: text for people, JSON, and SARIF 2.1.0 for code-scanning tools.
public enum ScanReport {
    public static func text(_ reports: [FileScanReport]) -> String {
        var out: [String] = []
        for report in reports {
            let verdict =
                report.isUnsafe
                ? "UNSAFE" : report.findings.contains { $0.severity == .coverage } ? "NOT FULLY SCANNED" : report.findings.isEmpty ? "ok" : "review"
            out.append("\(report.path)  [\(report.format.rawValue), \(report.size) bytes]  \(verdict)")
            for finding in report.findings.sorted(by: { $0.severity > $1.severity }) {
                let location = finding.byteOffset.map { " @\($0)" } ?? ""
                out.append(
                    "  \(finding.severity.rawValue.uppercased().padding(toLength: 9, withPad: " ", startingAt: 0)) \(finding.rule)\(location)\(finding.opcode.map { " \($0)" } ?? ""): \(finding.message)"
                )
            }
        }
        let unsafe = reports.filter(\.isUnsafe).count
        out.append("")
        out.append("\(reports.count) file\(reports.count == 1 ? "" : "s") scanned, \(unsafe) unsafe")
        // File names and messages come from the files: no control character reaches the terminal, none starts a line.
        return out.map { TerminalText.finalLine($0, allowingColor: false) }.joined(separator: "\n") + "\n"
    }

    struct JSONFile: Encodable {
        var path: String
        var size: UInt64
        var format: String
        var unsafe: Bool
        var worst: String?
        var imports: [String]
        var findings: [SafetyFinding]
    }

    public static func json(_ reports: [FileScanReport]) throws -> String {
        let files = reports.map {
            JSONFile(
                path: $0.path, size: $0.size, format: $0.format.rawValue, unsafe: $0.isUnsafe, worst: $0.worst?.rawValue, imports: $0.imports,
                findings: $0.findings)
        }
        return try encode([
            "schemaVersion": AnyEncodable("1.0"), "tool": AnyEncodable(["name": ToolIdentity.name, "version": ToolIdentity.version]),
            "files": AnyEncodable(files),
        ])
    }

    /// SARIF 2.1.0: one rule per rule id, one result per finding, located by file and byte offset.
    public static func sarif(_ reports: [FileScanReport]) throws -> String {
        let findings = reports.flatMap(\.findings)
        let ruleIDs = Array(Set(findings.map(\.rule))).sorted()
        let rules = ruleIDs.map { id in
            [
                "id": AnyEncodable(id), "name": AnyEncodable(id), "shortDescription": AnyEncodable(["text": SafetyRules.summary(id)]),
                "helpUri": AnyEncodable("https://trustmark.dev/rules/\(id.lowercased())"),
            ]
        }
        let results = findings.map { finding -> [String: AnyEncodable] in
            var region: [String: AnyEncodable] = [:]
            if let offset = finding.byteOffset {
                region["byteOffset"] = AnyEncodable(offset)
                region["byteLength"] = AnyEncodable(1)
            }
            var physical: [String: AnyEncodable] = ["artifactLocation": AnyEncodable(["uri": finding.path])]
            if !region.isEmpty { physical["region"] = AnyEncodable(region) }
            return [
                "ruleId": AnyEncodable(finding.rule), "ruleIndex": AnyEncodable(ruleIDs.firstIndex(of: finding.rule) ?? 0),
                "level": AnyEncodable(level(finding.severity)), "message": AnyEncodable(["text": finding.message]),
                "locations": AnyEncodable([["physicalLocation": AnyEncodable(physical)]]),
                "properties": AnyEncodable(
                    ["severity": finding.severity.rawValue].merging(finding.global.map { ["global": $0] } ?? [:]) { first, _ in first }),
            ]
        }
        let run: [String: AnyEncodable] = [
            "tool": AnyEncodable([
                "driver": AnyEncodable([
                    "name": AnyEncodable("trustmark"), "version": AnyEncodable(ToolIdentity.version),
                    "informationUri": AnyEncodable("https://trustmark.dev"), "rules": AnyEncodable(rules),
                ])
            ]),
            "results": AnyEncodable(results),
            "artifacts": AnyEncodable(reports.map { ["location": AnyEncodable(["uri": $0.path]), "length": AnyEncodable($0.size)] }),
        ]
        return try encode([
            "$schema": AnyEncodable("https://json.schemastore.org/sarif-2.1.0.json"), "version": AnyEncodable("2.1.0"), "runs": AnyEncodable([run]),
        ])
    }

    static func level(_ severity: SafetySeverity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info, .coverage: return "note"
        }
    }

    static func encode(_ value: some Encodable) throws -> String { try JSONText.encode(value) }
}

/// Type erasure for building JSON documents of mixed values.
struct AnyEncodable: Encodable {
    let encodeValue: (any Encoder) throws -> Void
    init<Value: Encodable>(_ value: Value) { encodeValue = value.encode }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}

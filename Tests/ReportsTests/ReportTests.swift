import Foundation
import ModelRepository
import RatingPipeline
import Testing
import TrustmarkCore

@testable import Reports

func examplePath(_ name: String) -> String {
    var folder = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { folder.deleteLastPathComponent() }
    return folder.appendingPathComponent("Examples").appendingPathComponent(name).path
}

/// A bundled example's complete record, made the one way records are made.
func rated(_ name: String) throws -> RatingRecord {
    try RatingPipeline().rate(.target(examplePath(name)))
}

@Suite("JSON report")
struct JSONReportTests {
    @Test func isByteIdenticalAcrossRuns() throws {
        #expect(try JSONReport.render(try rated("contradicting-card")) == JSONReport.render(try rated("contradicting-card")))
    }

    @Test func carriesTheDocumentedFields() throws {
        let record = try rated("contradicting-card")
        let rating = record.rating
        let data = Data(try JSONReport.render(record).utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["schemaVersion", "methodology", "tool", "subject", "score", "grade", "coverage", "dimensions", "findings", "gates", "checks"] {
            #expect(root[key] != nil, "missing \(key)")
        }
        #expect(root["schemaVersion"] as? String == RatingRecord.schemaVersion)
        #expect((root["methodology"] as? [String: Any])?["id"] as? String == "TM")
        #expect((root["methodology"] as? [String: Any])?["version"] as? String == Methodology.current.identity.version)
        #expect((root["tool"] as? [String: Any])?["name"] as? String == "trustmark")
        let subject = try #require(root["subject"] as? [String: Any])
        #expect(subject.keys.sorted() == ["digest", "name", "revision", "source"])
        #expect((subject["digest"] as? String)?.hasPrefix("sha256:") == true)
        let findings = try #require(root["findings"] as? [[String: Any]])
        #expect(findings.count == rating.findings.count)
        for finding in findings {
            let evidence = try #require(finding["evidence"] as? [[String: Any]])
            #expect(!evidence.isEmpty)
            for item in evidence {
                #expect(Set(["kind", "path", "lineStart", "lineEnd", "pointer"]).isSubset(of: item.keys))
            }
        }
        let contradicted = findings.first { $0["check"] as? String == CheckID.parameterCount.rawValue }
        let evidence = contradicted?["evidence"] as? [[String: Any]]
        #expect(contradicted?["outcome"] as? String == "CONTRADICTED")
        #expect(evidence?.first?["lineStart"] as? Int == 11)
        #expect(evidence?[1]["byteStart"] as? Int == 0)
        #expect(root["grade"] as? String == rating.grade?.rawValue)
    }

    @Test func encodesAnIncompleteRatingWithANullGrade() throws {
        let snapshot = Snapshot(subject: Subject(name: "x", revision: nil, digest: nil, source: .folder), files: [])
        var record = RatingPipeline().rate(snapshot: snapshot)
        record.rating.grade = nil
        let root = try JSONParser.parse(try JSONReport.render(record))
        #expect(root["grade"]?.value == .null)
        #expect(root["subject"]?["digest"]?.value == .null)
        #expect(root["label"]?.string == record.rating.label)
    }

    /// The schema in docs/ lists the same required top-level fields the encoder writes.
    @Test func matchesThePublishedSchema() throws {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        let schemaData = try Data(contentsOf: folder.appendingPathComponent("docs/schemas/rating-\(RatingRecord.schemaVersion).json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
        let required = try #require(schema["required"] as? [String])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(try JSONReport.render(try rated("open-tiny-lm")).utf8)) as? [String: Any])
        #expect(Set(required) == Set(root.keys))
    }
}

@Suite("Terminal report")
struct TerminalReportTests {
    @Test func isPlainTextWithoutColour() throws {
        let text = TerminalReport.render(try rated("contradicting-card"), style: TerminalStyle(colors: false))
        #expect(!text.contains("\u{1B}["))
        #expect(text.contains("Grade  C⚠"))
        #expect(text.contains("CONTRADICTED   D3.parameters"))
        #expect(text.contains("README.md:11"))
        #expect(text.contains("License & openness"))
        // Worst first: contradicted findings come before absent ones.
        let contradicted = try #require(text.range(of: "CONTRADICTED"))
        let absent = try #require(text.range(of: "ABSENT"))
        #expect(contradicted.lowerBound < absent.lowerBound)
    }

    @Test func usesColourOnlyWhenAsked() throws {
        #expect(TerminalReport.render(try rated("open-tiny-lm"), style: TerminalStyle(colors: true)).contains("\u{1B}["))
    }

    @Test func describesEvidenceKinds() {
        #expect(TerminalReport.describe(.lines("README.md", 3, 5, snippet: "x")) == "README.md:3-5  \"x\"")
        #expect(TerminalReport.describe(.bytes("m.safetensors", 0..<120)) == "m.safetensors bytes 0-120")
        #expect(TerminalReport.describe(.derived(rule: "gate", from: ["A3#1"])) == "rule gate over A3#1")
    }
}

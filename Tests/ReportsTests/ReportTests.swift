import Foundation
import ModelRepository
import Testing
import TrustmarkCore
@testable import Reports

func examplePath(_ name: String) -> String {
    var folder = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { folder.deleteLastPathComponent() }
    return folder.appendingPathComponent("Examples").appendingPathComponent(name).path
}

func rated(_ name: String) throws -> (Rating, Snapshot) {
    let snapshot = try SnapshotLoader().load(.folder(path: examplePath(name)))
    return (RatingEngine().rate(snapshot), snapshot)
}

@Suite("JSON report")
struct JSONReportTests {
    @Test func isByteIdenticalAcrossRuns() throws {
        let (first, firstSnapshot) = try rated("contradicting-card")
        let (second, secondSnapshot) = try rated("contradicting-card")
        #expect(try JSONReport.render(first, snapshot: firstSnapshot) == JSONReport.render(second, snapshot: secondSnapshot))
    }

    @Test func carriesTheDocumentedFields() throws {
        let (rating, snapshot) = try rated("contradicting-card")
        let data = Data(try JSONReport.render(rating, snapshot: snapshot).utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["schemaVersion", "methodology", "tool", "subject", "score", "grade", "coverage", "dimensions", "findings", "gates", "checks"] {
            #expect(root[key] != nil, "missing \(key)")
        }
        #expect(root["schemaVersion"] as? String == "1.0")
        #expect((root["methodology"] as? [String: Any])?["id"] as? String == "TM")
        #expect((root["methodology"] as? [String: Any])?["version"] as? String == "1.0")
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
        let contradicted = findings.first { $0["check"] as? String == "D3.parameters" }
        let evidence = contradicted?["evidence"] as? [[String: Any]]
        #expect(contradicted?["outcome"] as? String == "CONTRADICTED")
        #expect(evidence?.first?["lineStart"] as? Int == 11)
        #expect(evidence?[1]["byteStart"] as? Int == 0)
        #expect(root["grade"] as? String == rating.grade?.rawValue)
    }

    @Test func encodesAnIncompleteRatingWithANullGrade() throws {
        let snapshot = Snapshot(subject: Subject(name: "x", revision: nil, digest: nil, source: .folder), files: [])
        var rating = RatingEngine().rate(snapshot)
        rating.grade = nil
        let text = try JSONReport.render(rating, snapshot: snapshot)
        #expect(text.contains("\"grade\" : null"))
        #expect(text.contains("\"digest\" : null"))
    }

    /// The schema in docs/ lists the same required top-level fields the encoder writes.
    @Test func matchesThePublishedSchema() throws {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        let schemaData = try Data(contentsOf: folder.appendingPathComponent("docs/rating.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
        let required = try #require(schema["required"] as? [String])
        let (rating, snapshot) = try rated("open-tiny-lm")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(try JSONReport.render(rating, snapshot: snapshot).utf8)) as? [String: Any])
        #expect(Set(required) == Set(root.keys))
    }
}

@Suite("Terminal report")
struct TerminalReportTests {
    @Test func isPlainTextWithoutColour() throws {
        let (rating, snapshot) = try rated("contradicting-card")
        let text = TerminalReport.render(rating, snapshot: snapshot, style: TerminalStyle(colors: false))
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
        let (rating, snapshot) = try rated("open-tiny-lm")
        #expect(TerminalReport.render(rating, snapshot: snapshot, style: TerminalStyle(colors: true)).contains("\u{1B}["))
    }

    @Test func describesEvidenceKinds() {
        #expect(TerminalReport.describe(.lines("README.md", 3, 5, snippet: "x")) == "README.md:3-5  \"x\"")
        #expect(TerminalReport.describe(.bytes("m.safetensors", 0..<120)) == "m.safetensors bytes 0-120")
        #expect(TerminalReport.describe(.derived(rule: "gate", from: ["A3#1"])) == "rule gate over A3#1")
    }
}

import Foundation
import ModelRepository
import Testing
import TrustmarkCore

@testable import Reports

/// SARIF, CycloneDX and the badge on the examples. Schema validation against the official SARIF 2.1.0 and
/// CycloneDX 1.6 schemas runs in CI (`scripts/validate-outputs.py`); these tests check what the schemas cannot.
@Suite("Machine outputs")
struct MachineOutputTests {
    static func rate(_ example: String) throws -> RatingRecord { try rated(example) }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func sarifHasOneRulePerCheckAndResultsOnTheirLines() throws {
        let record = try Self.rate("contradicting-card")
        let rating = record.rating
        let sarif = try Self.json(try RatingSARIF.render(record))
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.count == rating.checks.count)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == rating.findings.filter { [.unsafe, .contradicted, .absent, .unknown, .claimed].contains($0.outcome) }.count)
        let contradicted = try #require(results.first { ($0["level"] as? String) == "error" })
        let location = try #require(((contradicted["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]))
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "README.md")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 11)
    }

    @Test func cycloneDXDescribesTheModelAndDeclaresTheFindings() throws {
        let record = try Self.rate("open-tiny-lm")
        let rating = record.rating
        let text = try CycloneDXReport.render(record)
        #expect(try CycloneDXReport.render(record) == text)
        let bom = try Self.json(text)
        #expect(bom["specVersion"] as? String == "1.6")
        let components = try #require(bom["components"] as? [[String: Any]])
        let model = try #require(components.first { $0["type"] as? String == "machine-learning-model" })
        #expect((model["licenses"] as? [[String: Any]])?.first?["license"] as? [String: String] == ["id": "Apache-2.0"])
        #expect((model["hashes"] as? [[String: String]])?.first?["content"] == rating.subject.digest.map { String($0.dropFirst(7)) })
        #expect((model["modelCard"] as? [String: Any])?["modelParameters"] != nil)
        #expect(components.filter { $0["type"] as? String == "file" }.count == record.files.count)
        let claims = try #require((bom["declarations"] as? [String: Any])?["claims"] as? [[String: Any]])
        #expect(claims.count == rating.findings.count)
    }

    @Test func badgesLookDifferentWhenUnsafeOrContradicted() throws {
        let plain = try Self.rate("open-tiny-lm")
        let contradicted = try Self.rate("contradicting-card")
        let a = RatingBadge.svg(plain), c = RatingBadge.svg(contradicted)
        #expect(a.contains("A ") && a.contains(Methodology.current.identity.name) && a.contains("#2ea44f"))
        #expect(c.contains("⚠") && c.contains("#8250df"))
        var unsafe = plain
        unsafe.rating.findings.append(
            Finding(id: "A2#9", check: .artifactCode, outcome: .unsafe, severity: .critical, message: "test", remediation: nil, evidence: []))
        let u = RatingBadge.svg(unsafe)
        #expect(u.contains("UNSAFE") && u.contains("#b60205") && !u.contains("#2ea44f"))
        #expect(a.hasPrefix("<svg") && a.contains("role=\"img\"") && a.contains("<title>"))
    }
}

@Suite("Reports to read")
struct ReadableReportTests {
    @Test func htmlIsSelfContainedEscapedAndOrdered() throws {
        let record = try MachineOutputTests.rate("contradicting-card")
        let html = HTMLReport.render(record)
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("<link "))
        // Unsafe and contradicted findings come before the check table, the table before frameworks and facts.
        let urgent = try #require(html.range(of: "Unsafe and contradicted")).lowerBound
        let checks = try #require(html.range(of: "<h2>Checks</h2>")).lowerBound
        let model = try #require(html.range(of: "<h2>Model</h2>")).lowerBound
        #expect(urgent < checks && checks < model)
        #expect(html.contains("CONTRADICTED") && html.contains("README.md:11"))
        // Text from the repository is escaped, not interpreted.
        var hostile = record
        hostile.rating.subject.name = "<img src=x onerror=alert(1)>"
        #expect(!HTMLReport.render(hostile).contains("<img src=x"))
    }

    @Test func hubRatingsLinkEvidenceToTheFileAndLineAtTheCommit() throws {
        var record = try MachineOutputTests.rate("contradicting-card")
        record.rating.subject.source = .hub
        record.rating.subject.name = "acme/mega-7b"
        record.rating.subject.revision = String(repeating: "ab", count: 20)
        let markdown = MarkdownReport.render(record)
        #expect(markdown.contains("https://huggingface.co/acme/mega-7b/blob/\(String(repeating: "ab", count: 20))/README.md#L11"))
        #expect(HTMLReport.render(record).contains("href=\"https://huggingface.co/acme/mega-7b/blob/"))
        #expect(markdown.contains("| check | outcome | finding | evidence | fix |"))
        #expect(markdown.contains("**Grade C⚠**"))
    }
}

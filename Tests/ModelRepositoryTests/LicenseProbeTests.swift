import Foundation
import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelRepository

/// The license checks on repositories written by the tests, with texts from the shipped catalog.
@Suite("License checks on repositories")
struct LicenseProbeTests {
    static func catalogText(_ file: String) throws -> String {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        return try String(contentsOf: folder.appendingPathComponent("Sources/Licenses/Resources/texts/\(file)"), encoding: .utf8)
    }

    @Test func aTagThatContradictsTheLicenseFileIsCaughtWithBothPieces() throws {
        let repository = try TemporaryRepository([
            "README.md": "---\nlicense: apache-2.0\n---\n# m\n",
            "LICENSE": try LicenseProbeTests.catalogText("llama-3.1-license-2024.txt"),
        ])
        let rating = try repository.rating()
        let finding = try #require(rating.findings(.licenseConsistency).first)
        #expect(finding.outcome == .contradicted)
        #expect(finding.evidence.first?.path == "README.md" && finding.evidence.first?.lineStart == 2)
        #expect(finding.evidence.contains { $0.path == "LICENSE" })
        // The grade comes from the text, not the tag.
        #expect(rating.findings(.licenseGrade).first?.values["grade"] == "E")
    }

    @Test func anExactLicenseMatchingItsTagPassesWithItsGrade() throws {
        let repository = try TemporaryRepository([
            "README.md": "---\nlicense: other\nlicense_name: qwen\n---\n",
            "LICENSE": try LicenseProbeTests.catalogText("qwen-2024.txt"),
        ])
        let rating = try repository.rating()
        #expect(rating.outcome(.licenseConsistency) == .pass)
        let grade = try #require(rating.findings(.licenseGrade).first)
        #expect(grade.values["grade"] == "E" && grade.credit == 0.45)
        #expect(
            rating.findings(.licenseRestrictions).contains {
                $0.values["kind"] == "threshold" && $0.values["value"] == "100000000" && $0.evidence.first?.lineStart == 29
            })
    }

    @Test func aModifiedCopyOfTheDeclaredLicenseIsContradicted() throws {
        let edited = try LicenseProbeTests.catalogText("qwen-2024.txt").replacingOccurrences(
            of: "more than 100 million", with: "more than 10 million")
        let repository = try TemporaryRepository(["README.md": "---\nlicense: other\nlicense_name: qwen\n---\n", "LICENSE": edited])
        let rating = try repository.rating()
        let finding = try #require(rating.findings(.licenseConsistency).first)
        #expect(finding.outcome == .contradicted)
        #expect(finding.evidence.contains { $0.path == "LICENSE" && $0.lineStart == 29 })
        #expect(rating.findings(.licenseRestrictions).contains { $0.values["value"] == "10000000" })
    }

    @Test func aTagWithoutTextIsClaimedAtHalfCredit() throws {
        let rating = try TemporaryRepository(["README.md": "---\nlicense: mit\n---\n"]).rating()
        #expect(rating.outcome(.licenseConsistency) == .claimed)
        let grade = try #require(rating.findings(.licenseGrade).first)
        #expect(grade.outcome == .claimed && grade.credit == 0.5)
        #expect(rating.checks.first { $0.id == .licenseGrade }?.credit == 0.5)
    }

    @Test func aLlamaFineTuneRelabelledMITIsContradicted() throws {
        let repository = try TemporaryRepository([
            "README.md": "---\nlicense: mit\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n",
            "LICENSE": "MIT License\n\nCopyright (c) 2025 X\n\n" + (try LicenseProbeTests.catalogText("mit.txt")),
        ])
        let rating = try repository.rating()
        let finding = try #require(rating.findings(.baseLicense).first)
        #expect(finding.outcome == .contradicted)
        #expect(finding.evidence.first?.pointer == "/base_model")
        #expect(rating.outcome(.licenseConsistency) == .pass)
    }

    @Test func anUnknownLicenseTextLowersCoverageButDoesNotBlockTheGrade() throws {
        let custom = String(repeating: "The Licensee may run the model only on Tuesdays and must send a postcard to the Licensor. ", count: 20)
        let rating = try TemporaryRepository(["README.md": "---\nlicense: other\nlicense_name: tuesday-license\n---\n", "LICENSE": custom]).rating()
        #expect(rating.outcome(.licenseGrade) == .unknown)
        #expect(rating.grade != nil)
        #expect(rating.coverage < 1)
    }

    @Test func policiesAndNoticesAreNotLicenseTexts() throws {
        let repository = try TemporaryRepository([
            "README.md": "---\nlicense: llama3.1\n---\n",
            "LICENSE": try LicenseProbeTests.catalogText("llama-3.1-license-2024.txt"),
            "USE_POLICY.md":
                "Use of this model is subject to the acceptable use policy at https://llama.meta.com/llama3_1/use-policy. No military use.",
            "NOTICE": "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.",
        ])
        let snapshot = try repository.snapshot()
        #expect(snapshot.licenses?.licenseTexts.map(\.path) == ["LICENSE"])
        #expect(snapshot.licenses?.files.first { $0.path == "USE_POLICY.md" }?.role == .policy)
        let rating = RatingEngine().rate(snapshot)
        #expect(rating.outcome(.licenseConsistency) == .pass)
        #expect(
            rating.findings(.licenseRestrictions).contains { $0.values["kind"] == "field-of-use-ban" && $0.evidence.first?.path == "USE_POLICY.md" })
    }
}

import Foundation
import RatingPipeline
import Reports
import Testing
import TrustmarkCore
import TrustmarkTestSupport

/// "May we use it commercially?" answered in words from the licence findings, with the clauses it rests on
/// (issue 14: the answer was only a licence grade beside the model grade, and clauses printed as PASS).
@Suite("Commercial use")
struct CommercialUseTests {
    static func rating(_ example: String) throws -> Rating {
        try RatingPipeline().rate(.target(ProjectFolders.example(example).path)).rating
    }

    @Test func theBundledExamplesAnswer() throws {
        let open = try Self.rating("open-tiny-lm").commercialUse
        #expect(open.answer == .allowed && open.conditions.isEmpty && open.opennessClass == "A")
        let llama = try Self.rating("community-chat").commercialUse
        #expect(llama.answer == .capped && llama.opennessClass == "E")
        // Caps first, with their numbers and lines; every condition names its finding.
        #expect(llama.conditions.first?.kind == "threshold")
        #expect(llama.conditions.first?.text.contains("700M monthly active users") == true)
        #expect(llama.conditions.first?.path == "LICENSE" && llama.conditions.first?.line == 32)
        #expect(Set(llama.conditions.map(\.kind)) == ["threshold", "acceptable-use-policy", "attribution", "name-prefix"])
        #expect(llama.conditions.allSatisfy { $0.finding.hasPrefix("L4#") })
        #expect(llama.summary.hasPrefix("capped — User cap: above 700M"))
    }

    @Test func nonCommercialNoLicenceAndDeclarationOnly() throws {
        let nc = try TemporaryRepository(["README.md": "---\nlicense: cc-by-nc-4.0\n---\n# m\n"]).rating().commercialUse
        #expect(nc.answer == .notAllowed)
        #expect(nc.basis.contains("declaration only"))
        let none = try TemporaryRepository(["README.md": "# m\n\nA model.\n"]).rating().commercialUse
        #expect(none.answer == .unknown && none.basis.contains("no licence"))
        let unknown = try TemporaryRepository([
            "README.md": "# m\n", "LICENSE": "You may do some things with this model, and not others, as we decide case by case.\n",
        ])
        .rating().commercialUse
        #expect(unknown.answer == .unknown && unknown.basis.contains("not one Trustmark recognises"))
    }

    @Test func theReportsAndTheRecordSayIt() throws {
        let record = try RatingPipeline().rate(.target(ProjectFolders.example("community-chat").path))
        let text = TerminalReport.render(record, style: TerminalStyle(colors: false))
        let lines = text.split(separator: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("Commercial use  capped") })
        #expect(index < 8, "near the top")
        #expect(lines[index + 1].contains("700M monthly active users") && lines[index + 1].contains("LICENSE:32"))
        #expect(try record.json().contains("\"commercialUse\""))
        // What loading does, in one line near the top; passed checks by title; licence clauses are not "passed".
        let loading = try #require(lines.first { $0.hasPrefix("Loading ") })
        #expect(loading.contains("safetensors only: no code in the weights") && loading.contains("trust_remote_code (A3)"))
        #expect(loading.contains("chat template inert"))
        #expect(lines.contains { $0.contains("✓ L1") && $0.contains("License declared") })
        #expect(!lines.contains { $0.contains("✓ L4") })
        // Remote code comes before the documentation gaps of the same outcome.
        let absent = lines.filter { $0.hasPrefix("  ABSENT ") }
        #expect(absent.first?.contains(CheckID.remoteCode.rawValue) == true, "\(absent.prefix(3))")
        let markdown = try RecordFormat.markdown.render(record)
        #expect(markdown.contains("**Commercial use: capped"))
        let html = try RecordFormat.html.render(record)
        #expect(html.contains("Commercial use: capped"))
        #expect(try RecordFormat.badge.render(record).contains("commercial use: capped"))
    }

    @Test func aPolicyAsksForTheAnswer() throws {
        let policy = try PolicyFile.read("version: 1\ncommercial_use: [allowed, allowed-with-conditions]\n")
        #expect(policy.check(try Self.rating("open-tiny-lm")).isEmpty)
        let broken = policy.check(try Self.rating("community-chat"))
        #expect(broken.map(\.rule) == ["commercial_use"])
        #expect(broken.first?.evidence.contains("L4#4") == true)
        #expect(throws: PolicyFile.Failure.self) { try PolicyFile.read("version: 1\ncommercial_use: [maybe]\n") }
    }
}

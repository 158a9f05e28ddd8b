import Foundation
import RatingPipeline
import Reports
import Testing
import TrustmarkCore
import TrustmarkTestSupport

/// The policy docs/policy.md shows passes the grade-A example and fails the others for stated reasons (issue 14:
/// it rejected every model, the grade-A example too).
@Suite("The documented policy")
struct PolicyDocumentTests {
    /// The first YAML block of docs/policy.md, as a user would copy it.
    static func documentedPolicy() throws -> Policy {
        let text = try String(contentsOf: ProjectFolders.docs("policy.md"), encoding: .utf8)
        let block = try #require(text.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        return try PolicyFile.read(block)
    }

    static func rating(_ example: String) throws -> Rating {
        try RatingPipeline().rate(.target(ProjectFolders.example(example).path)).rating
    }

    @Test func itPassesTheOpenExampleAndFailsTheOthersForTheirReasons() throws {
        let policy = try Self.documentedPolicy()
        #expect(policy.check(try Self.rating("open-tiny-lm")).isEmpty)
        let community = Set(policy.check(try Self.rating("community-chat")).map(\.rule))
        #expect(community.isSuperset(of: ["minimum_grade", "commercial_use", "license.allowed_grades", "no_remote_code"]), "\(community)")
        let contradicting = policy.check(try Self.rating("contradicting-card"))
        #expect(contradicting.contains { $0.rule == "no_contradicted" && $0.evidence.contains("D3.parameters#1") })
    }

    @Test func aBrokenMinimumGradeShowsWhatCostTheGrade() throws {
        let broken = try Self.documentedPolicy().check(try Self.rating("community-chat")).first { $0.rule == "minimum_grade" }
        let rating = try Self.rating("community-chat")
        let evidence = try #require(broken?.evidence)
        #expect(!evidence.isEmpty)
        #expect(evidence.allSatisfy { id in rating.finding(id).map { $0.outcome != .pass } == true })
    }

    @Test func aPolicyWithoutAVersionIsRefused() {
        #expect(throws: PolicyFile.Failure.self) { try PolicyFile.read("minimum_grade: B\n") }
        #expect((try? PolicyFile.read("version: 1\nno_contradicted: true\n"))?.noContradicted == true)
    }
}

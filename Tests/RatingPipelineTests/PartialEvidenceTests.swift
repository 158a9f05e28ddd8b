import Foundation
import RatingPipeline
import Testing
import TrustmarkCore
import TrustmarkTestSupport

/// A README cannot buy a grade (issue 13: a folder holding only the open example's README earned A 89.3, a green badge
/// and passed a commercial policy; with no model file Artifact safety showed 100).
@Suite("Partial evidence")
struct PartialEvidenceTests {
    @Test func aREADMEAloneIsAtMostCAndArtifactSafetyIsNotRated() throws {
        let readme = try String(contentsOf: ProjectFolders.example("open-tiny-lm").appendingPathComponent("README.md"), encoding: .utf8)
        let record = try TemporaryRepository(["README.md": readme]).record()
        let rating = record.rating
        #expect(rating.grade.map { $0 >= .c } == true, "\(rating.label)")
        #expect(rating.gates.first { $0.gate == .partialEvidence }?.triggered == true)
        #expect(rating.dimensions.first { $0.dimension == .artifactSafety }?.score == nil)
        #expect(rating.evidence == EvidenceSeen(card: true, licenseText: false, config: false, weights: false, wholeRepository: false))
        #expect(try record.json().contains("\"partial-evidence\""))
    }

    @Test func theCompleteExampleKeepsItsGrade() throws {
        let rating = try RatingPipeline().rate(.target(ProjectFolders.example("open-tiny-lm").path)).rating
        #expect(rating.label == "A" && rating.gates.first { $0.gate == .partialEvidence }?.triggered == false)
        #expect(rating.evidence == EvidenceSeen(card: true, licenseText: true, config: true, weights: true, wholeRepository: false))
    }

    /// The weights without their shard: a partial download, not a contradiction, so no ⚠ and no false "broken".
    @Test func aMissingShardInAFolderIsNotAContradiction() throws {
        let original = ProjectFolders.example("open-tiny-lm")
        let copy = try TemporaryRepository(name: "open-tiny-lm")
        for name in try FileManager.default.contentsOfDirectory(atPath: original.path) where name != "model-00002-of-00002.safetensors" {
            try copy.write(name, Array(try Data(contentsOf: original.appendingPathComponent(name))))
        }
        let rating = try copy.rating()
        #expect(rating.outcome(.weightIntegrity) == .unknown)
        #expect(rating.outcome(.parameterCount) == .unknown && rating.outcome(.architecture) == .unknown)
        #expect(rating.grade == .c && rating.evidence?.allShards == false)
        #expect(!rating.label.contains("⚠"))
        #expect(rating.gates.first { $0.gate == .contradicted }?.triggered == false)
    }
}

import Foundation
import ModelRepository
import Testing
import TrustmarkCore
@testable import Frameworks

/// Framework labels on the bundled examples: each verdict is explained by findings of the rating.
@Suite("Framework labels")
struct FrameworkLabelTests {
    static func rate(_ example: String) throws -> (Rating, [String: FrameworkLabel]) {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        let snapshot = try SnapshotLoader().load(.folder(path: folder.appendingPathComponent("Examples/\(example)").path))
        var rating = RatingEngine().rate(snapshot)
        let score = rating.score
        rating.frameworks = FrameworkLabels.compute(rating: rating, snapshot: snapshot)
        #expect(rating.score == score)
        let ids = Set(rating.findings.map(\.id))
        for label in rating.frameworks {
            #expect(label.findings.allSatisfy(ids.contains), "\(label.id) cites findings the rating does not have")
            #expect(!label.details.isEmpty)
        }
        return (rating, Dictionary(uniqueKeysWithValues: rating.frameworks.map { ($0.id, $0) }))
    }

    @Test func theOpenExampleIsAClassThreeOpenModel() throws {
        let (_, labels) = try Self.rate("open-tiny-lm")
        #expect(labels["mof"]?.verdict == "Class III (Open Model)")
        #expect(labels["mof"]?.values["classIII"] == "100.0")
        #expect(labels["mof"]?.findings.isEmpty == false)
        // The repository does not show training code or preprocessing: OSAID cannot be confirmed, which is not a failure.
        #expect(labels["osaid"]?.verdict == "not shown by the repository")
        #expect(labels["eu-ai-act-53-2"]?.verdict.hasPrefix("exemption applies unless") == true)
        #expect(labels["osai-index"]?.values["weights_endmodel"] == "open")
        #expect(labels["osai-index"]?.values["licenses"] == "partial")
    }

    @Test func aCommunityLicenceKeepsTheModelOutOfEveryOpenLabel() throws {
        let (rating, labels) = try Self.rate("community-chat")
        #expect(rating.facts.licenseGrade == "E")
        #expect(labels["mof"]?.verdict == "Unclassified")
        #expect(labels["mof"]?.details.contains { $0.contains("Model parameters (Final): invalid") } == true)
        #expect(labels["osaid"]?.verdict == "not met")
        #expect(labels["eu-ai-act-53-2"]?.verdict == "exemption does not apply (licence)")
        #expect(labels["osai-index"]?.values["licenses"] == "closed")
    }
}

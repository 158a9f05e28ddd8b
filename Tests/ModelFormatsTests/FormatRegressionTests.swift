import Foundation
import Testing
import TrustmarkCore

@testable import ModelFormats

/// Real benign files that once drew false positives (Tests/Fixtures/pypi) and the rules added with them:
/// the legacy torch layout, TorchScript archives, Python 2 name mapping, TensorFlow ops.
@Suite("Format regressions")
struct FormatRegressionTests {
    static func fixture(_ name: String) -> String { TestFixtures.path("pypi", name) }

    @Test(arguments: [
        "lpips-v0.1-squeeze.pth", "joblib_0.8.4_compressed_pickle_py27_np17.gz",
        "joblib_0.9.4.dev0_compressed_cache_size_pickle_py35_np19.gz", "py2-np0-objarr.npy",
    ])
    func realBenignFilesHaveNoFindings(name: String) {
        let report = ModelFileScanner.scan(path: Self.fixture(name))
        #expect(report.findings.isEmpty, "\(name): \(report.findings.map { "\($0.rule) \($0.message)" })")
        #expect(!report.imports.isEmpty, "\(name) was not read as a pickle")
    }

    @Test func legacyTorchFilesStopAfterFivePickles() {
        let report = ModelFileScanner.scan(path: Self.fixture("lpips-v0.1-squeeze.pth"))
        #expect(report.format == .pytorchLegacy)
        #expect(report.imports.contains("torch._utils._rebuild_tensor_v2"))
        // Parameters from the shapes passed to _rebuild_tensor_v2 and the storage classes (checked against a
        // restricted unpickler that imports nothing: 7 tensors, 2,240 elements).
        #expect(report.weights?.format == .pytorch)
        #expect(report.weights?.tensorCount == 7)
        #expect(report.weights?.parametersByDtype == ["F32": 2240])
        // The state dict's keys, as a restricted unpickler that imports nothing lists them.
        let bytes = try! TestFixtures.bytes("pypi", "lpips-v0.1-squeeze.pth")
        let names = PickleAnalyzer.scan(path: "lpips.pth", cursor: ByteCursor(bytes: bytes), maxStreams: 5).tensorNames
        #expect(names == (0..<7).map { "lin\($0).model.1.weight" })
    }

    @Test func torchSaveZipCheckpointsGiveTensorNamesAndBlocks() {
        let report = ModelFileScanner.scan(path: TestFixtures.path("pytorch", "llama-3-layers.bin"))
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.weights?.tensorCount == 30 && report.weights?.parameterCount == 2488)
        #expect(report.weights?.blockIndices == [0, 1, 2])
    }

    static let magic: [UInt8] = [0x80, 0x02] + PickleAnalyzer.legacyMagic + [0x2E]
    static let version: [UInt8] = [0x80, 0x02, 0x4D, 0xE9, 0x03, 0x2E]
    static let emptyDict: [UInt8] = [0x80, 0x02, 0x7D, 0x2E]
    static let emptyList: [UInt8] = [0x80, 0x02, 0x5D, 0x2E]

    @Test func aComputedLegacyMagicIsCritical() throws {
        // The magic number produced by int("0x1950...", 16) instead of the literal: torch would run the call first.
        let computed: [UInt8] =
            [0x80, 0x02] + PickleBytes.global("__builtin__", "int") + [0x28] + PickleBytes.unicode("0x1950a86a20f9469cfc6c")
            + [0x4B, 0x10, 0x74, 0x52, 0x2E]
        let bytes = computed + Self.version + Self.emptyDict + Self.emptyDict + Self.emptyList
        let report = ModelFileScanner.scan(path: try temporaryFile(bytes, name: "model.pth").path)
        #expect(report.format == .pytorchLegacy)
        #expect(report.findings.contains { $0.rule == "PT-LEGACY-MAGIC" && $0.severity == .critical && $0.byteOffset == 0 })

        let literal = Self.magic + Self.version + Self.emptyDict + Self.emptyDict + Self.emptyList + [0x80, 0x02, 0x00, 0x00]
        let clean = ModelFileScanner.scan(path: try temporaryFile(literal, name: "model.pth").path)
        #expect(clean.format == .pytorchLegacy)
        #expect(clean.findings.isEmpty, "raw storage after five pickles must not be parsed: \(clean.findings.map(\.message))")
    }

    @Test func torchScriptArchivesAllowTheirOwnClassesAndBuilders() throws {
        // data.pkl as TorchScript writes it: a __torch__ class rebuilt with torch.jit._pickle builders.
        let data: [UInt8] =
            PickleBytes.proto4 + PickleBytes.unicode("__torch__.model") + PickleBytes.unicode("Net") + [0x93, 0x29, 0x81]
            + PickleBytes.global("torch.jit._pickle", "build_intlist") + [0x5D, 0x4B, 0x01, 0x61, 0x85, 0x52, 0x62, 0x2E]
        let code = Array("class Net(Module):\n  __parameters__ = []\n  def forward(self, x):\n    return x\n".utf8)
        let archive = StoredZip.make([
            ("model/data.pkl", data), ("model/code/__torch__/model.py", code),
            ("model/code/__torch__/model.py.debug_pkl", [0x80, 0x02, 0x29, 0x2E]), ("model/version", Array("3\n".utf8)),
        ])
        let report = ModelFileScanner.scan(path: try temporaryFile(archive, name: "model.jit").path)
        #expect(report.format == .torchScript)
        #expect(report.findings.map(\.rule) == ["PT-SCRIPT"])
        #expect(report.findings.first?.severity == .low)

        // The same class names in a plain torch zip are unknown calls: only TorchScript's C++ unpickler resolves them.
        let plain = StoredZip.make([("model/data.pkl", data), ("model/version", Array("3\n".utf8))])
        #expect(ModelFileScanner.scan(path: try temporaryFile(plain, name: "model.pt").path).isUnsafe)
        // torch.jit itself stays denied.
        let load =
            PickleBytes.proto4 + PickleBytes.global("torch.jit", "load") + PickleBytes.tuple1(PickleBytes.unicode("x.pt")) + PickleBytes.reduce
            + PickleBytes.stop
        #expect(ModelFileScanner.scan(path: try temporaryFile(load, name: "x.pkl").path).findings.contains { $0.rule == "PKL-DENY" })
    }

    @Test func sourceFilesInArchivesAreNotReadAsPickles() throws {
        // `class ...` starts like a protocol-0 GLOBAL; it is not a pickle and must not be reported as one.
        let archive = StoredZip.make([("code/model.py", Array("class Model:\n    pass\n".utf8))])
        #expect(ModelFileScanner.scan(path: try temporaryFile(archive, name: "a.zip").path).findings.isEmpty)
        // A real protocol-0 pickle hidden under another name is still found.
        let hidden = StoredZip.make([
            (
                "weights.bin",
                PickleBytes.global("os", "system") + PickleBytes.tuple1(PickleBytes.unicode("true")) + PickleBytes.reduce + PickleBytes.stop
            )
        ])
        let report = ModelFileScanner.scan(path: try temporaryFile(hidden, name: "b.zip").path)
        #expect(report.isUnsafe)
        #expect(report.findings.contains { $0.rule == "CTR-MAGIC" })
    }

    @Test func pythonTwoNamesAreMappedLikeCPython() {
        #expect(PicklePolicy.mapName(module: "__builtin__", name: "xrange") == ("builtins", "range"))
        #expect(PicklePolicy.judge(module: "__builtin__", name: "reduce") == .unknown)
        let (module, name) = PicklePolicy.mapName(module: "__builtin__", name: "reduce")
        #expect(PicklePolicy.judge(module: module, name: name) == .denied)
        #expect(PicklePolicy.judge(module: "pandas", name: "read_pickle") == .denied)
        #expect(PicklePolicy.judge(module: "numpy.random._pickle", name: "__randomstate_ctor") == .allowed)
    }

    @Test func tensorFlowGraphsWithFileOrPythonOpsAreFlagged() throws {
        // A SavedModel-shaped protobuf (schema version 1, then a MetaGraphDef) whose graph has a ReadFile node.
        let node: [UInt8] = [0x0A, 0x01, 0x72, 0x12, 0x08] + Array("ReadFile".utf8)
        let savedModel: [UInt8] = [0x08, 0x01, 0x12, UInt8(node.count + 2), 0x12, UInt8(node.count)] + node
        let report = ModelFileScanner.scan(path: try temporaryFile(savedModel, name: "saved_model.pb").path)
        #expect(report.format == .tensorflowSavedModel)
        #expect(report.findings.contains { $0.rule == "TF-OPS" && $0.message.contains("ReadFile") && $0.severity == .high })

        let tflite: [UInt8] = [0x1C, 0, 0, 0] + Array("TFL3".utf8) + [UInt8](repeating: 0, count: 24) + Array("FlexEagerPyFunc".utf8)
        let lite = ModelFileScanner.scan(path: try temporaryFile(tflite, name: "m.tflite").path)
        #expect(lite.format == .tflite)
        #expect(lite.findings.contains { $0.rule == "TF-OPS" && $0.message.contains("FlexEagerPyFunc") })
        let benign: [UInt8] = [0x1C, 0, 0, 0] + Array("TFL3".utf8) + [UInt8](repeating: 0, count: 64)
        #expect(ModelFileScanner.scan(path: try temporaryFile(benign, name: "m.tflite").path).findings.isEmpty)
    }
}

import Foundation
import Testing
import TrustmarkCore

@testable import ModelFormats

/// One test per published bypass of model-file scanners, 2024-2026 (each test names its CVE, GHSA or write-up): each
/// payload is spelled as bytes, names its dangerous callable with a harmless argument, and is never loaded.
@Suite("Regression list (CVEs, GHSAs, published bypasses)")
struct RegressionListTests {
    static func call(_ module: String, _ name: String, argument: String = "true", proto: UInt8 = 2) -> [UInt8] {
        (proto >= 2 ? [0x80, proto] : []) + PickleBytes.global(module, name) + [0x28, 0x56] + Array(argument.utf8) + [0x0A, 0x74, 0x52, 0x2E]
    }

    static func stackGlobal(_ module: String, _ name: String) -> [UInt8] {
        PickleBytes.proto4 + PickleBytes.unicode(module) + [0x94] + PickleBytes.unicode(name) + [0x94, 0x93, 0x94]
            + PickleBytes.unicode("true") + [0x85, 0x52, 0x2E]
    }

    static func scan(_ bytes: [UInt8], name: String = "model.pkl") throws -> FileScanReport {
        ModelFileScanner.scan(path: try temporaryFile(bytes, name: name).path)
    }

    /// A stored ZIP with one member, then patched like the published bypasses.
    static func zip(member: String, data: [UInt8], localName: String? = nil, flags: UInt16 = 0, badCRC: Bool = false) -> [UInt8] {
        var bytes = StoredZip.make([(member, data)])
        let central = (0..<(bytes.count - 3)).last { bytes[$0] == 0x50 && bytes[$0 + 1] == 0x4B && bytes[$0 + 2] == 0x01 && bytes[$0 + 3] == 0x02 }!
        if let localName { bytes.replaceSubrange(30..<(30 + localName.utf8.count), with: Array(localName.utf8)) }
        if flags != 0 {
            bytes[6] = UInt8(flags & 0xFF)
            bytes[7] = UInt8(flags >> 8)
            bytes[central + 8] = UInt8(flags & 0xFF)
            bytes[central + 9] = UInt8(flags >> 8)
        }
        if badCRC {
            for index in 14..<18 { bytes[index] = 0 }
            for index in (central + 16)..<(central + 20) { bytes[index] = 0 }
        }
        return bytes
    }

    @Test func cve_2025_1716_pipMain() throws {
        #expect(try Self.scan(Self.call("pip", "main")).findings.contains { $0.rule == "PKL-DENY" && $0.global == "pip.main" })
    }

    @Test func cve_2025_1889_zipMemberWithAnOddExtension() throws {
        let report = try Self.scan(Self.zip(member: "archive/data.txt", data: Self.call("os", "system")), name: "model.pt")
        #expect(report.isUnsafe)
        #expect(report.findings.contains { $0.rule == "CTR-MAGIC" })
    }

    @Test func cve_2025_1944_localNameDiffersFromCentral() throws {
        let report = try Self.scan(
            Self.zip(member: "archive/data.pkl", data: Self.call("os", "system"), localName: "archive/data.txt"), name: "model.pt")
        #expect(report.isUnsafe)
        #expect(report.findings.contains { $0.rule == "CTR-ZIP-DIFF" && $0.message.contains("local header") })
    }

    @Test func cve_2025_1945_flagBits() throws {
        let report = try Self.scan(Self.zip(member: "archive/data.pkl", data: Self.call("os", "system"), flags: 0x41), name: "model.pt")
        #expect(report.isUnsafe)
        #expect(report.findings.contains { $0.rule == "CTR-ZIP-DIFF" && $0.message.contains("flag bits") })
    }

    @Test func cve_2025_10155_protocolZeroPickleNamedBin() throws {
        let report = try Self.scan(Self.call("os", "system", proto: 0), name: "pytorch_model.bin")
        #expect(report.format == .pickle)
        #expect(report.isUnsafe)
    }

    @Test func cve_2025_10156_badCRC() throws {
        #expect(try Self.scan(Self.zip(member: "archive/data.pkl", data: Self.call("os", "system"), badCRC: true), name: "model.pt").isUnsafe)
    }

    @Test func cve_2025_10157_submodulesOfDeniedPackages() throws {
        let report = try Self.scan(Self.call("asyncio.unix_events", "_UnixSubprocessTransport"))
        #expect(report.findings.contains { $0.rule == "PKL-DENY" })
    }

    /// The GHSA gadget classes of the list; the corpus's own `GHSA-*.pkl` files are checked by SafetyCorpusTests.
    @Test(arguments: [
        ("pkgutil", "resolve_name"), ("pydoc", "locate"), ("operator", "methodcaller"), ("uuid", "_get_command_stdout"),
        ("_osx_support", "_read_output"), ("_aix_support", "_read_cmd_output"), ("imaplib", "IMAP4_stream"), ("profile", "run"),
        ("cProfile", "run"), ("pdb", "run"), ("bdb", "Bdb"), ("trace", "Trace"), ("timeit", "timeit"),
        ("idlelib.pyshell", "ModifiedInterpreter"), ("lib2to3.pgen2.pgen", "generate_grammar"),
        ("distutils.file_util", "write_file"), ("logging", "FileHandler"), ("_io", "FileIO"), ("ctypes", "CDLL"),
        ("types", "CodeType"), ("numpy.f2py.crackfortran", "myeval"), ("numpy.testing._private.utils", "runstring"),
        ("torch.utils.collect_env", "run"), ("torch._inductor.codecache", "compile_file"),
        ("torch.fx.experimental.symbolic_shapes", "execWrapper"), ("torch.utils._config_module", "load_config"),
    ])
    func ghsaGadgets(module: String, name: String) throws {
        let report = try Self.scan(Self.call(module, name))
        #expect(report.isUnsafe, "\(module).\(name)")
        #expect(report.findings.contains { $0.severity == .critical }, "\(module).\(name) should be critical: \(report.findings.map(\.message))")
    }

    @Test(arguments: [("multiprocessing.util", "spawnv_passfds"), ("mlflow.projects.backend.local", "_run_entry_point"), ("pandas", "read_csv")])
    func modelscanIssue338InTheWild(module: String, name: String) throws {
        #expect(try Self.scan(Self.call(module, name)).findings.contains { $0.rule == "PKL-DENY" })
    }

    @Test func hubBypassImportModuleThroughGetattrStatic() throws {
        let bytes = Array("cinspect\ngetattr_static\n(cimportlib\nimport_module\n(Vos\ntRVsystem\ntR.".utf8)
        let report = try Self.scan(bytes)
        #expect(report.isUnsafe)
        #expect(Set(report.findings.compactMap(\.global)).isSuperset(of: ["inspect.getattr_static", "importlib.import_module"]))
    }

    @Test func nullifAI_sevenZipAndABrokenStreamAfterThePayload() throws {
        let sevenZip: [UInt8] = [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0x00, 0x04] + [UInt8](repeating: 0, count: 24)
        #expect(try Self.scan(sevenZip, name: "model.pt").findings.contains { $0.rule == "CTR-EVASIVE" && $0.severity == .high })
        let broken = Array(Self.call("os", "system").dropLast()) + [0xFF, 0xFE, 0x00] + Array("garbage".utf8)
        let report = try Self.scan(broken)
        #expect(report.findings.contains { $0.rule == "PKL-DENY" })
        #expect(report.findings.contains { $0.rule == "PKL-MALFORMED" && $0.severity == .high })
    }

    @Test func ficklingObjPopHidesTheCall() throws {
        let report = try Self.scan(Array("(cos\nsystem\nVtrue\no0N.".utf8))
        #expect(report.isUnsafe)
        #expect(report.findings.contains { $0.opcode == "GLOBAL" && $0.global == "os.system" })
    }

    @Test func ficklingFrameStraddle() throws {
        // A FRAME that claims 5 bytes while the pickle after it is longer: readers that trust the frame disagree.
        let bytes: [UInt8] = [0x80, 0x04, 0x95, 0x05, 0, 0, 0, 0, 0, 0, 0] + Array("cos\nsystem\n(Vtrue\ntR.".utf8)
        #expect(try Self.scan(bytes).isUnsafe)
    }

    @Test func nestedPickleInsideAnAllowedBytesLoader() throws {
        // torch.storage._load_from_bytes is allowed (torch writes it), but it calls torch.load on its bytes argument.
        func loadFromBytes(_ inner: [UInt8]) -> [UInt8] {
            let length = UInt32(inner.count)
            return [0x80, 0x02] + PickleBytes.global("torch.storage", "_load_from_bytes") + [0x42]
                + withUnsafeBytes(of: length.littleEndian, Array.init)
                + inner + [0x85, 0x52, 0x2E]
        }
        let evil = try Self.scan(loadFromBytes(Self.call("os", "system")))
        #expect(evil.isUnsafe)
        #expect(evil.findings.contains { $0.rule == "PKL-NESTED" && $0.severity == .critical })
        #expect(evil.findings.contains { $0.rule == "PKL-DENY" && $0.message.hasPrefix("nested pickle at byte") && $0.byteOffset ?? 0 > 30 })
        let benign = try Self.scan(loadFromBytes([0x80, 0x02] + PickleBytes.global("collections", "OrderedDict") + [0x29, 0x52, 0x2E]))
        #expect(benign.findings.isEmpty, "\(benign.findings.map(\.message))")
        #expect(try Self.scan(loadFromBytes(loadFromBytes(Self.call("os", "system")))).findings.contains { $0.rule == "PKL-DENY" })
        // Nesting is bounded: past the limit the payload is not walked, and that is itself a finding.
        var deep = Self.call("os", "system")
        for _ in 0..<10 { deep = loadFromBytes(deep) }
        let report = try Self.scan(deep)
        #expect(report.isUnsafe)
        #expect(report.findings.contains { $0.rule == "PKL-NESTED" && $0.message.contains("more than 3 levels") })
    }

    @Test func cve_2024_3660_kerasLambdaBytecode() throws {
        let config =
            #"{"class_name": "Sequential", "config": {"layers": [{"class_name": "Lambda", "config": {"function": ["4wEAAAAAAAAAAAAAAAEAAAADAAAAQwAAAHM=", null, null]}}]}}"#
        let h5: [UInt8] = HDF5LinkCheck.signature + [UInt8](repeating: 0, count: 64) + Array(config.utf8) + [0, 0]
        let report = try Self.scan(h5, name: "model.h5")
        #expect(report.findings.contains { $0.rule == "KERAS-LAMBDA" && $0.severity == .critical })
    }

    @Test func cve_2025_1550_kerasModuleImport() throws {
        let config =
            #"{"class_name": "Functional", "config": {"layers": [{"module": "subprocess", "class_name": "Popen", "registered_name": "Popen", "config": {}}]}}"#
        let archive = StoredZip.make([("metadata.json", Array("{}".utf8)), ("config.json", Array(config.utf8))])
        let report = try Self.scan(archive, name: "model.keras")
        #expect(report.findings.contains { $0.rule == "KERAS-MODULE" && $0.severity == .critical })
    }

    @Test func cve_2025_53630_ggufSizeOverflow() throws {
        // Dimensions whose product overflows 64 bits: llama.cpp computed a wrapped tensor size and read out of bounds.
        func u64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) } }
        let name = Array("blk.0.attn_q.weight".utf8)
        var bytes = Array("GGUF".utf8) + [3, 0, 0, 0] + u64(1) + u64(0)
        bytes += u64(UInt64(name.count)) + name + [3, 0, 0, 0] + u64(1 << 32) + u64(1 << 32) + u64(16) + [0, 0, 0, 0] + u64(0)
        while bytes.count % 32 != 0 { bytes.append(0) }
        bytes += [UInt8](repeating: 0, count: 64)
        let header = GGUFReader.parse(bytes: bytes)
        #expect(header.problems.contains { $0.isFatal }, "\(header.problems.map(\.message))")
        let report = try Self.scan(bytes, name: "model.gguf")
        #expect(report.findings.contains { $0.rule == "GGUF-STRUCT" && $0.severity == .high })
    }

    @Test func onnxExternalDataTraversal_cve_2022_25882_cve_2024_27318() throws {
        let tensor = Protobuf.tensor(name: "w", dims: [4], external: [("location", "..\\..\\secrets.bin")])
        let report = try Self.scan(Protobuf.model(nodes: [], initializers: [tensor]), name: "model.onnx")
        #expect(report.findings.contains { $0.rule == "ONNX-PATH" && $0.severity == .high })
    }
}

import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelFormats

/// Inert pickles spelled as opcode bytes: they name dangerous callables with harmless arguments and are
/// never produced by running `__reduce__` (and never loaded).
enum PickleBytes {
    static func global(_ module: String, _ name: String) -> [UInt8] { [0x63] + Array("\(module)\n\(name)\n".utf8) }
    static func unicode(_ text: String) -> [UInt8] { [0x8C, UInt8(text.utf8.count)] + Array(text.utf8) }
    static let proto4: [UInt8] = [0x80, 0x04]
    static let stop: [UInt8] = [0x2E]
    static let reduce: [UInt8] = [0x52]
    static let emptyTuple: [UInt8] = [0x29]
    static func tuple1(_ item: [UInt8]) -> [UInt8] { item + [0x85] }
}

@Suite("Pickle analyzer")
struct PickleAnalyzerTests {
    func scan(_ bytes: [UInt8]) -> PickleAnalyzer.Report { PickleAnalyzer.scan(path: "x.pkl", cursor: ByteCursor(bytes: bytes)) }
    func rules(_ bytes: [UInt8]) -> [String: SafetySeverity] {
        Dictionary(scan(bytes).findings.map { ($0.rule, $0.severity) }, uniquingKeysWith: max)
    }

    @Test func aDeniedCallIsCriticalWithItsOffsetAndOpcode() {
        let bytes = PickleBytes.global("os", "system") + PickleBytes.tuple1(PickleBytes.unicode("true")) + PickleBytes.reduce + PickleBytes.stop
        let report = scan(bytes)
        let finding = report.findings.first { $0.rule == "PKL-DENY" }
        #expect(finding?.severity == .critical)
        #expect(finding?.byteOffset == 0 && finding?.opcode == "GLOBAL" && finding?.global == "os.system")
        #expect(report.globals.first?.called == true)
    }

    @Test func pythonTwoNamesAreMappedLikeCPython() {
        #expect(rules(PickleBytes.global("commands", "getoutput") + [0x4E, 0x2E])["PKL-DENY"] == .critical)
        #expect(rules(PickleBytes.global("__builtin__", "eval") + [0x4E, 0x2E])["PKL-DENY"] == .critical)
    }

    @Test func stackGlobalOperandsFromTheMemoAreResolved() {
        // module and name are memoised, then fetched back with BINGET before STACK_GLOBAL.
        let bytes =
            PickleBytes.proto4 + PickleBytes.unicode("subprocess") + [0x94] + PickleBytes.unicode("run") + [0x94, 0x30, 0x30]
            + [0x68, 0x00, 0x68, 0x01, 0x93] + PickleBytes.tuple1(PickleBytes.unicode("id")) + PickleBytes.reduce + PickleBytes.stop
        let report = scan(bytes)
        #expect(report.globals.first?.full == "subprocess.run")
        #expect(report.findings.contains { $0.rule == "PKL-DENY" && $0.opcode == "STACK_GLOBAL" })
    }

    @Test func unresolvableStackGlobalOperandsAreCritical() {
        let bytes = PickleBytes.proto4 + [0x4B, 0x01] + PickleBytes.unicode("system") + [0x93, 0x2E]
        #expect(rules(bytes)["PKL-DOTTED"] == .critical)
    }

    @Test func dottedNamesAndDundersAreCritical() {
        let dotted = PickleBytes.proto4 + PickleBytes.unicode("torch._utils") + PickleBytes.unicode("os.system") + [0x93, 0x2E]
        #expect(rules(dotted)["PKL-DOTTED"] == .critical)
        let dunder = PickleBytes.global("numpy", "__builtins__") + [0x2E]
        #expect(rules(dunder)["PKL-DOTTED"] == .critical)
    }

    @Test func theHubBypassChainIsCaught() {
        // importlib.import_module("os") then inspect.getattr_static(module, "system").
        let bytes =
            PickleBytes.global("inspect", "getattr_static") + [0x28] + PickleBytes.global("importlib", "import_module")
            + PickleBytes.tuple1(PickleBytes.unicode("os")) + PickleBytes.reduce + PickleBytes.unicode("system") + [0x74] + PickleBytes.reduce
            + PickleBytes.stop
        let globals = scan(bytes).findings.filter { $0.rule == "PKL-DENY" }.compactMap(\.global)
        #expect(Set(globals) == ["inspect.getattr_static", "importlib.import_module"])
    }

    @Test func unknownCallablesAreHighAndIndicatorsRaiseThem() {
        let plain = PickleBytes.global("mylib.helpers", "make") + PickleBytes.emptyTuple + PickleBytes.reduce + PickleBytes.stop
        #expect(rules(plain)["PKL-UNKNOWN-CALLED"] == .high)
        let withURL =
            PickleBytes.global("mylib.helpers", "fetch") + PickleBytes.tuple1(PickleBytes.unicode("https://example.org/x"))
            + PickleBytes.reduce + PickleBytes.stop
        #expect(rules(withURL)["PKL-UNKNOWN-CALLED"] == .critical)
        let referenced = PickleBytes.global("mylib.helpers", "Thing") + [0x2E]
        #expect(rules(referenced) == ["PKL-UNKNOWN-REF": .medium])
    }

    @Test func allowlistedTorchAndNumpyGlobalsAreClean() {
        let bytes =
            PickleBytes.global("collections", "OrderedDict") + PickleBytes.emptyTuple + PickleBytes.reduce
            + PickleBytes.global("torch._utils", "_rebuild_tensor_v2") + [0x30] + PickleBytes.stop
        #expect(scan(bytes).findings.isEmpty)
    }

    @Test func buildOnAModuleIsCritical() {
        let bytes = PickleBytes.proto4 + PickleBytes.unicode("torch") + PickleBytes.unicode("_utils") + [0x93, 0x7D, 0x62, 0x2E]
        #expect(rules(bytes)["PKL-BUILD-TARGET"] == .critical)
    }

    @Test func aBrokenStreamKeepsWhatCameBefore() {
        // The payload runs, then an invalid opcode: the nullifAI trick.
        let bytes = PickleBytes.global("os", "system") + PickleBytes.tuple1(PickleBytes.unicode("true")) + PickleBytes.reduce + [0xFF, 0xFF]
        let found = rules(bytes)
        #expect(found["PKL-DENY"] == .critical)
        #expect(found["PKL-MALFORMED"] == .high)
        // Broken before any call: a coverage gap, not a verdict.
        #expect(rules([0x80, 0x04, 0xFF])["PKL-MALFORMED"] == .coverage)
    }

    @Test func protocolTricksAndExtensionsAreMedium() {
        #expect(rules([0x4E, 0x80, 0x02, 0x2E])["PKL-PROTO"] == .medium)
        #expect(rules([0x82, 0x01, 0x2E])["PKL-EXT"] == .medium)
    }

    @Test func lyingLengthsFailWithoutAllocating() {
        let bytes: [UInt8] = [0x80, 0x04, 0x8E] + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F] + [0x2E]
        let report = scan(bytes)
        #expect(report.malformed)
        #expect(report.findings.first?.message.contains("more than the file holds") == true)
    }

    @Test func expansionIsBounded() {
        // A MARK and DUP storm: the stack limit stops the walk.
        let bytes = [0x4E] + [UInt8](repeating: 0x32, count: 200_000) + [0x2E]
        #expect(rules(bytes)["PKL-DOS"] == .medium)
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 0x9C41)
        var malformed = 0
        for _ in 0..<3_000 {
            let bytes = (0..<Int.random(in: 0..<96, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let report = PickleAnalyzer.scan(path: "r", cursor: ByteCursor(bytes: [0x80, 0x04] + bytes))
            #expect(report.findings.allSatisfy { $0.path == "r" })
            if report.findings.contains(where: { $0.rule == "PKL-MALFORMED" }) { malformed += 1 }
        }
        #expect(malformed > 1_000)
    }
}

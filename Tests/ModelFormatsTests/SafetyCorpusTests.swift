import Foundation
import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelFormats

/// The shared safety corpus: picklescan's own 95 malicious and 14 benign samples, real benign model
/// files, and inert probes. Skips with a message when ../shared is absent.
@Suite("Safety corpus")
struct SafetyCorpusTests {
    @Test(.enabled(if: SharedData.has("safety-corpus/peer-picklescan"), "needs ../shared/safety-corpus/peer-picklescan"))
    func catchesEveryMaliciousSampleAndFlagsNoBenignOne() throws {
        guard let root = SharedData.path("safety-corpus/peer-picklescan") else {
            Issue.record("../shared/safety-corpus/peer-picklescan is not readable")
            return
        }
        let labels = try String(contentsOfFile: root + "/LABELS.csv", encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        var malicious = 0
        for line in labels {
            let parts = line.split(separator: ",").map(String.init)
            let report = ModelFileScanner.scan(path: root + "/" + parts[0], displayPath: parts[0])
            switch parts[1] {
            case "malicious":
                malicious += 1
                #expect(report.isUnsafe, "missed \(parts[0]): \(report.findings.map(\.rule))")
            case "benign":
                #expect((report.worst ?? .info) <= .low, "flagged \(parts[0]): \(report.findings.map { "\($0.rule) \($0.message)" })")
            default:
                #expect(report.findings.contains { $0.severity == .coverage }, "\(parts[0]) must say it could not be scanned")
                #expect(!report.isUnsafe)
            }
        }
        #expect(malicious == 95)
    }

    @Test(.enabled(if: SharedData.has("safety-corpus/benign"), "needs ../shared/safety-corpus/benign")) func realBenignModelFilesAreNotFlagged()
        throws
    {
        guard let root = SharedData.path("safety-corpus/benign") else {
            Issue.record("../shared/safety-corpus/benign is not readable")
            return
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        #expect(names.count >= 16)
        for name in names {
            let report = ModelFileScanner.scan(path: root + "/" + name, displayPath: name)
            #expect((report.worst ?? .info) <= .low, "\(name): \(report.findings.map { "\($0.rule) \($0.message)" })")
        }
        let legacy = ModelFileScanner.scan(path: root + "/facenet-pnet.pt")
        #expect(legacy.format == .pytorchLegacy)
        #expect(legacy.imports.contains("torch._utils._rebuild_tensor_v2") || legacy.imports.contains { $0.hasPrefix("torch.") })
        #expect(ModelFileScanner.scan(path: root + "/joblib_0.11.0_pickle_py36_np111.pkl").findings.isEmpty)
    }

    @Test(.enabled(if: SharedData.has("safety-corpus/probes"), "needs ../shared/safety-corpus/probes")) func probesThatOnlyNameASinkAreCaught() throws
    {
        guard let root = SharedData.path("safety-corpus/probes") else {
            Issue.record("../shared/safety-corpus/probes is not readable")
            return
        }
        let expected: [String: SafetySeverity] = [
            "ref___main__.Foo.pkl": .medium, "ref_collections.OrderedDict.pkl": .info, "ref_commands.getoutput.pkl": .critical,
            "ref_importlib.import_module.pkl": .critical, "ref_inspect.getattr_static.pkl": .critical, "ref_marshal.loads.pkl": .critical,
            "ref_numpy.__builtins__.pkl": .critical, "ref_torch._utils.os.system.pkl": .critical,
        ]
        for (name, severity) in expected {
            #expect((ModelFileScanner.scan(path: root + "/" + name).worst ?? .info) == severity, "\(name)")
        }
    }
}

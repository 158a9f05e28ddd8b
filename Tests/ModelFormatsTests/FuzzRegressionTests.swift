import Foundation
import Testing
import TrustmarkCore

@testable import ModelFormats

/// Replays inputs that once crashed a parser under libFuzzer (Tests/Fixtures/fuzz).
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static var folder: URL { URL(fileURLWithPath: TestFixtures.path("fuzz")) }

    @Test func everyRecordedCrashNowScans() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: FuzzRegressionTests.folder.path).filter { $0 != "README.md" }
        #expect(!names.isEmpty)
        for name in names {
            let report = ModelFileScanner.scan(path: FuzzRegressionTests.folder.appendingPathComponent(name).path)
            #expect(report.size > 0, "\(name)")
        }
    }

    @Test func readsPastTheEndOrOffTheScaleReturnNothing() throws {
        let url = try temporaryFile([1, 2, 3], name: "tiny.bin")
        let file = try BinaryFile(path: url.path)
        #expect(try file.read(at: UInt64.max - 2, count: 8).isEmpty)
        #expect(try file.read(at: 3, count: 8).isEmpty)
        #expect(try file.read(at: 1, count: 8) == [2, 3])
    }
}

import Foundation
import HubTestSupport
import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelFormats

/// bzip2, xz, LZMA-alone and LZ4-frame decoders against streams written by the reference encoders
/// (Tests/Fixtures/compression, made by scripts/make-compression-fixtures.py).
@Suite("Decompression")
struct DecompressionTests {
    static func fixture(_ name: String) throws -> [UInt8] { try TestFixtures.bytes("compression", name) }

    /// The same bytes as `content()` in the fixture script.
    static func expectedContent() -> [UInt8] {
        let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"]
        let text = Array((0..<4000).map { "row \($0) value \($0 * $0 % 9973) label \(words[$0 % 7])\n" }.joined().utf8)
        var x = 12345
        var noise: [UInt8] = []
        for _ in 0..<8192 {
            x = (x &* 1103515245 &+ 12345) & 0x7FFF_FFFF
            noise.append(UInt8((x >> 16) & 0xFF))
        }
        return text + noise + text.prefix(50000)
    }

    @Test(arguments: [
        ("content.bz2", Compression.bzip2), ("content.xz", .xz), ("content.lzma", .lzma),
        ("content.lz4", .lz4), ("content-independent.lz4", .lz4),
        ("content.zlib", .zlib), ("content-level1.gz", .gzip),
    ])
    func decodesWhatTheReferenceEncodersWrote(name: String, compression: Compression) throws {
        let input = try Self.fixture(name)
        #expect(Compression.detect(Array(input.prefix(16))) == compression)
        let output = try compression.decompress(input, limit: 1 << 20)
        let expected = Self.expectedContent()
        #expect(output.count == expected.count)
        #expect(output == expected)
    }

    @Test func readsConcatenatedStreamsAndOtherChecks() throws {
        let expected = Self.expectedContent()
        #expect(try Bzip2.decompress(try Self.fixture("content-two-streams.bz2"), limit: 1 << 20) == Array(expected.prefix(3000)))
        #expect(try LZMA.decompressXZ(try Self.fixture("content-sha256.xz"), limit: 1 << 20) == Array(expected.prefix(20000)))
    }

    @Test(arguments: ["zeros-4mb.bz2", "zeros-4mb.xz", "zeros-4mb.lz4"])
    func stopsBombsAtTheCap(name: String) throws {
        let input = try Self.fixture(name)
        let compression = try #require(Compression.detect(Array(input.prefix(16))))
        #expect(throws: DecompressionFailure.tooLarge(limit: 1 << 20)) { try compression.decompress(input, limit: 1 << 20) }
        #expect(try compression.decompress(input, limit: 8 << 20).count == 4 << 20)
    }

    @Test func truncatedAndCorruptStreamsFailCleanly() throws {
        for name in ["content.bz2", "content.xz", "content.lzma", "content.lz4"] {
            let input = try Self.fixture(name)
            let compression = try #require(Compression.detect(Array(input.prefix(16))))
            // Cuts inside the compressed payload; trailers after complete content (xz index, LZ4 checksum) are not needed.
            for cut in [5, 13, 40, input.count / 2, input.count - 40] {
                #expect(throws: DecompressionFailure.self, "\(name) cut at \(cut)") {
                    _ = try compression.decompress(Array(input.prefix(cut)), limit: 1 << 20)
                }
            }
            // Flipped bytes must end in an error or some output, never a crash or a hang.
            var generator = SeededGenerator(seed: UInt64(name.utf8.count) &* 7919)
            var refused = 0
            for _ in 0..<20 {
                var damaged = input
                let index = Int.random(in: 16..<damaged.count, using: &generator)
                damaged[index] ^= UInt8.random(in: 1...255, using: &generator)
                do {
                    #expect(try compression.decompress(damaged, limit: 1 << 20).count <= 1 << 20)
                } catch {
                    refused += 1
                }
            }
            #expect(refused > 0, "\(name): no damaged stream was refused")
        }
    }

    @Test(.enabled(if: SharedData.has("safety-corpus/benign"), "needs ../shared/safety-corpus/benign"))
    func scannerReadsCompressedPicklesThroughEveryWrapper() throws {
        guard let root = SharedData.path("safety-corpus/benign") else {
            Issue.record("../shared/safety-corpus/benign is not readable")
            return
        }
        let plain = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/joblib_0.11.0_pickle_py36_np111.pkl")))
        for suffix in ["bz2", "xz", "lzma", "gzip"] {
            let input = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/joblib_0.11.0_pickle_py36_np111.pkl." + suffix)))
            let compression = try #require(Compression.detect(Array(input.prefix(16))), "\(suffix)")
            #expect(try compression.decompress(input, limit: 1 << 20) == plain, "\(suffix)")
            let report = ModelFileScanner.scan(path: root + "/joblib_0.11.0_pickle_py36_np111.pkl." + suffix)
            #expect(report.findings.isEmpty, "\(suffix): \(report.findings.map(\.message))")
            #expect(report.imports.contains("joblib.numpy_pickle.NumpyArrayWrapper"))
        }
        let lz4 = ModelFileScanner.scan(path: root + "/mtcnn-pnet.lz4")
        #expect(lz4.findings.isEmpty)
        #expect(lz4.imports.contains("numpy.ndarray"))
    }

    @Test func maliciousPickleInsideEachWrapperIsCaught() throws {
        // os.system("true") as a protocol-2 pickle inside an LZ4 frame with one stored block: the wrapper
        // must not hide the call.
        let pickle: [UInt8] = [0x80, 0x02] + Array("cos\nsystem\n(X\u{04}\u{00}\u{00}\u{00}truetR.".utf8)
        var frame: [UInt8] = LZ4Frame.magic + [0x60, 0x40, 0x82]
        let size = UInt32(pickle.count) | 0x8000_0000
        frame += withUnsafeBytes(of: size.littleEndian, Array.init) + pickle + [0, 0, 0, 0]
        let url = try temporaryFile(frame, name: "evil.lz4")
        let report = ModelFileScanner.scan(path: url.path)
        #expect(report.format == .compressed)
        #expect(report.isUnsafe, "\(report.findings.map(\.message))")
        #expect(report.imports.contains("os.system") || report.imports.contains("posix.system"))
    }
}

/// One rating decompresses at most `DecompressionBudget` bytes in all (issue 11: a folder of thirty 100 KB bzip2
/// bombs took 100 s, each stream capped on its own).
@Suite("Decompression budget")
struct DecompressionBudgetTests {
    @Test func streamsPastTheSharedBudgetAreCoverageGaps() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let small = HubTestSupport.HostileInputs.gzipOfZeros(600 << 10)
        for index in 0..<3 { try Data(small).write(to: folder.appendingPathComponent("part\(index).pkl.gz")) }
        let budget = DecompressionBudget(bytes: 1 << 20)
        let reports = (0..<3).map { ModelFileScanner.scan(path: folder.appendingPathComponent("part\($0).pkl.gz").path, budget: budget) }
        // The first fits; the second meets the rest of the budget; the third is not decompressed at all.
        #expect(!reports[0].findings.contains { $0.message.contains("MiB that one rating decompresses") })
        #expect(reports[1].findings.contains { $0.rule == "COV" && $0.message.contains("MiB that one rating decompresses") })
        #expect(reports[2].findings.contains { $0.rule == "COV" && $0.message.contains("MiB that one rating decompresses") })
        #expect(!reports[1].findings.contains { $0.rule == "CTR-BOMB" }, "a stream stopped by the shared budget is not called a bomb")
        // Without a shared budget each stream has its own cap only.
        #expect(ModelFileScanner.scan(path: folder.appendingPathComponent("part2.pkl.gz").path).findings.allSatisfy { $0.rule != "COV" })
    }
}

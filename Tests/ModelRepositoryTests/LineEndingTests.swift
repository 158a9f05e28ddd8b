import Foundation
import ModelRepository
import Testing
import TrustmarkCore
import TrustmarkTestSupport

/// A repository whose text files use CRLF rates exactly as the same repository with LF (issue 13: hunyuan-7b's CRLF
/// LICENSE put nine clauses on line 1, and a CRLF card lost its front matter and every section).
@Suite("Line endings")
struct LineEndingTests {
    @Test(arguments: ["open-tiny-lm", "community-chat", "contradicting-card"])
    func aCRLFCopyRatesLikeTheOriginal(example: String) throws {
        let original = ProjectFolders.example(example)
        let copy = try TemporaryRepository(name: example)
        for name in try FileManager.default.contentsOfDirectory(atPath: original.path) {
            var bytes = Array(try Data(contentsOf: original.appendingPathComponent(name)))
            if !name.hasSuffix(".safetensors") {
                let text = String(decoding: bytes, as: UTF8.self)
                bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            }
            try copy.write(name, bytes)
        }
        let lf = try SnapshotLoader().load(.folder(path: original.path))
        let crlf = try copy.snapshot()
        let a = RatingEngine().rate(lf), b = RatingEngine().rate(crlf)
        #expect(b.score == a.score && b.label == a.label)
        #expect(b.checks.map(\.outcome) == a.checks.map(\.outcome))
        // The same findings on the same lines; only the file digests differ.
        #expect(b.findings.map(\.message) == a.findings.map(\.message))
        #expect(b.findings.flatMap { $0.evidence.compactMap(\.lineStart) } == a.findings.flatMap { $0.evidence.compactMap(\.lineStart) })
        #expect(crlf.card?.sections.count == lf.card?.sections.count && (lf.card?.sections.count ?? 0) > 3)
    }
}

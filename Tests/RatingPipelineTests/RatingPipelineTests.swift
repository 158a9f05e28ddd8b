import Foundation
import RatingPipeline
import Reports
import Testing
import TrustmarkCore
import TrustmarkTestSupport

/// The one entry point: a target in, a complete record out, the same from the synchronous and the async form.
@Suite("Rating pipeline")
struct RatingPipelineTests {
    /// The synchronous form (inside async code, the async overload is the one chosen).
    static func rateSynchronously(_ request: RatingRequest) throws -> RatingRecord { try RatingPipeline().rate(request) }

    @Test func asyncAndSyncGiveTheSameRecord() async throws {
        let request = RatingRequest.target(ProjectFolders.example("community-chat").path)
        let synchronous = try Self.rateSynchronously(request)
        let asynchronous = try await RatingPipeline().rate(request)
        #expect(asynchronous == synchronous)
        #expect(try asynchronous.json() == synchronous.json())
    }

    /// Many ratings at once from async code: each gets its own record, none blocks the others' results.
    @Test func concurrentAsyncRatingsAreIndependent() async throws {
        let examples = ["open-tiny-lm", "community-chat", "contradicting-card", "open-tiny-lm"]
        let labels = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, example) in examples.enumerated() {
                group.addTask { (index, try await RatingPipeline().rate(.target(ProjectFolders.example(example).path)).rating.label) }
            }
            var labels = [String](repeating: "", count: examples.count)
            for try await (index, label) in group { labels[index] = label }
            return labels
        }
        #expect(labels == ["A", "C", "C⚠", "A"])
    }

    @Test func aRecordIsComplete() throws {
        let record = try RatingPipeline().rate(.target(ProjectFolders.example("open-tiny-lm").path))
        #expect(record.rating.frameworks.map(\.id) == ["mof", "osaid", "osai-index", "eu-ai-act-53-2", "fmti-lite"])
        #expect(record.rating.methodology == Methodology.current.identity)
        #expect(record.licenseCatalogVersion?.isEmpty == false)
        #expect(record.tool == .current)
        #expect(record.card?.path == "README.md" && record.files.count == record.rating.facts.fileCount)
        #expect(record.rating.checks.count == Methodology.current.checks.count)
    }

    @Test func failuresAreOneLineReasons() async throws {
        let missing = ProjectFolders.root.appendingPathComponent("no-such-model").path
        #expect(throws: RatingFailure.self) { try RatingPipeline().rate(.target(missing)) }
        do {
            _ = try await RatingPipeline().rate(.target(missing))
            Issue.record("a missing folder was rated")
        } catch {
            #expect(!error.description.isEmpty && !error.description.contains("\n"))
        }
        let evidenceAndSave = RatingRequest(.evidence(URL(fileURLWithPath: missing)), saveEvidence: URL(fileURLWithPath: "/tmp/x"))
        #expect(throws: RatingFailure.self) { try RatingPipeline().rate(evidenceAndSave) }
        let local = RatingRequest(.target(ProjectFolders.example("open-tiny-lm").path), saveEvidence: URL(fileURLWithPath: "/tmp/x"))
        #expect(throws: RatingFailure("--save-evidence applies to Hub and ModelScope targets read over the network")) {
            try RatingPipeline().rate(local)
        }
    }

    @Test func aFrozenMethodologyIsNotRunnable() throws {
        let frozen = try #require(Methodology.named("TM-1.0"))
        #expect(!frozen.isRunnable && frozen.checks.allSatisfy { $0.probe == nil })
        #expect(Methodology.current.checks.allSatisfy { $0.probe != nil })
    }
}

import Foundation
import Frameworks
import Licenses
import ModelRepository
import Reports
import TrustmarkCore

/// The one way a rating is made: resolve the target, read its files once into a snapshot, run the methodology's
/// checks, add the framework labels, and return the complete record. The CLI, the observatory's workers and the
/// server call this and nothing below it, so no caller can produce a half-made rating (say, one without labels).
public struct RatingPipeline: Sendable {
    /// Progress while files are read: (what is being read, bytes or items done, of how many).
    public typealias Progress = @Sendable (String, UInt64, UInt64) -> Void

    public var methodology: Methodology

    public init(methodology: Methodology = .current) {
        self.methodology = methodology
    }

    /// Rates one target: the complete record (findings, score, gates, grade, framework labels, facts, subject).
    public func rate(_ request: RatingRequest, progress: Progress? = nil) throws(RatingFailure) -> RatingRecord {
        rate(snapshot: try load(request, progress: progress))
    }

    /// The same, without blocking the caller's executor: reading a repository blocks on files and sockets, so it runs
    /// on a thread of its own and the awaiting task is resumed with the record.
    public func rate(_ request: RatingRequest, progress: Progress? = nil) async throws(RatingFailure) -> RatingRecord {
        let result: Result<RatingRecord, RatingFailure> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Result { () throws(RatingFailure) in try self.rate(request, progress: progress) })
            }
        }
        return try result.get()
    }

    /// The record for a snapshot already read (a fixture in a test, a snapshot `scan` or `verify` also needs).
    public func rate(snapshot: Snapshot) -> RatingRecord {
        var rating = RatingEngine(methodology: methodology).rate(snapshot)
        // Framework views are labels over the findings; they never change the score.
        rating.frameworks = FrameworkLabels.compute(rating: rating, snapshot: snapshot)
        return RatingRecord(rating: rating, snapshot: snapshot, licenseCatalogVersion: LicenseCatalog.shippedVersion)
    }

    /// The snapshot a request names: an evidence bundle, a repository on the Hub or ModelScope (its local cache when
    /// offline), or a local path.
    public func load(_ request: RatingRequest, progress: Progress? = nil) throws(RatingFailure) -> Snapshot {
        do {
            return try loadUnwrapped(request, progress: progress)
        } catch let failure as RatingFailure {
            throw failure
        } catch let error as CustomStringConvertible {
            throw RatingFailure(error.description)
        } catch {
            throw RatingFailure("\(error)")
        }
    }

    private func loadUnwrapped(_ request: RatingRequest, progress: Progress?) throws -> Snapshot {
        let target: String
        switch request.source {
        case .evidence(let folder):
            guard request.saveEvidence == nil else { throw RatingFailure("an evidence folder is re-rated as it is; it cannot be saved again") }
            return SnapshotLoader().load(HubRepository.fromBundle(try EvidenceBundle.read(from: folder)))
        case .target(let text):
            target = text
        }
        let remote: HubRepository?
        do {
            remote = try TargetResolution.remote(target, revision: request.revision, offline: request.offline)
        } catch let error as HubError {
            guard case .connection = error else { throw error }
            // No network (or no Hub): the local cache, as huggingface_hub falls back to it, saying so; else one line
            // with the ways out.
            if request.saveEvidence == nil, let cached = try? TargetResolution.local(target, revision: request.revision) {
                var snapshot = try loadLocal(cached, request, progress)
                snapshot.problems.append(
                    ReadProblem(path: "", message: "the Hub could not be reached (\(error.description)); rated the copy in the local cache instead"))
                return snapshot
            }
            throw RatingFailure(
                "\(error.description). Without a network, rate a cached copy with --offline (or HF_HUB_OFFLINE=1); behind a mirror, set HF_ENDPOINT.")
        }
        if let repository = remote {
            let snapshot = SnapshotLoader().load(repository) { done, total in progress?("weight headers", UInt64(done), UInt64(total)) }
            if let folder = request.saveEvidence { try repository.saveEvidence(to: folder) }
            return snapshot
        }
        guard request.saveEvidence == nil else {
            throw RatingFailure("--save-evidence applies to Hub and ModelScope targets read over the network")
        }
        return try loadLocal(try TargetResolution.local(target, revision: request.revision), request, progress)
    }

    /// A folder, file or cache entry, with the request's hashing and progress.
    private func loadLocal(_ target: RepositoryTarget, _ request: RatingRequest, _ progress: Progress?) throws -> Snapshot {
        try SnapshotLoader(options: LoadOptions(hashLargeFiles: request.hashLargeFiles, progress: progress)).load(target)
    }
}

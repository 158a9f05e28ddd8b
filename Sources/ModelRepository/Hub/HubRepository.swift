import Foundation
import ModelFormats
import TrustmarkCore

/// What the Hub's API said about a repository, kept byte for byte as evidence.
public struct HubResponses: Sendable {
    public var modelInfo: [UInt8]
    /// `?expand=…` and `?securityStatus=true` answers, when the server gave them.
    public var expandedInfo: [UInt8]?
    public var securityInfo: [UInt8]?
}

/// A Hub repository at one commit, read without downloading its weights: the tree gives every file's
/// size and digest, small files are fetched whole, and weight headers come through range requests.
/// It loads into the same `Snapshot` a local folder gives, through the same loader.
public struct HubRepository: Sendable {
    public var repository: String
    public var revision: String
    public var commit: String
    public var responses: HubResponses
    public var tree: [HubClient.TreeEntry]
    var treePages: [[UInt8]]
    let open: @Sendable (HubClient.TreeEntry) -> any ByteSource
    let recorder: EvidenceRecorder?
    let client: HubClient?

    /// Resolves the revision to a commit, lists the files and prepares range-backed files.
    public static func fetch(_ reference: HubReference, client: HubClient) throws(HubError) -> HubRepository {
        if client.configuration.offline { throw .offline(repository: reference.repository) }
        let info = try client.modelInfo(reference)
        let (tree, pages) = try client.tree(repository: info.repository, commit: info.commit)
        let recorder = EvidenceRecorder()
        let repository = info.repository, commit = info.commit
        let responses = HubResponses(modelInfo: info.body, expandedInfo: client.extendedInfo(repository: repository, commit: commit),
                                     securityInfo: client.securityStatus(repository: repository, commit: commit))
        return HubRepository(repository: repository, revision: reference.revision, commit: commit, responses: responses, tree: tree, treePages: pages,
                             open: { RemoteFileSource(client: client, repository: repository, commit: commit, entry: $0, recorder: recorder) },
                             recorder: recorder, client: client)
    }

    /// The same repository served from an evidence bundle, offline.
    public static func fromBundle(_ bundle: EvidenceBundle) -> HubRepository {
        let ranges = bundle.ranges
        return HubRepository(repository: bundle.repository, revision: bundle.revision, commit: bundle.commit, responses: bundle.responses, tree: bundle.tree,
                             treePages: [], open: { BundleFileSource(path: $0.path, segments: ranges[$0.path] ?? []) }, recorder: nil, client: nil)
    }

    /// Everything read so far, as a bundle (after `load`, it holds what the rating read).
    public func evidence() -> EvidenceBundle {
        EvidenceBundle(repository: repository, revision: revision, commit: commit, responses: responses, tree: tree, ranges: recorder?.snapshot ?? [:])
    }

    public func saveEvidence(to folder: URL) throws(HubError) {
        try evidence().write(to: folder, treePages: treePages)
    }

    /// Bytes and requests the rating cost (nil from a bundle).
    public var transferred: (bytes: Int, requests: Int)? { client?.transferred }
}

extension SnapshotLoader {
    /// Loads a Hub repository. Weight headers are fetched first, `concurrency` at a time, so a
    /// repository of hundreds of shards costs a few round trips, not hundreds in a row.
    public func load(_ remote: HubRepository, concurrency: Int = 8, progress: (@Sendable (Int, Int) -> Void)? = nil) -> Snapshot {
        var entries: [FileWalker.Entry] = []
        var problems: [(String, String)] = []
        for file in remote.tree {
            if FileWalker.skippedFiles.contains(String(file.path.split(separator: "/").last ?? "")) { continue }
            if file.path.split(separator: "/").dropLast().contains(where: { FileWalker.skippedFolders.contains(String($0)) }) { continue }
            guard entries.count < options.maxFiles else {
                problems.append((file.path, "more than \(options.maxFiles) files; the rest were not read"))
                break
            }
            entries.append(FileWalker.Entry(relativePath: file.path, absolutePath: file.path, blobName: nil, source: remote.open(file), size: file.size,
                                            knownDigest: file.lfsSHA256?.lowercased()))
        }
        SnapshotLoader.prefetchHeaders(entries, concurrency: max(1, concurrency), progress: progress)
        var snapshot = build(entries, listingProblems: problems, name: remote.repository, revision: remote.commit, source: .hub)
        let responses = remote.responses
        if let info = try? JSONParser.parse(responses.modelInfo) {
            snapshot.hub = HubFacts(repository: remote.repository, modelInfo: info, expanded: responses.expandedInfo.flatMap { try? JSONParser.parse($0) },
                                    security: responses.securityInfo.flatMap { try? JSONParser.parse($0) })
        }
        return snapshot
    }

    /// Reads the first bytes of every weight file, then each safetensors header, in parallel; the
    /// sources keep what they fetched, so the sequential load that follows finds it there.
    static func prefetchHeaders(_ entries: [FileWalker.Entry], concurrency: Int, progress: (@Sendable (Int, Int) -> Void)?) {
        let weights = entries.filter { FileKind.classify(path: $0.relativePath) == .weights && $0.source != nil }
        guard !weights.isEmpty else { return }
        let done = ProgressCounter()
        let chunks = stride(from: 0, to: weights.count, by: 1).reduce(into: [[FileWalker.Entry]](repeating: [], count: min(concurrency, weights.count))) {
            $0[$1 % min(concurrency, weights.count)].append(weights[$1])
        }
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            for entry in chunks[index] {
                guard let source = entry.source else { continue }
                if let head = try? source.read(at: 0, count: Int(min(entry.size, 16 * 1024))), entry.relativePath.lowercased().hasSuffix(".safetensors"),
                   head.count >= 8 {
                    let length = head.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                    if length > 0, length < 100_000_000, 8 + length <= entry.size { _ = try? source.read(at: 8, count: Int(length)) }
                }
                progress?(done.increment(), weights.count)
            }
        }
    }
}

final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

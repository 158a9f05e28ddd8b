import Foundation
import ModelFormats
import TrustmarkCore

/// What the Hub's API said about a repository, kept byte for byte as evidence.
public struct HubResponses: Sendable {
    public var modelInfo: [UInt8]
    /// `?expand=…` and `?securityStatus=true` answers, when the server gave them.
    public var expandedInfo: [UInt8]?
    public var securityInfo: [UInt8]?
    /// ModelScope's branch and tag list, when it was fetched.
    public var revisionsInfo: [UInt8]? = nil
}

/// A Hub repository at one commit, read without downloading its weights: the tree gives every file's
/// size and digest, small files are fetched whole, and weight headers come through range requests.
/// It loads into the same `Snapshot` a local folder gives, through the same loader.
public struct HubRepository: Sendable {
    public var platform: HubPlatform = .huggingFace
    public var repository: String
    public var revision: String
    /// The commit the files were read at. On ModelScope, the revision name when no commit could be found.
    public var commit: String
    public var responses: HubResponses
    public var tree: [HubClient.TreeEntry]
    /// Parts of the listing the server could not give, and why; they lower coverage.
    public var listingProblems: [ReadProblem] = []
    var treePages: [[UInt8]]
    let open: @Sendable (HubClient.TreeEntry) -> any ByteSource
    let recorder: EvidenceRecorder?
    let transfer: (@Sendable () -> (bytes: Int, requests: Int))?

    /// Resolves the revision to a commit, lists the files and prepares range-backed files.
    public static func fetch(_ reference: HubReference, client: HubClient) throws(HubError) -> HubRepository {
        if client.configuration.offline { throw .offline(repository: reference.repository) }
        let info = try client.modelInfo(reference)
        let (listed, pages) = try client.tree(repository: info.repository, commit: info.commit)
        let (tree, unsafePaths) = RemotePath.screen(listed)
        let recorder = EvidenceRecorder()
        let repository = info.repository, commit = info.commit
        let responses = HubResponses(
            modelInfo: info.body, expandedInfo: client.extendedInfo(repository: repository, commit: commit),
            securityInfo: client.securityStatus(repository: repository, commit: commit))
        return HubRepository(
            repository: repository, revision: reference.revision, commit: commit, responses: responses, tree: tree,
            listingProblems: unsafePaths, treePages: pages,
            open: { entry in
                RemoteFileSource(entry: entry, recorder: recorder) { path, range throws(HubError) in
                    try client.download(repository: repository, commit: commit, path: path, range: range)
                }
            },
            recorder: recorder, transfer: { client.transferred })
    }

    /// A ModelScope repository: model info at the revision, the revision list (to refuse a revision that does not
    /// exist), and the file listing. The commit is the revision itself when it is one, else the commit the revision
    /// list names, else the newest of the commits that last changed each file (the head, unless the head commit
    /// only deleted files); files are then read at that commit, so a branch that moves mid-rating cannot mix
    /// two versions.
    public static func fetch(modelScope reference: HubReference, client: ModelScopeClient) throws(HubError) -> HubRepository {
        if client.configuration.offline { throw .offline(repository: reference.repository) }
        // The revision list first: a revision that does not exist is then named as such, not as a missing model.
        let revisions = try client.revisions(repository: reference.repository)
        var commit: String?
        if ModelScopeClient.isCommit(reference.revision) {
            commit = reference.revision.lowercased()
        } else if let revisions {
            guard let detail = revisions.revisions.first(where: { $0.name == reference.revision }) else {
                let known = revisions.revisions.map(\.name).sorted().joined(separator: ", ")
                throw .modelScope(
                    repository: reference.repository,
                    message: "revision \(reference.revision) does not exist (branches and tags: \(known.isEmpty ? "none" : known))")
            }
            commit = detail.commit
        }
        let info = try client.modelInfo(repository: reference.repository, revision: reference.revision)
        // The canonical id as ModelScope spells it (owner `Path`, `Name`).
        var repository = reference.repository
        if let owner = info.data["Path"]?.string, let name = info.data["Name"]?.string, RepositoryTarget.repositoryID(owner + "/" + name) != nil {
            repository = owner + "/" + name
        }
        let listing = try client.files(repository: repository, revision: reference.revision)
        if commit == nil {
            commit = listing.files.filter { $0.commit.map(ModelScopeClient.isCommit) == true }
                .max { ($0.committedDate ?? 0, $1.path) < ($1.committedDate ?? 0, $0.path) }?.commit?.lowercased()
        }
        var problems = listing.problems.map { ReadProblem(path: $0.path, message: $0.message, incompleteListing: true) }
        let (safeFiles, unsafePaths) = RemotePath.screen(
            listing.files.map { HubClient.TreeEntry(path: $0.path, size: $0.size, oid: nil, lfsSHA256: $0.sha256) })
        problems += unsafePaths
        if commit == nil {
            problems.append(
                ReadProblem(
                    path: ".",
                    message: "ModelScope named no commit for revision \(reference.revision); the files were read at the branch, which may move"))
        }
        let pinned = commit ?? reference.revision
        let recorder = EvidenceRecorder()
        let id = repository
        let tree = safeFiles
        let responses = HubResponses(modelInfo: info.body, expandedInfo: nil, securityInfo: nil, revisionsInfo: revisions?.body)
        return HubRepository(
            platform: .modelScope, repository: repository, revision: reference.revision, commit: pinned, responses: responses, tree: tree,
            listingProblems: problems, treePages: listing.pages,
            open: { entry in
                RemoteFileSource(entry: entry, recorder: recorder) { path, range throws(HubError) in
                    try client.download(repository: id, revision: pinned, path: path, range: range)
                }
            },
            recorder: recorder, transfer: { client.transferred })
    }

    /// The same repository served from an evidence bundle, offline.
    public static func fromBundle(_ bundle: EvidenceBundle) -> HubRepository {
        let ranges = bundle.ranges
        return HubRepository(
            platform: bundle.platform, repository: bundle.repository, revision: bundle.revision, commit: bundle.commit, responses: bundle.responses,
            tree: bundle.tree, listingProblems: bundle.listingProblems, treePages: [],
            open: { BundleFileSource(path: $0.path, segments: ranges[$0.path] ?? []) }, recorder: nil, transfer: nil)
    }

    /// Everything read so far, as a bundle (after `load`, it holds what the rating read).
    public func evidence() -> EvidenceBundle {
        EvidenceBundle(
            platform: platform, repository: repository, revision: revision, commit: commit, responses: responses, tree: tree,
            listingProblems: listingProblems, ranges: recorder?.snapshot ?? [:])
    }

    public func saveEvidence(to folder: URL) throws(HubError) {
        try evidence().write(to: folder, treePages: treePages)
    }

    /// Bytes and requests the rating cost (nil from a bundle).
    public var transferred: (bytes: Int, requests: Int)? { transfer?() }
}

extension SnapshotLoader {
    /// Loads a Hub repository. Weight headers are fetched first, `concurrency` at a time, so a
    /// repository of hundreds of shards costs a few round trips, not hundreds in a row.
    public func load(_ remote: HubRepository, concurrency: Int = 8, progress: (@Sendable (Int, Int) -> Void)? = nil) -> Snapshot {
        var entries: [FileWalker.Entry] = []
        var gaps = remote.listingProblems
        var reads = 0
        for file in remote.tree {
            if FileWalker.skippedFiles.contains(String(file.path.split(separator: "/").last ?? "")) { continue }
            if file.path.split(separator: "/").dropLast().contains(where: { FileWalker.skippedFolders.contains(String($0)) }) { continue }
            guard entries.count < options.maxFiles else {
                gaps.append(
                    ReadProblem(path: file.path, message: "more than \(options.maxFiles) files; the rest were not read", incompleteListing: true))
                break
            }
            var entry = FileWalker.Entry(
                relativePath: file.path, absolutePath: file.path, source: remote.open(file), size: file.size,
                knownDigest: file.lfsSHA256?.lowercased())
            // Each file read costs at least one request: past the budget, files are listed (with the tree's digests)
            // but not fetched, and a file that could carry code counts as not checked.
            let kind = FileKind.classify(path: file.path)
            if shouldRead(file.path, kind: kind, size: file.size) || SnapshotLoader.mayCarryCode(kind) {
                reads += 1
                if reads > options.maxRemoteReads {
                    entry.notFetched = "not fetched: a rating reads at most \(options.maxRemoteReads) files over the network"
                }
            }
            entries.append(entry)
        }
        SnapshotLoader.prefetchHeaders(entries.filter { $0.notFetched == nil }, concurrency: max(1, concurrency), progress: progress)
        var snapshot = build(
            entries, listingGaps: gaps, name: remote.repository, revision: remote.commit,
            source: remote.platform == .modelScope ? .modelScope : .hub)
        let responses = remote.responses
        if let info = try? JSONParser.parse(responses.modelInfo) {
            switch remote.platform {
            case .huggingFace:
                snapshot.hub = HubFacts(
                    repository: remote.repository, modelInfo: info, expanded: responses.expandedInfo.flatMap { try? JSONParser.parse($0) },
                    security: responses.securityInfo.flatMap { try? JSONParser.parse($0) })
            case .modelScope:
                snapshot.hub = HubFacts(repository: remote.repository, modelScopeInfo: info)
            }
        }
        return snapshot
    }

    /// Reads the first bytes of every weight file, then each safetensors header, in parallel; the
    /// sources keep what they fetched, so the sequential load that follows finds it there.
    static func prefetchHeaders(_ entries: [FileWalker.Entry], concurrency: Int, progress: (@Sendable (Int, Int) -> Void)?) {
        let weights = entries.filter { FileKind.classify(path: $0.relativePath) == .weights && $0.source != nil }
        guard !weights.isEmpty else { return }
        let done = ProgressCounter()
        let chunks = stride(from: 0, to: weights.count, by: 1).reduce(
            into: [[FileWalker.Entry]](repeating: [], count: min(concurrency, weights.count))
        ) {
            $0[$1 % min(concurrency, weights.count)].append(weights[$1])
        }
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            for entry in chunks[index] {
                guard let source = entry.source else { continue }
                if let head = try? source.read(at: 0, count: Int(min(entry.size, 16 * 1024))),
                    entry.relativePath.lowercased().hasSuffix(".safetensors"),
                    head.count >= 8
                {
                    let length = head.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                    if length > 0, length < 100_000_000, 8 + length <= entry.size { _ = try? source.read(at: 8, count: Int(length)) }
                } else if let head = try? source.read(at: 0, count: 4), head == [0x50, 0x4B, 0x03, 0x04] {
                    prefetchZipMembers(source, path: entry.relativePath, size: entry.size, concurrency: concurrency)
                }
                progress?(done.increment(), weights.count)
            }
        }
    }
}

extension SnapshotLoader {
    /// A PyTorch checkpoint is a ZIP with one member per tensor, and the scanner reads every member's local header
    /// and first bytes. Read one after another over HTTP that is one round trip per tensor; here the central
    /// directory is read once and the local headers are fetched `concurrency` at a time. The plan depends only on
    /// the directory (a header already inside a planned range is not fetched again), so the same ranges are read
    /// every time and evidence bundles stay the same.
    static func prefetchZipMembers(_ source: any ByteSource, path: String, size: UInt64, concurrency: Int) {
        guard let archive = try? ZipArchive.directory(BinaryFile(path: path, size: size, source: source)) else { return }
        let window = RemoteFileSource.minimumFetch
        var planned: [UInt64] = []
        var coveredEnd = min(size, window)  // the first 16 KiB were read with the head
        for offset in archive.members.map(\.localHeaderOffset).sorted() where offset < size {
            if offset + 64 <= coveredEnd { continue }
            planned.append(offset)
            coveredEnd = min(size, offset + window)
        }
        let plan = planned
        guard !plan.isEmpty else { return }
        let workers = min(max(1, concurrency), plan.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: plan.count, by: workers) {
                _ = try? source.read(at: plan[index], count: Int(min(64, size - plan[index])))
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

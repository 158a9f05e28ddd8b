import Foundation
import ModelFormats
import TrustmarkCore

/// Everything a remote rating read, on disk: the Hub's model-info and tree responses, and every byte
/// range fetched from every file, content-addressed by SHA-256. `trustmark rate --evidence DIR`
/// re-rates from it offline; the rating is a function of the bundle and the methodology only.
///
/// Layout: `bundle.json` (platform, repository, revision, commit, the SHA-256 of every API response, the tree, the
/// ranges and their digests), `api/model-info.json` (and `model-expand.json`, `model-security.json` when the Hub gave
/// them, `revisions.json` for ModelScope), `api/tree-N.json`, `blobs/<sha256>`.
///
/// What reading guarantees (docs/security-model.md): every file is checked against the digest `bundle.json` gives
/// it; the tree and the commit are derived again from the saved responses and must be what `bundle.json` says; every
/// range lies inside its file, and a range holding a whole file matches the file's listed digest. So editing any one
/// part — a response, a digest, a range, a blob — is refused. A bundle is not signed: one rewritten consistently
/// end to end is a different bundle, which `trustmark attest` over the rating, or the digest of `bundle.json`, tells.
public struct EvidenceBundle: Sendable {
    public static let formatName = "trustmark-evidence-2"
    /// Bounds on what a bundle may hold (a rating records far less: it reads at most `transferLimit` bytes).
    static let manifestLimit = 128 << 20
    static let responseLimit = 64 << 20
    static let maxRanges = 200_000
    static let blobBytesLimit = 512 << 20

    struct Manifest: Codable {
        struct File: Codable {
            var path: String
            var size: UInt64
            var oid: String?
            var lfsSHA256: String?
        }
        struct Range: Codable {
            var path: String
            var offset: UInt64
            var length: Int
            var sha256: String
        }
        var format: String
        /// Absent for the Hugging Face Hub.
        var platform: HubPlatform?
        var repository: String
        var revision: String
        var commit: String
        var treePages: Int
        /// The SHA-256 of every file under `api/`, by name.
        var responses: [String: String]
        var files: [File]
        var ranges: [Range]
        var listingProblems: [ReadProblem]?
    }

    public var platform: HubPlatform = .huggingFace
    public var repository: String
    public var revision: String
    public var commit: String
    public var responses: HubResponses
    public var tree: [HubClient.TreeEntry]
    public var listingProblems: [ReadProblem] = []
    var ranges: [String: [(offset: UInt64, bytes: [UInt8])]]

    /// The API responses by their file names under `api/`.
    static func responseFiles(_ responses: HubResponses, treePages: [[UInt8]]) -> [(name: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = [("model-info.json", responses.modelInfo)]
        if let expanded = responses.expandedInfo { files.append(("model-expand.json", expanded)) }
        if let security = responses.securityInfo { files.append(("model-security.json", security)) }
        if let revisions = responses.revisionsInfo { files.append(("revisions.json", revisions)) }
        for (index, page) in treePages.enumerated() { files.append(("tree-\(index).json", page)) }
        return files
    }

    /// Writes the bundle into `folder` and nowhere else (`ConfinedFolder`: no link inside it is followed, no file
    /// outside it reached through a hard link); the same evidence always gives the same bytes.
    public func write(to folder: URL, treePages: [[UInt8]]) throws(HubError) {
        do {
            let target = try ConfinedFolder(folder.path, create: true)
            var digests: [String: String] = [:]
            for (name, bytes) in EvidenceBundle.responseFiles(responses, treePages: treePages) {
                try target.write("api/" + name, bytes)
                digests[name] = FileHasher.sha256(of: bytes)
            }
            var manifestRanges: [Manifest.Range] = []
            for path in ranges.keys.sorted() {
                for (offset, bytes) in ranges[path]!.sorted(by: { $0.offset < $1.offset }) {
                    let digest = FileHasher.sha256(of: bytes)
                    if !target.exists("blobs/\(digest)") { try target.write("blobs/\(digest)", bytes) }
                    manifestRanges.append(Manifest.Range(path: path, offset: offset, length: bytes.count, sha256: digest))
                }
            }
            let manifest = Manifest(
                format: EvidenceBundle.formatName, platform: platform == .huggingFace ? nil : platform, repository: repository,
                revision: revision, commit: commit, treePages: treePages.count, responses: digests,
                files: tree.map { Manifest.File(path: $0.path, size: $0.size, oid: $0.oid, lfsSHA256: $0.lfsSHA256) },
                ranges: manifestRanges, listingProblems: listingProblems.isEmpty ? nil : listingProblems)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try target.write("bundle.json", Array(try encoder.encode(manifest)))
        } catch let error as ConfinedFolder.Failure {
            throw .bundle(path: error.path, message: "not written: \(error.message)")
        } catch {
            throw .bundle(path: folder.path, message: "could not be written: \(error.localizedDescription)")
        }
    }

    /// Reads a bundle, checking it whole (see the type's comment) before anything in it is used.
    public static func read(from folder: URL) throws(HubError) -> EvidenceBundle {
        let source: ConfinedFolder
        let manifest: Manifest
        do {
            source = try ConfinedFolder(folder.path, create: false)
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(try source.read("bundle.json", limit: manifestLimit)))
        } catch let error as ConfinedFolder.Failure {
            throw .bundle(path: error.path, message: "\(error.message); was it written by --save-evidence?")
        } catch {
            throw .bundle(path: folder.path, message: "no readable bundle.json (\(error.localizedDescription)); was it written by --save-evidence?")
        }
        let refuse = { (message: String) -> HubError in .bundle(path: folder.path, message: message + " (the bundle was altered, or is not one)") }
        guard manifest.format == formatName else {
            throw .bundle(
                path: folder.path,
                message:
                    "format \(manifest.format.prefix(40)), expected \(formatName)\(manifest.format == "trustmark-evidence-1" ? ": it was written by an earlier Trustmark, whose bundles carry no digests of the API responses; save it again" : "")"
            )
        }
        let platform = manifest.platform ?? .huggingFace
        guard RepositoryTarget.repositoryID(manifest.repository) != nil, !manifest.commit.isEmpty, manifest.commit.utf8.count <= 256,
            RemotePath.isSafe(manifest.commit), (0...1000).contains(manifest.treePages)
        else {
            throw refuse("bundle.json names no valid repository, commit or page count")
        }

        // Every API response, against its digest.
        func response(_ name: String) throws(HubError) -> [UInt8]? {
            guard let digest = manifest.responses[name] else { return nil }
            let bytes: [UInt8]
            do {
                bytes = try source.read("api/" + name, limit: responseLimit)
            } catch {
                throw .bundle(path: error.path, message: error.message)
            }
            guard FileHasher.sha256(of: bytes) == digest else { throw refuse("api/\(name) does not match its digest") }
            return bytes
        }
        let known = Set(
            ["model-info.json", "model-expand.json", "model-security.json", "revisions.json"] + (0..<manifest.treePages).map { "tree-\($0).json" })
        guard manifest.responses.keys.allSatisfy(known.contains) else { throw refuse("bundle.json lists an unknown API response") }
        guard let info = try response("model-info.json") else { throw refuse("api/model-info.json is not in bundle.json") }
        var pages: [[UInt8]] = []
        for index in 0..<manifest.treePages {
            guard let page = try response("tree-\(index).json") else { throw refuse("api/tree-\(index).json is not in bundle.json") }
            pages.append(page)
        }
        let responses = HubResponses(
            modelInfo: info, expandedInfo: try response("model-expand.json"), securityInfo: try response("model-security.json"),
            revisionsInfo: try response("revisions.json"))

        // The commit, the repository and the tree, derived again from the responses.
        if platform == .huggingFace {
            guard let json = try? JSONParser.parse(info), json["sha"]?.string?.lowercased() == manifest.commit else {
                throw refuse("bundle.json's commit is not the one api/model-info.json gives")
            }
        }
        let listed: [HubClient.TreeEntry]
        switch platform {
        case .huggingFace:
            var entries: [HubClient.TreeEntry] = []
            for page in pages {
                guard let items = try? HubClient.treeEntries(page: page) else { throw refuse("an api/tree page is not a file listing") }
                entries += items
            }
            listed = HubClient.sortedTree(entries)
        case .modelScope:
            guard let files = ModelScopeClient.listing(fromPages: pages) else { throw refuse("an api/tree page is not a file listing") }
            listed = files.map { HubClient.TreeEntry(path: $0.path, size: $0.size, oid: nil, lfsSHA256: $0.sha256) }
        }
        let (tree, unsafePaths) = RemotePath.screen(listed)
        let manifestTree = manifest.files.map { HubClient.TreeEntry(path: $0.path, size: $0.size, oid: $0.oid, lfsSHA256: $0.lfsSHA256) }
        guard manifestTree == tree else { throw refuse("bundle.json's file list is not the one api/tree-*.json gives") }
        let listingProblems = manifest.listingProblems ?? []
        guard unsafePaths.allSatisfy(listingProblems.contains) else { throw refuse("bundle.json leaves out paths the listing marks as not read") }

        // Every range inside its file, every blob read once and checked; a whole file against its listed digest.
        guard manifest.ranges.count <= maxRanges else {
            throw refuse("bundle.json lists \(manifest.ranges.count) ranges, more than the \(maxRanges) a rating records")
        }
        let files = Dictionary(tree.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var blobs: [String: [UInt8]] = [:]
        var blobBytes = 0
        var ranges: [String: [(offset: UInt64, bytes: [UInt8])]] = [:]
        for range in manifest.ranges {
            guard let file = files[range.path] else { throw refuse("a range of \(RemotePath.display(range.path)), which the listing does not hold") }
            guard range.length >= 0, range.offset <= file.size, UInt64(range.length) <= file.size - range.offset else {
                throw refuse("a range of \(RemotePath.display(range.path)) lies outside the file")
            }
            guard range.sha256.utf8.count == 64, range.sha256.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
                throw refuse("a blob name is not a SHA-256")
            }
            var bytes: [UInt8]
            if let cached = blobs[range.sha256] {
                bytes = cached
            } else {
                do {
                    bytes = try source.read("blobs/\(range.sha256)", limit: range.length)
                } catch {
                    throw .bundle(path: error.path, message: error.message)
                }
                blobBytes += bytes.count
                guard blobBytes <= blobBytesLimit else { throw refuse("the blobs hold more than \(blobBytesLimit >> 20) MiB") }
                guard FileHasher.sha256(of: bytes) == range.sha256 else { throw refuse("blobs/\(range.sha256) does not match its digest") }
                blobs[range.sha256] = bytes
            }
            guard bytes.count == range.length else { throw refuse("blobs/\(range.sha256) is not \(range.length) bytes long") }
            if range.offset == 0, UInt64(range.length) == file.size, let problem = RemoteFileSource.verify(bytes, against: file) {
                throw refuse("\(RemotePath.display(range.path)): \(problem)")
            }
            ranges[range.path, default: []].append((range.offset, bytes))
        }
        return EvidenceBundle(
            platform: platform, repository: manifest.repository, revision: manifest.revision, commit: manifest.commit,
            responses: responses, tree: tree, listingProblems: listingProblems, ranges: ranges)
    }
}

/// Serves a file's bytes from a bundle's recorded ranges; anything else was never read and cannot be.
final class BundleFileSource: ByteSource, @unchecked Sendable {
    let path: String
    let segments: [(offset: UInt64, bytes: [UInt8])]

    init(path: String, segments: [(offset: UInt64, bytes: [UInt8])]) {
        self.path = path
        self.segments = segments
    }

    func read(at offset: UInt64, count: Int) throws(BinaryFileError) -> [UInt8] {
        // Ranges were checked to lie inside their files when the bundle was read, so these sums cannot overflow.
        let (end, overflow) = offset.addingReportingOverflow(UInt64(max(0, count)))
        guard !overflow else { throw BinaryFileError(path: path, message: "a read past the largest offset") }
        for segment in segments where segment.offset <= offset && segment.offset + UInt64(segment.bytes.count) >= end {
            return Array(segment.bytes[Int(offset - segment.offset)..<Int(end - segment.offset)])
        }
        throw BinaryFileError(path: path, message: "the evidence bundle holds no bytes \(offset)..<\(end) of this file")
    }
}

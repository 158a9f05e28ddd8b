import Foundation
import ModelFormats
import TrustmarkCore

/// Everything a remote rating read, on disk: the Hub's model-info and tree responses, and every byte
/// range fetched from every file, content-addressed by SHA-256. `trustmark rate --evidence DIR`
/// re-rates from it offline; the rating is a function of the bundle and the methodology only.
///
/// Layout: `bundle.json` (platform, repository, revision, commit, the tree, the ranges and their digests),
/// `api/model-info.json` (and `model-expand.json`, `model-security.json` when the Hub gave them, `revisions.json`
/// for ModelScope),
/// `api/tree-N.json`, `blobs/<sha256>`.
public struct EvidenceBundle: Sendable {
    public static let formatName = "trustmark-evidence-1"

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
        /// Absent in bundles from before ModelScope support: the Hugging Face Hub.
        var platform: HubPlatform?
        var repository: String
        var revision: String
        var commit: String
        var treePages: Int
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

    /// Writes the bundle; the same evidence always gives the same bytes.
    public func write(to folder: URL, treePages: [[UInt8]]) throws(HubError) {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: folder.appendingPathComponent("api"), withIntermediateDirectories: true)
            try fileManager.createDirectory(at: folder.appendingPathComponent("blobs"), withIntermediateDirectories: true)
            try Data(responses.modelInfo).write(to: folder.appendingPathComponent("api/model-info.json"))
            if let expanded = responses.expandedInfo { try Data(expanded).write(to: folder.appendingPathComponent("api/model-expand.json")) }
            if let security = responses.securityInfo { try Data(security).write(to: folder.appendingPathComponent("api/model-security.json")) }
            if let revisions = responses.revisionsInfo { try Data(revisions).write(to: folder.appendingPathComponent("api/revisions.json")) }
            for (index, page) in treePages.enumerated() { try Data(page).write(to: folder.appendingPathComponent("api/tree-\(index).json")) }
            var manifestRanges: [Manifest.Range] = []
            for path in ranges.keys.sorted() {
                for (offset, bytes) in ranges[path]!.sorted(by: { $0.offset < $1.offset }) {
                    let digest = FileHasher.sha256(of: bytes)
                    let blob = folder.appendingPathComponent("blobs/\(digest)")
                    if !fileManager.fileExists(atPath: blob.path) { try Data(bytes).write(to: blob) }
                    manifestRanges.append(Manifest.Range(path: path, offset: offset, length: bytes.count, sha256: digest))
                }
            }
            let manifest = Manifest(format: EvidenceBundle.formatName, platform: platform == .huggingFace ? nil : platform, repository: repository, revision: revision, commit: commit, treePages: treePages.count,
                                    files: tree.map { Manifest.File(path: $0.path, size: $0.size, oid: $0.oid, lfsSHA256: $0.lfsSHA256) },
                                    ranges: manifestRanges, listingProblems: listingProblems.isEmpty ? nil : listingProblems)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(manifest).write(to: folder.appendingPathComponent("bundle.json"))
        } catch let error as HubError {
            throw error
        } catch {
            throw .bundle(path: folder.path, message: "could not be written: \(error.localizedDescription)")
        }
    }

    /// Reads a bundle, checking every blob against its digest.
    public static func read(from folder: URL) throws(HubError) -> EvidenceBundle {
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: folder.appendingPathComponent("bundle.json")))
        } catch {
            throw .bundle(path: folder.path, message: "no readable bundle.json (\(error.localizedDescription)); was it written by --save-evidence?")
        }
        guard manifest.format == formatName else { throw .bundle(path: folder.path, message: "format \(manifest.format), expected \(formatName)") }
        guard let info = try? Data(contentsOf: folder.appendingPathComponent("api/model-info.json")) else {
            throw .bundle(path: folder.path, message: "api/model-info.json is missing")
        }
        var ranges: [String: [(offset: UInt64, bytes: [UInt8])]] = [:]
        for range in manifest.ranges {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent("blobs/\(range.sha256)")) else {
                throw .bundle(path: folder.path, message: "blobs/\(range.sha256) is missing")
            }
            let bytes = Array(data)
            guard bytes.count == range.length, FileHasher.sha256(of: bytes) == range.sha256 else {
                throw .bundle(path: folder.path, message: "blobs/\(range.sha256) does not match its digest (the bundle was altered)")
            }
            ranges[range.path, default: []].append((range.offset, bytes))
        }
        let tree = manifest.files.map { HubClient.TreeEntry(path: $0.path, size: $0.size, oid: $0.oid, lfsSHA256: $0.lfsSHA256) }
        let expanded = try? Data(contentsOf: folder.appendingPathComponent("api/model-expand.json"))
        let security = try? Data(contentsOf: folder.appendingPathComponent("api/model-security.json"))
        let revisions = try? Data(contentsOf: folder.appendingPathComponent("api/revisions.json"))
        let responses = HubResponses(modelInfo: Array(info), expandedInfo: expanded.map { Array($0) }, securityInfo: security.map { Array($0) },
                                     revisionsInfo: revisions.map { Array($0) })
        return EvidenceBundle(platform: manifest.platform ?? .huggingFace, repository: manifest.repository, revision: manifest.revision, commit: manifest.commit,
                              responses: responses, tree: tree, listingProblems: manifest.listingProblems ?? [], ranges: ranges)
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
        let end = offset + UInt64(count)
        for segment in segments where segment.offset <= offset && segment.offset + UInt64(segment.bytes.count) >= end {
            return Array(segment.bytes[Int(offset - segment.offset)..<Int(end - segment.offset)])
        }
        throw BinaryFileError(path: path, message: "the evidence bundle holds no bytes \(offset)..<\(end) of this file")
    }
}

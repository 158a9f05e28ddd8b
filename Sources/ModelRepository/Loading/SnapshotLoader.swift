import Foundation
import Licenses
import ModelFormats
import TrustmarkCore

/// Reads a resolved target into a `Snapshot`: lists files, reads the small text files once (hashing
/// the same bytes), reads weight headers, and streams the remaining files through SHA-256.
public struct SnapshotLoader: Sendable {
    public var options: LoadOptions
    public var matcher: LicenseMatcher

    public init(options: LoadOptions = LoadOptions(), matcher: LicenseMatcher = LicenseMatcher()) {
        self.options = options
        self.matcher = matcher
    }

    public func load(_ target: RepositoryTarget) throws(RepositoryError) -> Snapshot {
        switch target {
        case .folder(let path):
            let root = URL(fileURLWithPath: path)
            let listing = try FileWalker(root: root, allowedRoot: root, maxFiles: options.maxFiles).walk()
            guard !listing.entries.isEmpty else { throw .emptyFolder(path) }
            return build(listing.entries, listingProblems: listing.problems, name: root.lastPathComponent, revision: nil, source: .folder)
        case .huggingFaceCache(let repository, let snapshotPath, let commit):
            let root = URL(fileURLWithPath: snapshotPath)
            let repositoryFolder = root.deletingLastPathComponent().deletingLastPathComponent()
            let listing = try FileWalker(root: root, allowedRoot: repositoryFolder, maxFiles: options.maxFiles).walk()
            guard !listing.entries.isEmpty else { throw .emptyFolder(snapshotPath) }
            return build(listing.entries, listingProblems: listing.problems, name: repository, revision: commit, source: .huggingFaceCache)
        case .modelScopeCache(let repository, let path, let revision):
            let root = URL(fileURLWithPath: path)
            var listing = try FileWalker(root: root, allowedRoot: root, maxFiles: options.maxFiles).walk()
            listing.entries.removeAll { entry in
                ModelScopeCache.bookkeeping.contains(entry.relativePath) || entry.relativePath.hasPrefix(ModelScopeCache.temporaryFolder + "/")
            }
            guard !listing.entries.isEmpty else { throw .emptyFolder(path) }
            return build(listing.entries, listingProblems: listing.problems, name: repository, revision: revision, source: .modelScopeCache)
        case .file(let path):
            let url = URL(fileURLWithPath: path)
            let entry = FileWalker.Entry(relativePath: url.lastPathComponent, absolutePath: url.path, blobName: nil)
            guard FileManager.default.isReadableFile(atPath: path) else { throw .unreadable(path: path, message: "permission denied") }
            return build([entry], listingProblems: [], name: url.lastPathComponent, revision: nil, source: .file)
        }
    }

    func build(_ entries: [FileWalker.Entry], listingProblems: [(String, String)], listingGaps: [ReadProblem] = [], name: String, revision: String?,
               source: Subject.Source) -> Snapshot {
        var files: [RepositoryFile] = []
        var documents: [String: TextDocument] = [:]
        var problems = listingProblems.map { ReadProblem(path: $0.0, message: $0.1) } + listingGaps
        var weights: [WeightFileFacts] = []
        var indexes: [ShardIndexFacts] = []
        var scans: [FileScanReport] = []

        for entry in entries {
            let kind = FileKind.classify(path: entry.relativePath)
            let file: BinaryFile
            do {
                if let source = entry.source {
                    file = BinaryFile(path: entry.relativePath, size: entry.size, source: source)
                } else {
                    file = try BinaryFile(path: entry.absolutePath)
                }
            } catch {
                problems.append(ReadProblem(path: entry.relativePath, message: error.message))
                files.append(RepositoryFile(path: entry.relativePath, size: 0, kind: kind, sha256: nil))
                continue
            }
            var digest: String?
            if [.card, .config, .license, .code, .weightsIndex].contains(kind), file.size > UInt64(options.maxDocumentBytes) {
                problems.append(ReadProblem(path: entry.relativePath, message: "\(file.size) bytes, over the \(options.maxDocumentBytes)-byte limit for text files; not parsed"))
            }
            if shouldRead(entry.relativePath, kind: kind, size: file.size) {
                do {
                    let bytes = try file.read(at: 0, count: Int(file.size))
                    digest = FileHasher.sha256(of: bytes)
                    if let text = SnapshotLoader.decodeText(bytes) {
                        documents[entry.relativePath] = TextDocument(path: entry.relativePath, text: text)
                    } else {
                        problems.append(ReadProblem(path: entry.relativePath, message: "not UTF-8 text (binary content?); not parsed"))
                    }
                } catch {
                    problems.append(ReadProblem(path: entry.relativePath, message: error.message))
                }
            }
            // One read per file: the scan already parses safetensors and GGUF headers into weight facts.
            let scan = SnapshotLoader.mayCarryCode(kind) ? ModelFileScanner.scan(file, path: entry.relativePath) : nil
            if let scan { scans.append(scan) }
            if kind == .weights, let format = WeightFormat.fromExtension(entry.relativePath.lowercased()) {
                weights.append(scan?.weights ?? readWeights(file, path: entry.relativePath, format: format, problems: &problems))
            }
            if digest == nil { digest = hash(file, entry: entry, problems: &problems) }
            files.append(RepositoryFile(path: entry.relativePath, size: file.size, kind: kind, sha256: digest))
            if let document = documents[entry.relativePath], kind == .weightsIndex { indexes.append(ShardIndexReader.read(document)) }
        }

        let card = files.first { $0.kind == .card }.flatMap { documents[$0.path] }.map(ModelCardParser.parse)
        let config = documents["config.json"].map(ModelConfigReader.read)
        // tokenizer_config.json, generation_config.json, processor configs: their auto_map and chat templates count too.
        let auxiliary = files.filter { $0.path != "config.json" && !$0.path.contains("/") && $0.path.lowercased().hasSuffix("config.json") }
            .compactMap { documents[$0.path] }.map(ModelConfigReader.read)
        scans += SnapshotLoader.templateScans(files: files, documents: documents)
        let digest = FileHasher.rootDigest(files.map { ($0.path, $0.sha256) })
        let licenses = LicenseReader.analyse(files: files, documents: documents, card: card, matcher: matcher)
        var snapshot = Snapshot(
            subject: Subject(name: name, revision: revision, digest: digest, source: source), files: files, documents: documents, card: card,
            config: config, auxiliaryConfigs: auxiliary, weights: WeightsInventory(files: weights, indexes: indexes), licenses: licenses,
            problems: problems)
        snapshot.scans = scans
        return snapshot
    }

    /// Chat templates in tokenizer and processor configs, `chat_template.json` and `*.jinja` files.
    static func templateScans(files: [RepositoryFile], documents: [String: TextDocument]) -> [FileScanReport] {
        files.compactMap { file -> FileScanReport? in
            guard let document = documents[file.path] else { return nil }
            let name = file.path.lowercased()
            let findings: [SafetyFinding]
            if name.hasSuffix(".jinja") || name.hasSuffix(".jinja2") {
                findings = ChatTemplateScanner.scan(document.text, path: file.path, firstLine: 1, origin: "template")
            } else if name.hasSuffix(".json"), document.text.contains("chat_template") {
                findings = ChatTemplateScanner.scan(configDocument: document)
            } else {
                return nil
            }
            return FileScanReport(path: file.path, size: file.size, format: .text, findings: findings, imports: [])
        }
    }

    /// Weights and unclassified files are scanned by their content: a pickle can hide under any name.
    static func mayCarryCode(_ kind: FileKind) -> Bool { kind == .weights || kind == .other }

    /// Small text files a probe may read. Tokenizer vocabularies and data files are only hashed.
    private func shouldRead(_ path: String, kind: FileKind, size: UInt64) -> Bool {
        guard size <= UInt64(options.maxDocumentBytes) else { return false }
        switch kind {
        case .card, .config, .license, .code, .weightsIndex, .documentation: return true
        case .other where path.lowercased().hasSuffix(".jinja"): return true
        case .tokenizer:
            let name = path.lowercased()
            return name.hasSuffix("tokenizer_config.json") || name.contains("chat_template")
        case .weights, .other: return false
        }
    }

    private func readWeights(_ file: BinaryFile, path: String, format: WeightFormat, problems: inout [ReadProblem]) -> WeightFileFacts {
        if format == .gguf { return GGUFReader.read(file).facts(path: path, fileSize: file.size) }
        guard format == .safetensors else { return WeightFileFacts(path: path, format: format, size: file.size) }
        do {
            return try SafetensorsReader.read(file).facts(path: path, fileSize: file.size)
        } catch {
            problems.append(ReadProblem(path: path, message: error.message))
            return WeightFileFacts(path: path, format: format, size: file.size)
        }
    }

    private func hash(_ file: BinaryFile, entry: FileWalker.Entry, problems: inout [ReadProblem]) -> String? {
        // A remote file's SHA-256 comes from the Hub's tree (LFS); it is never downloaded to be hashed.
        if let known = entry.knownDigest { return known }
        let isLarge = file.size > options.largeFileThreshold || FileKind.classify(path: entry.relativePath) == .weights
        if isLarge && !options.hashLargeFiles {
            // The cache names LFS blobs by their SHA-256, which is as good as hashing when we may not.
            if let blob = entry.blobName, blob.count == 64, blob.allSatisfy(\.isHexDigit) { return blob }
            return nil
        }
        do {
            var done: UInt64 = 0
            let progress = options.progress
            let size = file.size
            let digest = try FileHasher.sha256(of: file) { count in
                done += count
                progress?(entry.relativePath, done, size)
            }
            if let blob = entry.blobName, blob.count == 64, blob != digest {
                problems.append(ReadProblem(path: entry.relativePath, message: "content does not match its cache blob name \(blob) (corrupt download?)"))
            }
            return digest
        } catch {
            problems.append(ReadProblem(path: entry.relativePath, message: error.message))
            return nil
        }
    }

    /// UTF-8 (with or without a BOM); NUL bytes mean binary content.
    static func decodeText(_ bytes: [UInt8]) -> String? {
        guard !bytes.contains(0) else { return nil }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        return String(validating: body, as: UTF8.self)
    }
}

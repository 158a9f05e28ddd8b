import Foundation
import Licenses
import ModelFormats
import TrustmarkCore

/// Reads a resolved target into a `Snapshot`: lists files, reads the small text files once (hashing
/// the same bytes), reads weight headers, and streams the remaining files through SHA-256.
public struct SnapshotLoader: Sendable {
    public var options: LoadOptions
    /// nil: the shipped catalog's, made when the licences are read. The shipped catalog starts loading on another
    /// thread when a load begins, so that it is ready by then: its load was a fifth of a short rating's run, and the
    /// files are read meanwhile.
    public var matcher: LicenseMatcher?

    public init(options: LoadOptions = LoadOptions(), matcher: LicenseMatcher? = nil) {
        self.options = options
        self.matcher = matcher
    }

    public func load(_ target: RepositoryTarget) throws(RepositoryError) -> Snapshot {
        if matcher == nil { LicenseCatalog.startLoadingShipped() }
        switch target {
        case .folder(let path):
            let root = URL(fileURLWithPath: path)
            let listing = try FileWalker(root: root, allowedRoot: root, maxFiles: options.maxFiles).walk()
            guard !listing.entries.isEmpty else { throw .emptyFolder(path) }
            return build(listing.entries, listingGaps: listing.problems, name: root.lastPathComponent, revision: nil, source: .folder)
        case .huggingFaceCache(let repository, let snapshotPath, let commit):
            let root = URL(fileURLWithPath: snapshotPath)
            let repositoryFolder = root.deletingLastPathComponent().deletingLastPathComponent()
            // A snapshot that is a link to a folder outside its cache entry is not this model's files.
            try SnapshotLoader.requireInside(root, repositoryFolder)
            let listing = try FileWalker(root: root, allowedRoot: repositoryFolder, maxFiles: options.maxFiles).walk()
            guard !listing.entries.isEmpty else { throw .emptyFolder(snapshotPath) }
            return build(listing.entries, listingGaps: listing.problems, name: repository, revision: commit, source: .huggingFaceCache)
        case .modelScopeCache(let repository, let path, let revision):
            let root = URL(fileURLWithPath: path)
            var listing = try FileWalker(root: root, allowedRoot: root, maxFiles: options.maxFiles).walk()
            listing.entries.removeAll { entry in
                ModelScopeCache.bookkeeping.contains(entry.relativePath) || entry.relativePath.hasPrefix(ModelScopeCache.temporaryFolder + "/")
            }
            guard !listing.entries.isEmpty else { throw .emptyFolder(path) }
            return build(listing.entries, listingGaps: listing.problems, name: repository, revision: revision, source: .modelScopeCache)
        case .file(let path):
            let url = URL(fileURLWithPath: path)
            // A target that is a FIFO, a device or a socket is refused, never opened (opening a FIFO waits for a writer).
            if let problem = SafeFile.notARegularFile(path) { throw .unreadable(path: path, message: problem + "; there is nothing to rate") }
            guard FileManager.default.isReadableFile(atPath: path) else { throw .unreadable(path: path, message: "permission denied") }
            let entry = FileWalker.Entry(relativePath: url.lastPathComponent, absolutePath: url.path, name: FileName(path))
            return build([entry], name: url.lastPathComponent, revision: nil, source: .file)
        }
    }

    /// Refuses a cache snapshot whose real location is not inside its repository's cache folder.
    static func requireInside(_ folder: URL, _ container: URL) throws(RepositoryError) {
        guard let real = FileWalker.realPath(FileName(folder.path)), let outer = FileWalker.realPath(FileName(container.path)),
            real.bytes.starts(with: outer.bytes + [UInt8(ascii: "/")])
        else {
            throw .unreadable(
                path: folder.path,
                message:
                    "this cache snapshot is a link to a folder outside its cache entry (\(container.lastPathComponent)); it is not rated as that model"
            )
        }
    }

    func build(_ entries: [FileWalker.Entry], listingGaps: [ReadProblem] = [], name: String, revision: String?, source: Subject.Source) -> Snapshot {
        var files: [RepositoryFile] = []
        var documents: [String: TextDocument] = [:]
        var problems = listingGaps
        var textBytes = 0
        var textLines = 0
        let hashBuffer = FileHasher.Buffer()
        let decompression = DecompressionBudget()
        var weights: [WeightFileFacts] = []
        var indexes: [ShardIndexFacts] = []
        var scans: [FileScanReport] = []

        for entry in entries {
            let kind = FileKind.classify(path: entry.relativePath)
            if let reason = entry.notFetched {
                problems.append(ReadProblem(path: entry.relativePath, message: reason))
                files.append(RepositoryFile(path: entry.relativePath, size: entry.size, kind: kind, sha256: entry.knownDigest))
                if SnapshotLoader.mayCarryCode(kind) { scans.append(SnapshotLoader.unchecked(entry.relativePath, reason)) }
                continue
            }
            let file: BinaryFile
            do {
                if let source = entry.source {
                    file = BinaryFile(path: entry.relativePath, size: entry.size, source: source)
                } else {
                    file = try BinaryFile(name: entry.name ?? FileName(entry.absolutePath), path: entry.absolutePath)
                }
            } catch {
                problems.append(ReadProblem(path: entry.relativePath, message: error.message))
                files.append(RepositoryFile(path: entry.relativePath, size: 0, kind: kind, sha256: nil))
                // A file that could carry code but cannot be opened was not checked: that is never "nothing to check".
                if SnapshotLoader.mayCarryCode(kind) { scans.append(SnapshotLoader.unchecked(entry.relativePath, error.message)) }
                continue
            }
            var digest: String?
            if [.card, .config, .license, .code, .weightsIndex].contains(kind), file.size > UInt64(options.maxDocumentBytes) {
                problems.append(
                    ReadProblem(
                        path: entry.relativePath,
                        message: "\(file.size) bytes, over the \(options.maxDocumentBytes)-byte limit for text files; not parsed"))
            }
            if shouldRead(entry.relativePath, kind: kind, size: file.size), textBytes + Int(file.size) > options.maxTextBytes {
                problems.append(
                    ReadProblem(
                        path: entry.relativePath,
                        message: "not read: the rating has read the \(options.maxTextBytes >> 20) MiB of text files it reads"))
            } else if shouldRead(entry.relativePath, kind: kind, size: file.size) {
                textBytes += Int(file.size)
                do throws(BinaryFileError) {
                    let bytes = try file.read(at: 0, count: Int(file.size))
                    guard UInt64(bytes.count) == file.size, !file.hasChanged else {
                        throw BinaryFileError(path: entry.relativePath, message: "changed while it was read; not used")
                    }
                    digest = FileHasher.sha256(of: bytes)
                    let lines = bytes.reduce(into: 1) { count, byte in if byte == 0x0A { count += 1 } }
                    if textLines + lines > options.maxTextLines {
                        problems.append(
                            ReadProblem(
                                path: entry.relativePath,
                                message: "not parsed: the rating has read the \(options.maxTextLines) lines of text files it reads"))
                    } else if let text = SnapshotLoader.decodeText(bytes) {
                        textLines += lines
                        documents[entry.relativePath] = TextDocument(path: entry.relativePath, text: text)
                    } else {
                        problems.append(ReadProblem(path: entry.relativePath, message: "not UTF-8 text (binary content?); not parsed"))
                    }
                } catch {
                    problems.append(ReadProblem(path: entry.relativePath, message: error.message))
                }
            }
            // One read per file: the scan already parses safetensors and GGUF headers into weight facts.
            let scan = SnapshotLoader.mayCarryCode(kind) ? ModelFileScanner.scan(file, path: entry.relativePath, budget: decompression) : nil
            if let scan { scans.append(scan) }
            if kind == .weights, let format = WeightFormat.fromExtension(entry.relativePath.lowercased()) {
                weights.append(scan?.weights ?? readWeights(file, path: entry.relativePath, format: format, problems: &problems))
            }
            if digest == nil { digest = hash(file, entry: entry, buffer: hashBuffer, problems: &problems) }
            files.append(RepositoryFile(path: entry.relativePath, size: file.size, kind: kind, sha256: digest))
            if let document = documents[entry.relativePath], kind == .weightsIndex { indexes.append(ShardIndexReader.read(document)) }
        }

        let card = files.first { $0.kind == .card }.flatMap { documents[$0.path] }.map(ModelCardParser.parse)
        let config = documents["config.json"].map(ModelConfigReader.read)
        // tokenizer_config.json, generation_config.json, processor configs: their auto_map and chat templates count too.
        let auxiliary = files.filter { $0.path != "config.json" && !$0.path.utf8Contains("/") && $0.path.lowercased().hasSuffix("config.json") }
            .compactMap { documents[$0.path] }.map(ModelConfigReader.read)
        scans += SnapshotLoader.templateScans(files: files, documents: documents)
        let digest = FileHasher.rootDigest(files.map { ($0.path, $0.sha256) })
        let licenses = LicenseReader.analyse(files: files, documents: documents, card: card, matcher: matcher ?? LicenseMatcher())
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
            // Python is A3's (from the same rules, `RemoteCodeRules`), not a scan of its own here: it would count twice.
            guard let document = documents[file.path], let findings = CodeOnLoadText.findings(document, python: false) else { return nil }
            return FileScanReport(path: file.path, size: file.size, format: .text, findings: findings, imports: [])
        }
    }

    /// Weights and unclassified files are scanned by their content: a pickle can hide under any name.
    static func mayCarryCode(_ kind: FileKind) -> Bool { kind == .weights || kind == .other }

    /// The scan report of a file that could carry code but could not be read: a coverage gap, which A2 reports as
    /// not checked.
    static func unchecked(_ path: String, _ reason: String) -> FileScanReport {
        FileScanReport(
            path: path, size: 0, format: .unknown,
            findings: [
                SafetyFinding(rule: "COV", severity: .coverage, message: "could not be checked: \(reason)", path: path)
            ], imports: [])
    }

    /// Small text files a probe may read. Tokenizer vocabularies and data files are only hashed.
    func shouldRead(_ path: String, kind: FileKind, size: UInt64) -> Bool {
        guard size <= UInt64(options.maxDocumentBytes) else { return false }
        switch kind {
        case .card, .config, .license, .code, .weightsIndex, .documentation: return true
        case .other where path.lowercased().hasSuffix(".jinja"): return true
        case .tokenizer:
            let name = path.lowercased()
            return name.hasSuffix("tokenizer_config.json") || name.utf8Contains("chat_template")
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

    private func hash(_ file: BinaryFile, entry: FileWalker.Entry, buffer: FileHasher.Buffer, problems: inout [ReadProblem]) -> String? {
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
            let digest = try FileHasher.sha256(of: file, buffer: buffer) { count in
                done += count
                progress?(entry.relativePath, done, size)
            }
            if let blob = entry.blobName, blob.count == 64, blob != digest {
                problems.append(
                    ReadProblem(path: entry.relativePath, message: "content does not match its cache blob name \(blob) (corrupt download?)"))
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

import Foundation
import ModelFormats
import TrustmarkCore

/// Lists a repository's files without leaving it: symbolic links to files are followed only when
/// they resolve inside `allowedRoot` (the Hugging Face cache links snapshots to `../../blobs`);
/// links to folders are never followed. Names are kept as the file system's bytes (`FileName`), so a
/// file whose name is not UTF-8 is opened and read like any other, and shown with its odd bytes escaped.
struct FileWalker {
    struct Entry {
        var relativePath: String
        var absolutePath: String
        /// The bytes to open (a local file); nil for a remote one.
        var name: FileName?
        /// The cache blob a snapshot entry links to, whose name is its digest.
        var blobName: String?
        /// For a remote file: where its bytes come from, its listed size and its listed SHA-256.
        var source: (any ByteSource)?
        var size: UInt64 = 0
        var knownDigest: String?
        /// Why a remote file is listed but not fetched (a budget ran out); nil when it is read.
        var notFetched: String?

        init(
            relativePath: String, absolutePath: String, name: FileName? = nil, blobName: String? = nil, source: (any ByteSource)? = nil,
            size: UInt64 = 0, knownDigest: String? = nil
        ) {
            self.relativePath = relativePath
            self.absolutePath = absolutePath
            self.name = name
            self.blobName = blobName
            self.source = source
            self.size = size
            self.knownDigest = knownDigest
        }
    }

    let root: URL
    let allowedRoot: URL
    let maxFiles: Int
    static let skippedFolders: Set<String> = [".git", ".cache", ".huggingface", "__pycache__", ".no_exist"]
    static let skippedFiles: Set<String> = [".DS_Store"]
    static let maxDepth = 32

    func walk() throws(RepositoryError) -> (entries: [Entry], problems: [ReadProblem]) {
        var entries: [(bytes: [UInt8], entry: Entry)] = []
        var problems: [ReadProblem] = []
        guard let allowed = FileWalker.realPath(FileName(allowedRoot.path)), let rootReal = FileWalker.realPath(FileName(root.path)) else {
            throw .unreadable(path: root.path, message: "cannot be resolved")
        }
        let allowedPrefix = allowed.bytes + [UInt8(ascii: "/")]
        var pending: [(folder: FileName, relative: [UInt8], depth: Int)] = [(FileName(root.path), [], 0)]
        // Each real folder is listed once, so links back into the tree cannot multiply the walk.
        var visited: Set<[UInt8]> = [rootReal.bytes]
        while let (folder, prefix, depth) = pending.popLast() {
            guard let names = FileWalker.list(folder) else {
                // What a folder that cannot be listed holds is unknown: the listing has a gap there.
                problems.append(
                    ReadProblem(path: prefix.isEmpty ? "." : FileName.display(prefix), message: "folder could not be listed", incompleteListing: true)
                )
                continue
            }
            for name in names {
                let path = folder.appending(FileName(bytes: name))
                let relativeBytes = prefix.isEmpty ? name : prefix + [UInt8(ascii: "/")] + name
                let relative = FileName.display(relativeBytes)
                let display = FileName.display(name)
                var status = stat()
                guard path.withCString({ lstat($0, &status) }) == 0 else {
                    problems.append(FileWalker.problem(relative, "could not be examined"))
                    continue
                }
                var target = path
                var blobName: String?
                if (status.st_mode & S_IFMT) == S_IFLNK {
                    guard let resolved = FileWalker.realPath(path), resolved.bytes.starts(with: allowedPrefix),
                        resolved.withCString({ stat($0, &status) }) == 0
                    else {
                        problems.append(FileWalker.problem(relative, "symbolic link points outside the repository; not read"))
                        continue
                    }
                    // Links to folders are not followed: real folders are listed where they are, and loops cannot form.
                    if (status.st_mode & S_IFMT) == S_IFDIR {
                        problems.append(FileWalker.problem(relative, "symbolic link to a folder; not followed"))
                        continue
                    }
                    target = resolved
                    let components = resolved.bytes.split(separator: UInt8(ascii: "/"))
                    if components.count >= 2, Array(components[components.count - 2]) == Array("blobs".utf8) {
                        blobName = FileName.display(Array(components[components.count - 1]))
                    }
                }
                switch status.st_mode & S_IFMT {
                case S_IFDIR:
                    guard !FileWalker.skippedFolders.contains(display) else { continue }
                    guard let real = FileWalker.realPath(target), visited.insert(real.bytes).inserted else {
                        problems.append(FileWalker.problem(relative, "links to a folder already read; not read again"))
                        continue
                    }
                    guard depth < FileWalker.maxDepth else {
                        problems.append(
                            ReadProblem(
                                path: relative, message: "folders nest deeper than \(FileWalker.maxDepth) levels; not read", incompleteListing: true))
                        continue
                    }
                    pending.append((target, relativeBytes, depth + 1))
                case S_IFREG:
                    guard !FileWalker.skippedFiles.contains(display) else { continue }
                    entries.append(
                        (relativeBytes, Entry(relativePath: relative, absolutePath: FileName.display(target.bytes), name: target, blobName: blobName))
                    )
                    if entries.count > maxFiles { throw .tooManyFiles(path: root.path, limit: maxFiles) }
                default:
                    problems.append(FileWalker.problem(relative, "not a regular file (\(BinaryFile.kind(status.st_mode))); not read"))
                }
            }
        }
        return (entries.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }.map(\.entry), problems)
    }

    /// A file that was listed but not read. Where the file could carry code (weights, an unclassified binary), a loader
    /// might still read it — through a link out of the repository, or from a FIFO — so the listing counts as having a gap.
    static func problem(_ path: String, _ message: String) -> ReadProblem {
        let kind = FileKind.classify(path: path)
        return ReadProblem(path: path, message: message, incompleteListing: SnapshotLoader.mayCarryCode(kind) ? true : nil)
    }

    /// The names in a folder (without `.` and `..`), or nil when it cannot be opened.
    static func list(_ folder: FileName) -> [[UInt8]]? {
        guard let directory = folder.withCString({ opendir($0) }) else { return nil }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix(while: { $0 != 0 })) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return names
    }

    static func realPath(_ name: FileName) -> FileName? {
        guard let resolved = name.withCString({ realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return FileName(
            bytes: Array(UnsafeBufferPointer(start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self), count: strlen(resolved))))
    }
}

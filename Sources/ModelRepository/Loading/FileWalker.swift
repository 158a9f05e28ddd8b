import Foundation
import ModelFormats

/// Lists a repository's files without leaving it: symbolic links to files are followed only when
/// they resolve inside `allowedRoot` (the Hugging Face cache links snapshots to `../../blobs`);
/// links to folders are never followed.
struct FileWalker {
    struct Entry {
        var relativePath: String
        var absolutePath: String
        /// The cache blob a snapshot entry links to, whose name is its digest.
        var blobName: String?
        /// For a remote file: where its bytes come from, its listed size and its listed SHA-256.
        var source: (any ByteSource)?
        var size: UInt64 = 0
        var knownDigest: String?
    }

    let root: URL
    let allowedRoot: URL
    let maxFiles: Int
    static let skippedFolders: Set<String> = [".git", ".cache", ".huggingface", "__pycache__", ".no_exist"]
    static let skippedFiles: Set<String> = [".DS_Store"]

    func walk() throws(RepositoryError) -> (entries: [Entry], problems: [(String, String)]) {
        var entries: [Entry] = []
        var problems: [(String, String)] = []
        var pending: [(URL, String, Int)] = [(root, "", 0)]
        let allowed = allowedRoot.resolvingSymlinksInPath().path
        // Each real folder is listed once, so links back into the tree cannot multiply the walk.
        var visited: Set<String> = [root.resolvingSymlinksInPath().path]
        while let (folder, prefix, depth) = pending.popLast() {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            } catch {
                problems.append((prefix.isEmpty ? "." : prefix, "folder could not be listed"))
                continue
            }
            for name in names {
                let url = folder.appendingPathComponent(name)
                let relative = prefix.isEmpty ? name : prefix + "/" + name
                var status = stat()
                guard lstat(url.path, &status) == 0 else {
                    problems.append((relative, "could not be examined"))
                    continue
                }
                var target = url
                var blobName: String?
                if (status.st_mode & S_IFMT) == S_IFLNK {
                    let resolved = url.resolvingSymlinksInPath()
                    guard resolved.path.hasPrefix(allowed + "/"), stat(resolved.path, &status) == 0 else {
                        problems.append((relative, "symbolic link points outside the repository; not read"))
                        continue
                    }
                    // Links to folders are not followed: real folders are listed where they are, and loops cannot form.
                    if (status.st_mode & S_IFMT) == S_IFDIR {
                        problems.append((relative, "symbolic link to a folder; not followed"))
                        continue
                    }
                    target = resolved
                    if resolved.deletingLastPathComponent().lastPathComponent == "blobs" { blobName = resolved.lastPathComponent }
                }
                switch status.st_mode & S_IFMT {
                case S_IFDIR:
                    guard !FileWalker.skippedFolders.contains(name) else { continue }
                    guard visited.insert(target.resolvingSymlinksInPath().path).inserted else {
                        problems.append((relative, "links to a folder already read; not read again"))
                        continue
                    }
                    guard depth < 32 else {
                        problems.append((relative, "folders nest deeper than 32 levels; not read"))
                        continue
                    }
                    pending.append((target, relative, depth + 1))
                case S_IFREG:
                    guard !FileWalker.skippedFiles.contains(name) else { continue }
                    entries.append(Entry(relativePath: relative, absolutePath: target.path, blobName: blobName))
                    if entries.count > maxFiles { throw .tooManyFiles(path: root.path, limit: maxFiles) }
                default:
                    problems.append((relative, "not a regular file; not read"))
                }
            }
        }
        return (entries.sorted { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }, problems)
    }
}

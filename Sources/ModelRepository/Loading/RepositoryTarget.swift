import Foundation
import ModelFormats

/// Where a snapshot comes from, once a command-line target has been resolved.
public enum RepositoryTarget: Sendable, Equatable {
    /// A plain folder.
    case folder(path: String)
    /// A repository in the Hugging Face cache: `models--org--name/snapshots/<commit>`.
    case huggingFaceCache(repository: String, snapshotPath: String, commit: String)
    /// One weights file.
    case file(path: String)
    /// A model folder in the ModelScope cache; `revision` is the branch or tag its `.mv` file records.
    case modelScopeCache(repository: String, path: String, revision: String?)

    /// Resolves a folder, a file, a cache folder (`models--org--name` or one of its snapshots), or
    /// `org/name[@revision]` looked up in the local Hugging Face cache.
    public static func resolve(
        _ target: String, revision: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        throws(RepositoryError) -> RepositoryTarget
    {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        let path = (target as NSString).expandingTildeInPath
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory) {
            // A revision was asked for a path: only a cache's repository folder has revisions to choose from. Ignoring it
            // silently would rate other files than the user asked for.
            func refuseRevision() throws(RepositoryError) {
                if let revision { throw .revisionNotApplicable(path: target, revision: revision) }
            }
            guard isDirectory.boolValue else {
                try refuseRevision()
                return .file(path: path)
            }
            let url = URL(fileURLWithPath: path).standardizedFileURL
            let name = url.lastPathComponent
            if name.hasPrefix("models--"), fileManager.fileExists(atPath: url.appendingPathComponent("snapshots").path) {
                return try cached(repositoryFolder: url, revision: revision)
            }
            if ModelScopeCache.isModelFolder(url) {
                try refuseRevision()
                return .modelScopeCache(
                    repository: ModelScopeCache.repositoryName(of: url), path: url.path, revision: ModelScopeCache.revision(of: url))
            }
            let parent = url.deletingLastPathComponent()
            if parent.lastPathComponent == "snapshots", parent.deletingLastPathComponent().lastPathComponent.hasPrefix("models--") {
                let repository = repositoryName(fromCacheFolder: parent.deletingLastPathComponent().lastPathComponent)
                if let revision, revision != name { throw .revisionNotApplicable(path: target, revision: revision) }
                return .huggingFaceCache(repository: repository, snapshotPath: url.path, commit: name)
            }
            try refuseRevision()
            return .folder(path: url.path)
        }
        if let (repository, inlineRevision) = repositoryID(target) {
            let searched = cacheRoots(environment)
            for root in searched {
                let folder = URL(fileURLWithPath: root).appendingPathComponent("models--" + repository.replacingOccurrences(of: "/", with: "--"))
                if fileManager.fileExists(atPath: folder.appendingPathComponent("snapshots").path) {
                    return try cached(repositoryFolder: folder, revision: inlineRevision ?? revision)
                }
            }
            throw .notInCache(repository: repository, searched: searched)
        }
        throw .notFound(target)
    }

    /// `org/name` or `org/name@revision` (also with an `hf://` prefix).
    static func repositoryID(_ target: String) -> (String, String?)? {
        var text = target
        if text.hasPrefix("hf://") { text.removeFirst(5) }
        let parts = text.split(separator: "@", maxSplits: 1).map(String.init)
        let names = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard names.count == 2, names.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(allowed.contains) && !$0.hasPrefix(".") }) else {
            return nil
        }
        return (parts[0], parts.count > 1 ? parts[1] : nil)
    }

    /// The cache folders to search, in the order the Hugging Face clients use.
    static func cacheRoots(_ environment: [String: String]) -> [String] {
        var roots: [String] = []
        if let cache = environment["HF_HUB_CACHE"] ?? environment["HUGGINGFACE_HUB_CACHE"] { roots.append(cache) }
        if let home = environment["HF_HOME"] { roots.append(home + "/hub") }
        if let xdg = environment["XDG_CACHE_HOME"] { roots.append(xdg + "/huggingface/hub") }
        if let home = environment["HOME"] { roots.append(home + "/.cache/huggingface/hub") }
        var seen = Set<String>()
        return roots.filter { seen.insert($0).inserted }
    }

    static func repositoryName(fromCacheFolder name: String) -> String {
        let body = name.dropFirst("models--".count)
        guard let separator = body.range(of: "--") else { return String(body) }
        return body[..<separator.lowerBound] + "/" + body[separator.upperBound...]
    }

    /// A revision is a commit if it is 40 hex digits; otherwise `refs/<revision>` names the commit.
    static func cached(repositoryFolder: URL, revision: String?) throws(RepositoryError) -> RepositoryTarget {
        let repository = repositoryName(fromCacheFolder: repositoryFolder.lastPathComponent)
        let wanted = revision ?? "main"
        var commit = wanted
        let isCommit = wanted.count == 40 && wanted.allSatisfy(\.isHexDigit)
        if !isCommit {
            let reference = repositoryFolder.appendingPathComponent("refs").appendingPathComponent(wanted)
            // A ref holds a commit id: only a regular file of at most 1 KiB is read (never a FIFO, never a huge file).
            if let bytes = try? SafeFile.read(reference.path, limit: 1024) {
                commit = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        let snapshot = repositoryFolder.appendingPathComponent("snapshots").appendingPathComponent(commit)
        var isDirectory: ObjCBool = false
        guard commit.count == 40, commit.allSatisfy(\.isHexDigit), FileManager.default.fileExists(atPath: snapshot.path, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            let available =
                (try? FileManager.default.contentsOfDirectory(atPath: repositoryFolder.appendingPathComponent("snapshots").path))?.sorted() ?? []
            throw .cacheRevisionMissing(repository: repository, revision: wanted, available: available)
        }
        return .huggingFaceCache(repository: repository, snapshotPath: snapshot.path, commit: commit)
    }
}

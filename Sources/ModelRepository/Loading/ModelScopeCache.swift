import Foundation
import ModelFormats

/// The ModelScope client's cache: one folder per model, `$MODELSCOPE_CACHE/hub/models/{owner}/{name}` (older
/// clients: `hub/{owner}/{name}`), with `.` in names written as `___`. Beside the files it keeps `.mdl` and
/// `.msc` — Python pickles, which are never unpickled or rated (they are the client's bookkeeping, not the
/// model) — and `.mv`, a line `Revision:<branch or tag>,CreatedAt:<unix time>`. It holds one version of each
/// file and no commit ids, so a cached rating names the branch or tag, not a commit.
public enum ModelScopeCache {
    /// The client's own files, left out of a rating.
    static let bookkeeping: Set<String> = [".mdl", ".msc", ".mv"]
    static let temporaryFolder = "._____temp"

    /// A folder the ModelScope client wrote: it has one of the client's bookkeeping files.
    static func isModelFolder(_ url: URL) -> Bool {
        bookkeeping.contains { FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path) }
    }

    /// `owner/name` from the folder's last two components, undoing the `___` escape.
    static func repositoryName(of url: URL) -> String {
        let name = url.lastPathComponent.replacingOccurrences(of: "___", with: ".")
        return url.deletingLastPathComponent().lastPathComponent + "/" + name
    }

    /// The revision `.mv` records, read as text (at most 1 KiB).
    static func revision(of url: URL) -> String? {
        // Opened without waiting (a FIFO is refused) and read only as far as a revision line goes.
        guard let file = try? BinaryFile(path: url.appendingPathComponent(".mv").path) else { return nil }
        let text = String(decoding: (try? file.read(at: 0, count: 1024)) ?? [], as: UTF8.self)
        for field in text.split(separator: ",") {
            let parts = field.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            if parts.count == 2, parts[0] == "Revision", !parts[1].isEmpty, parts[1].utf8.count <= 256 { return parts[1] }
        }
        return nil
    }

    /// The cache roots to search, `MODELSCOPE_CACHE` first.
    static func roots(_ environment: [String: String]) -> [String] {
        var roots: [String] = []
        if let cache = environment["MODELSCOPE_CACHE"], !cache.isEmpty { roots.append(cache) }
        if let home = environment["HOME"] { roots.append(home + "/.cache/modelscope") }
        var seen = Set<String>()
        return roots.filter { seen.insert($0).inserted }
    }

    /// Finds `owner/name` in the cache; a requested revision must be the one cached.
    public static func resolve(
        _ repository: String, revision: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    )
        throws(RepositoryError) -> RepositoryTarget
    {
        let parts = repository.split(separator: "/").map(String.init)
        guard parts.count == 2 else { throw .notFound(repository) }
        let escaped = parts[1].replacingOccurrences(of: ".", with: "___")
        var searched: [String] = []
        for root in roots(environment) {
            for layout in ["hub/models", "hub"] {
                let folder = URL(fileURLWithPath: root).appendingPathComponent(layout).appendingPathComponent(parts[0]).appendingPathComponent(
                    escaped)
                searched.append(folder.path)
                // At the cache's own path for this model, any folder is the entry (clients differ in bookkeeping files).
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
                let cached = ModelScopeCache.revision(of: folder)
                if let revision, revision != cached {
                    throw .cacheRevisionMissing(repository: repository, revision: revision, available: cached.map { [$0] } ?? [])
                }
                return .modelScopeCache(repository: repository, path: folder.path, revision: cached)
            }
        }
        throw .notInModelScopeCache(repository: repository, searched: searched)
    }
}

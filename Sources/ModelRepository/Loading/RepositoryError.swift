/// Why a target could not be turned into a snapshot. Each message names the path and says what to do.
public enum RepositoryError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    case notInCache(repository: String, searched: [String])
    case notInModelScopeCache(repository: String, searched: [String])
    case emptyFolder(String)
    case cacheRevisionMissing(repository: String, revision: String, available: [String])
    case unreadable(path: String, message: String)
    case tooManyFiles(path: String, limit: Int)
    /// `--revision` for a target that has no revisions (a folder, a file) or is one already (a cache snapshot).
    case revisionNotApplicable(path: String, revision: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): no such file or folder"
        case .notInCache(let repository, let searched):
            return "\(repository): not a local path, and not in the Hugging Face cache (searched \(searched.joined(separator: ", "))). "
                + "Download it first (`hf download \(repository)`) or pass a folder."
        case .notInModelScopeCache(let repository, let searched):
            return "\(repository): offline, and not in the ModelScope cache (searched \(searched.joined(separator: ", "))). "
                + "Download it first (`modelscope download \(repository)`) or pass a folder."
        case .emptyFolder(let path):
            return "\(path): the folder is empty; there is nothing to rate"
        case .cacheRevisionMissing(let repository, let revision, let available):
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "\(repository): revision \(revision) is not in the local cache (cached: \(list))"
        case .unreadable(let path, let message):
            return "\(path): \(message)"
        case .tooManyFiles(let path, let limit):
            return "\(path): more than \(limit) files; this does not look like a model repository"
        case .revisionNotApplicable(let path, let revision):
            return "\(path): --revision \(revision) applies to a Hub repository or a cached one (org/name), not to a local folder or file; "
                + "drop --revision, or rate org/name@\(revision)"
        }
    }
}

import Foundation

/// Which model hub a repository lives on. Both are read through the same interface into the same
/// snapshot; they differ in API shapes, default branch, credentials and cache layout.
public enum HubPlatform: String, Sendable, Equatable, Codable {
    case huggingFace = "huggingface"
    case modelScope = "modelscope"

    /// The branch a repository is read at when no revision is given.
    public var defaultRevision: String { self == .huggingFace ? "main" : "master" }
}

/// A repository on the Hugging Face Hub (or a mirror), as a user names it: `org/name`,
/// `org/name@revision`, `hf://org/name@revision`, or a Hub URL such as
/// `https://huggingface.co/org/name/tree/v1.0`. ModelScope repositories are named `ms://owner/name[@revision]`
/// (also `modelscope://`) or by a `modelscope.cn` / `modelscope.ai` URL.
public struct HubReference: Sendable, Equatable {
    public var repository: String
    /// A branch, tag or commit; the platform's default branch when none is given.
    public var revision: String
    public var platform: HubPlatform

    public init(repository: String, revision: String? = nil, platform: HubPlatform = .huggingFace) {
        self.repository = repository
        self.revision = revision ?? platform.defaultRevision
        self.platform = platform
    }

    public static func parse(_ text: String, revision override: String? = nil) -> HubReference? {
        var body = text
        var revision: String?
        var platform = HubPlatform.huggingFace
        if let url = URL(string: text), let scheme = url.scheme, scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty {
            // Split the encoded path: a revision such as refs%2Fpr%2F1 holds an encoded slash.
            let encoded = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
            var parts = encoded.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
            if host.lowercased().utf8Contains("modelscope") { platform = .modelScope }
            if parts.first == "models" { parts.removeFirst() }
            guard parts.count >= 2 else { return nil }
            body = parts[0] + "/" + parts[1]
            // /org/name/tree/<rev>, /org/name/blob/<rev>/..., /org/name/resolve/<rev>/...
            if parts.count >= 4, ["tree", "blob", "resolve"].contains(parts[2]) { revision = parts[3] }
        } else if body.hasPrefix("hf://") {
            body.removeFirst(5)
            if body.hasPrefix("models/") { body.removeFirst(7) }
        } else if let scheme = ["ms://", "modelscope://"].first(where: { body.hasPrefix($0) }) {
            body.removeFirst(scheme.count)
            if body.hasPrefix("models/") { body.removeFirst(7) }
            platform = .modelScope
        }
        if let at = body.firstIndex(of: "@") {
            revision = String(body[body.index(after: at)...])
            body = String(body[..<at])
        }
        guard let (repository, _) = RepositoryTarget.repositoryID(body) else { return nil }
        let chosen = override ?? revision ?? platform.defaultRevision
        guard !chosen.isEmpty, !chosen.utf8Contains(".."), chosen.utf8.count <= 256 else { return nil }
        return HubReference(repository: repository, revision: chosen, platform: platform)
    }

    /// A revision that is already a commit needs no lookup.
    public var isCommit: Bool { revision.count == 40 && revision.allSatisfy(\.isHexDigit) }
}

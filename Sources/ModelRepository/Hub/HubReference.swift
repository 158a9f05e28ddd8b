import Foundation

/// A repository on the Hugging Face Hub (or a mirror), as a user names it: `org/name`,
/// `org/name@revision`, `hf://org/name@revision`, or a Hub URL such as
/// `https://huggingface.co/org/name/tree/v1.0`.
public struct HubReference: Sendable, Equatable {
    public var repository: String
    /// A branch, tag or commit; `main` when none is given.
    public var revision: String

    public init(repository: String, revision: String = "main") {
        self.repository = repository
        self.revision = revision
    }

    public static func parse(_ text: String, revision override: String? = nil) -> HubReference? {
        var body = text
        var revision: String?
        if let url = URL(string: text), let scheme = url.scheme, scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty {
            // Split the encoded path: a revision such as refs%2Fpr%2F1 holds an encoded slash.
            let encoded = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
            var parts = encoded.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
            if parts.first == "models" { parts.removeFirst() }
            guard parts.count >= 2 else { return nil }
            body = parts[0] + "/" + parts[1]
            // /org/name/tree/<rev>, /org/name/blob/<rev>/..., /org/name/resolve/<rev>/...
            if parts.count >= 4, ["tree", "blob", "resolve"].contains(parts[2]) { revision = parts[3] }
        } else if body.hasPrefix("hf://") {
            body.removeFirst(5)
            if body.hasPrefix("models/") { body.removeFirst(7) }
        }
        if let at = body.firstIndex(of: "@") {
            revision = String(body[body.index(after: at)...])
            body = String(body[..<at])
        }
        guard let (repository, _) = RepositoryTarget.repositoryID(body) else { return nil }
        let chosen = override ?? revision ?? "main"
        guard !chosen.isEmpty, !chosen.contains(".."), chosen.utf8.count <= 256 else { return nil }
        return HubReference(repository: repository, revision: chosen)
    }

    /// A revision that is already a commit needs no lookup.
    public var isCommit: Bool { revision.count == 40 && revision.allSatisfy(\.isHexDigit) }
}

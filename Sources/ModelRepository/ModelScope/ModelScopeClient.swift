import Foundation
import TrustmarkCore

/// ModelScope's model API (`/api/v1`, the one its own Python client uses), as a rating needs it: model
/// info at a revision, the revision list, the recursive file listing (walked again folder by folder
/// when it hits the server's silent 3,000-entry cut), and file downloads, whole or by range. Requests,
/// deadlines, retries and redirects are the Hub client's; only the shapes differ.
///
/// Answers come in an envelope, `{"Code":200,"Data":{…},"Success":true,"Message":…}`; a failure can
/// arrive as an HTTP error or as HTTP 200 with `Success: false`, and both end in one clear error.
public struct ModelScopeClient: Sendable {
    let http: HubClient

    public init(
        configuration: HubConfiguration, transport: any HTTPTransport = CurlTransport.shared,
        sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
    ) {
        http = HubClient(configuration: configuration, transport: transport, sleep: sleep)
    }

    public var configuration: HubConfiguration { http.configuration }
    public var transferred: (bytes: Int, requests: Int) { http.transferred }

    /// One entry of `repo/files`: `Path`, `Size`, `Sha256` (of the content), `Revision` (the commit that
    /// last changed the file) and `CommittedDate` (unix seconds).
    public struct FileEntry: Sendable, Equatable {
        public var path: String
        public var size: UInt64
        public var sha256: String?
        public var commit: String?
        public var committedDate: Int64?
    }

    public struct Listing: Sendable {
        public var files: [FileEntry]
        /// Every response body, in request order, kept as evidence.
        public var pages: [[UInt8]]
        /// Folders whose listing may still be incomplete (a single level past the server's limit).
        public var problems: [(path: String, message: String)]
    }

    // MARK: requests

    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? value
    }

    func url(_ path: String, _ query: [(String, String)] = []) -> URL? {
        let encoded = query.map { "\($0.0)=\(ModelScopeClient.encode($0.1))" }.joined(separator: "&")
        return URL(string: configuration.endpoint + path + (encoded.isEmpty ? "" : "?" + encoded))
    }

    /// The envelope's `Data`, or the error it stands for.
    func call(_ path: String, _ query: [(String, String)] = [], repository: String) throws(HubError) -> (body: [UInt8], data: JSONNode) {
        guard let url = url(path, query) else { throw .modelScope(repository: repository, message: "is not a valid ModelScope model id") }
        let response: HTTPResponse
        do {
            response = try http.get(url, repository: repository).response
        } catch {
            throw ModelScopeClient.translate(error, repository: repository, endpoint: configuration.endpoint)
        }
        guard let json = try? JSONParser.parse(response.body), json.members != nil else {
            throw .malformed(url: url.absoluteString, message: "not a ModelScope JSON envelope")
        }
        let code = json["Code"]?.uint64
        let success = json["Success"]?.bool
        guard success != false, code == nil || code == 200, let data = json["Data"], data.members != nil else {
            let message = json["Message"]?.string ?? "no data"
            let lower = message.lowercased()
            let missing = ["not exist", "not found", "不存在"].contains { lower.utf8Contains($0) }
            if missing, lower.utf8Contains("revision") {
                throw .modelScope(
                    repository: repository,
                    message: "the revision does not exist on ModelScope (\(message)); use a branch, tag or commit of this model")
            }
            throw .modelScope(
                repository: repository,
                message: missing
                    ? ModelScopeClient.notFoundAdvice(configuration.endpoint) + " (\(message))"
                    : "ModelScope answered code \(code.map(String.init) ?? "?"): \(message)")
        }
        return (response.body, data)
    }

    static func notFoundAdvice(_ endpoint: String) -> String {
        "no such model on ModelScope (\(endpoint)), or it is private (set MODELSCOPE_API_TOKEN to a token that can read it)"
    }

    /// The Hub client's errors carry Hugging Face advice; on ModelScope the advice is different.
    static func translate(_ error: HubError, repository: String, endpoint: String) -> HubError {
        switch error {
        case .notFound, .revisionNotFound:
            return .modelScope(repository: repository, message: notFoundAdvice(endpoint))
        case .gated(_, let message):
            return .modelScope(
                repository: repository, message: "access refused by ModelScope — set MODELSCOPE_API_TOKEN to a token that can read it (\(message))")
        case .unauthorized:
            return .modelScope(repository: repository, message: "the token was refused (check MODELSCOPE_API_TOKEN)")
        case .disabled:
            return .modelScope(repository: repository, message: "access to this model is disabled on ModelScope")
        default:
            return error
        }
    }

    // MARK: API

    /// `GET /api/v1/models/{owner}/{name}?Revision=…`.
    public func modelInfo(repository: String, revision: String) throws(HubError) -> (body: [UInt8], data: JSONNode) {
        try call("/api/v1/models/\(repository)", [("Revision", revision)], repository: repository)
    }

    /// A branch or tag of the repository, as `GET /api/v1/models/{id}/revisions` lists it.
    public struct RevisionDetail: Sendable, Equatable {
        public var name: String
        public var isTag: Bool
        /// When the listing names the commit (a field the API does not document; read if present).
        public var commit: String?
    }

    /// The branches and tags, or nil when the server does not answer this call (a mirror may not); then the model
    /// info request decides whether the model and revision exist.
    public func revisions(repository: String) throws(HubError) -> (body: [UInt8], revisions: [RevisionDetail])? {
        let answer: (body: [UInt8], data: JSONNode)
        do {
            answer = try call("/api/v1/models/\(repository)/revisions", repository: repository)
        } catch {
            // A server without this call (a mirror), or one that refuses it: the model info that follows says why.
            return nil
        }
        let map = answer.data["RevisionMap"]
        var details: [RevisionDetail] = []
        for (key, isTag) in [("Branches", false), ("Tags", true)] {
            for item in map?[key]?.elements ?? [] {
                guard let name = item["Revision"]?.string else { continue }
                let commit = ["CommitId", "Sha", "CommitSha"].lazy.compactMap { item[$0]?.string }.first { ModelScopeClient.isCommit($0) }
                details.append(RevisionDetail(name: name, isTag: isTag, commit: commit?.lowercased()))
            }
        }
        return (answer.body, details)
    }

    static func isCommit(_ text: String) -> Bool { (7...64).contains(text.count) && text.allSatisfy(\.isHexDigit) }

    /// Every file at a revision. A recursive listing that reaches the server's limit was cut short: that
    /// folder is listed one level deep and each subfolder walked the same way.
    public func files(repository: String, revision: String) throws(HubError) -> Listing {
        var listing = Listing(files: [], pages: [], problems: [])
        var requests = 0
        func list(_ root: String?, recursive: Bool) throws(HubError) -> [JSONNode] {
            requests += 1
            guard requests <= 10_000 else { throw .malformed(url: configuration.endpoint, message: "more than 10000 listing requests") }
            var query = [("Revision", revision), ("Recursive", recursive ? "True" : "False")]
            if let root { query.append(("Root", root)) }
            let (body, data) = try call("/api/v1/models/\(repository)/repo/files", query, repository: repository)
            listing.pages.append(body)
            return data["Files"]?.elements ?? []
        }
        func add(_ items: [JSONNode]) throws(HubError) {
            guard let entries = ModelScopeClient.fileEntries(items) else {
                throw .malformed(url: configuration.endpoint, message: "a file entry without Path or Size")
            }
            listing.files += entries
            guard listing.files.count <= configuration.maxFiles else { throw .tooManyFiles(repository: repository, limit: configuration.maxFiles) }
            guard listing.pages.reduce(0, { $0 + $1.count }) <= configuration.treeBytes else {
                throw .malformed(
                    url: configuration.endpoint,
                    message: "the file listing is larger than \(configuration.treeBytes >> 20) MiB; this does not look like a model repository")
            }
        }
        func walk(_ root: String?, depth: Int) throws(HubError) {
            let everything = try list(root, recursive: true)
            if everything.count < configuration.listingLimit {
                try add(everything)
                return
            }
            let level = try list(root, recursive: false)
            try add(level)
            if level.count >= configuration.listingLimit {
                listing.problems.append(
                    (root ?? ".", "ModelScope lists at most \(configuration.listingLimit) entries per folder; this folder may hold more"))
            }
            for folder in level where folder["Type"]?.string == "tree" {
                guard let path = folder["Path"]?.string, depth < 64 else { continue }
                try walk(path, depth: depth + 1)
            }
        }
        try walk(nil, depth: 0)
        listing.files = ModelScopeClient.deduplicated(listing.files)
        return listing
    }

    /// The files (not folders) of one listing answer's `Files`; nil when an entry has no path or size.
    static func fileEntries(_ items: [JSONNode]) -> [FileEntry]? {
        var entries: [FileEntry] = []
        for item in items where item["Type"]?.string != "tree" {
            guard let path = item["Path"]?.string, let size = item["Size"]?.uint64 else { return nil }
            let digest = item["Sha256"]?.string.flatMap { $0.count == 64 && $0.allSatisfy(\.isHexDigit) ? $0.lowercased() : nil }
            let date = item["CommittedDate"]?.uint64.map { Int64(clamping: $0) }
            entries.append(FileEntry(path: path, size: size, sha256: digest, commit: item["Revision"]?.string, committedDate: date))
        }
        return entries
    }

    /// Folder-by-folder walks can meet a file twice; one entry per path, in path order.
    static func deduplicated(_ files: [FileEntry]) -> [FileEntry] {
        var seen = Set<String>()
        return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }.filter { seen.insert($0.path).inserted }
    }

    /// The listing the saved answers of `files` give (an evidence bundle's `api/tree-N.json`), or nil if one is not a
    /// listing answer.
    static func listing(fromPages pages: [[UInt8]]) -> [FileEntry]? {
        var files: [FileEntry] = []
        for page in pages {
            guard let json = try? JSONParser.parse(page), let items = json["Data"]?["Files"]?.elements ?? (json["Data"] != nil ? [] : nil),
                let entries = fileEntries(items)
            else { return nil }
            files += entries
        }
        return deduplicated(files)
    }

    /// `GET /api/v1/models/{id}/repo?Revision=…&FilePath=…`, whole or one range.
    public func download(repository: String, revision: String, path: String, range: Range<UInt64>? = nil) throws(HubError) -> [UInt8] {
        guard let url = url("/api/v1/models/\(repository)/repo", [("Revision", revision), ("FilePath", path)]) else {
            throw .modelScope(repository: repository, message: "is not a valid ModelScope model id")
        }
        do {
            return try http.fetchFile(url, repository: repository, range: range)
        } catch {
            throw ModelScopeClient.translate(error, repository: repository, endpoint: configuration.endpoint)
        }
    }
}

import Crypto
import Foundation

/// ModelScope's `/api/v1` routes over the same `FakeRepository` values, in the shapes its Python client
/// (modelscope/hub/api.py, file_download.py, utils/caching.py) reads: the `{"Code","Data","Message","Success"}`
/// envelope; model info with `Path`, `Name`, `License`, `Downloads`, `Stars`, `CreatedTime`, `LastUpdatedTime`,
/// `Visibility`; `revisions` with `RevisionMap.{Branches,Tags}[].{Revision,CreatedAt}`; `repo/files` entries with
/// `Name`, `Path`, `Type` (`blob`/`tree`), `Size`, `Sha256`, `Revision` (the commit that last changed the file)
/// and `CommittedDate`, silently cut at `listingLimit` entries like the real server; and `repo?FilePath=`
/// downloads with byte ranges. No recorded ModelScope response exists to replay (none is published), so these
/// shapes come from the client's source.
public final class FakeModelScopeRoutes: @unchecked Sendable {
    public init() {}

    public var repositories: [String: FakeRepository] = [:]
    /// Tags besides the `master` branch, per repository.
    public var tags: [String: [String]] = [:]
    /// Per path: the commit that last changed it and when (default: the repository's `sha`, 1737367194).
    public var fileCommits: [String: (commit: String, date: Int)] = [:]
    /// Repositories that answer 401, as a private model does without a token.
    public var privateRepositories: Set<String> = []
    /// The server's silent cut of a listing.
    public var listingLimit = 3000
    /// A mirror without the revisions call: it answers 404.
    public var revisionsUnavailable = false
    /// Answer this many requests with 429 before serving.
    public var rateLimitedRequests = 0
    public private(set) var listingRequests = 0
    private let lock = NSLock()

    static func envelope(_ data: String) -> FakeHub.Reply {
        let body = "{\"Code\":200,\"Data\":\(data),\"Message\":\"success\",\"RequestId\":\"fake\",\"Success\":true}"
        return .respond(status: 200, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
    }

    static func failure(_ code: Int, _ message: String) -> FakeHub.Reply {
        let body = "{\"Code\":\(code),\"Data\":null,\"Message\":\"\(message)\",\"RequestId\":\"fake\",\"Success\":false}"
        return .respond(status: 200, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
    }

    public func reply(_ request: FakeHub.Request) -> FakeHub.Reply {
        lock.lock()
        if rateLimitedRequests > 0 {
            rateLimitedRequests -= 1
            lock.unlock()
            return .respond(status: 429, headers: ["Retry-After": "0"], body: Array("Too Many Requests".utf8))
        }
        lock.unlock()
        let parts = request.path.split(separator: "/").map(String.init)
        guard parts.count >= 5, parts[0] == "api", parts[1] == "v1", parts[2] == "models" else {
            return .respond(status: 404, headers: [:], body: [])
        }
        let id = parts[3] + "/" + parts[4]
        if privateRepositories.contains(id) {
            return .respond(status: 401, headers: [:], body: Array("{\"Code\":401,\"Message\":\"Unauthorized\"}".utf8))
        }
        guard let repository = repositories[id] else { return Self.failure(10010205001, "model not exist: \(id)") }
        let revision = request.query["Revision"] ?? "master"
        let known = ["master"] + (tags[id] ?? []) + [repository.sha] + fileCommits.values.map(\.commit)
        switch parts.count == 5 ? "info" : parts[5...].joined(separator: "/") {
        case "info":
            guard known.contains(revision) else { return Self.failure(10010205002, "revision not exist: \(revision)") }
            return Self.envelope(
                """
                {"Id":12345,"Path":"\(parts[3])","Name":"\(parts[4])","ChineseName":"","Visibility":5,"License":"Apache License 2.0",\
                "Downloads":\(repository.downloads),"Stars":\(repository.likes),"CreatedTime":1737367194,"LastUpdatedTime":1743048119,\
                "Architectures":["Qwen2ForCausalLM"],"ModelType":["qwen2"],"Tasks":[{"Name":"text-generation"}],"Tags":["safetensors"],\
                "Revision":"\(revision)","ReadMeContent":""}
                """)
        case "revisions":
            if revisionsUnavailable { return .respond(status: 404, headers: [:], body: []) }
            let branches = "[{\"Revision\":\"master\",\"CreatedAt\":1743048119}]"
            let tagList = (tags[id] ?? []).map { "{\"Revision\":\"\($0)\",\"CreatedAt\":1740000000}" }.joined(separator: ",")
            return Self.envelope("{\"RevisionMap\":{\"Branches\":\(branches),\"Tags\":[\(tagList)]}}")
        case "repo/files":
            lock.lock()
            listingRequests += 1
            lock.unlock()
            guard known.contains(revision) else { return Self.failure(10010205002, "revision not exist: \(revision)") }
            return files(repository, root: request.query["Root"], recursive: request.query["Recursive"] == "True")
        case "repo":
            guard known.contains(revision) else { return Self.failure(10010205002, "revision not exist: \(revision)") }
            return download(repository, path: request.query["FilePath"] ?? "", range: request.headers["range"])
        default:
            return .respond(status: 404, headers: [:], body: [])
        }
    }

    func entry(_ file: FakeFile, repository: FakeRepository) -> String {
        let digest = file.lfsSHA256 ?? SHA256.hash(data: file.content(0..<file.size)).map { String(format: "%02x", $0) }.joined()
        let (commit, date) = fileCommits[file.path] ?? (repository.sha, 1_737_367_194)
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
        return
            "{\"Name\":\"\(name)\",\"Path\":\"\(file.path)\",\"Type\":\"blob\",\"Size\":\(file.size),\"Sha256\":\"\(digest)\",\"Revision\":\"\(commit)\",\"CommittedDate\":\(date),\"IsLFS\":\(file.lfsSHA256 != nil)}"
    }

    func files(_ repository: FakeRepository, root: String?, recursive: Bool) -> FakeHub.Reply {
        let prefix = root.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        let inside = repository.files.filter { $0.path.hasPrefix(prefix) }
        var items: [String] = []
        if recursive {
            items = inside.map { entry($0, repository: repository) }
        } else {
            var folders = Set<String>()
            for file in inside {
                let rest = file.path.dropFirst(prefix.count)
                if let slash = rest.firstIndex(of: "/") {
                    let folder = prefix + rest[..<slash]
                    if folders.insert(folder).inserted {
                        items.append("{\"Name\":\"\(rest[..<slash])\",\"Path\":\"\(folder)\",\"Type\":\"tree\",\"Size\":0}")
                    }
                } else {
                    items.append(entry(file, repository: repository))
                }
            }
        }
        // Like the real server: no error, no marker, just the first entries.
        return Self.envelope("{\"Files\":[" + items.prefix(listingLimit).joined(separator: ",") + "]}")
    }

    func download(_ repository: FakeRepository, path: String, range header: String?) -> FakeHub.Reply {
        guard let file = repository.files.first(where: { $0.path == path }) else { return Self.failure(10010205003, "file not exist: \(path)") }
        var range = UInt64(0)..<file.size
        var status = 200
        if let header, header.hasPrefix("bytes=") {
            let bounds = header.dropFirst(6).split(separator: "-").compactMap { UInt64($0) }
            if bounds.count == 2, bounds[0] <= bounds[1], bounds[0] < file.size {
                range = bounds[0]..<min(file.size, bounds[1] + 1)
                status = 206
            }
        }
        var headers = ["Accept-Ranges": "bytes"]
        if status == 206 { headers["Content-Range"] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(file.size)" }
        return .respond(status: status, headers: headers, body: file.content(range))
    }
}

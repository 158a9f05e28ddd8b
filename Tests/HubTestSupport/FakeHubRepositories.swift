import Crypto
import Foundation

/// Repositories the fake Hub serves, in the shapes of the recorded responses (../shared/hub-fixtures):
/// model info with `sha`, `id`, `gated`, `downloads`, `likes`, `cardData`; the recursive tree with
/// `oid`, `size` and `lfs{oid,size}`, paged 50 entries at a time through `Link`; `resolve` with a
/// 302 to a CDN route for LFS files and byte ranges everywhere.
public struct FakeFile: Sendable {
    public var path: String
    public var size: UInt64
    public var lfsSHA256: String?
    public var oid: String
    /// The bytes in a range; weight files are generated on demand (a header, then zeros).
    public var content: @Sendable (Range<UInt64>) -> [UInt8]

    public init(path: String, size: UInt64, lfsSHA256: String?, oid: String, content: @escaping @Sendable (Range<UInt64>) -> [UInt8]) {
        self.path = path
        self.size = size
        self.lfsSHA256 = lfsSHA256
        self.oid = oid
        self.content = content
    }

    public static func text(_ path: String, _ text: String) -> FakeFile {
        let bytes = Array(text.utf8)
        return FakeFile(
            path: path, size: UInt64(bytes.count), lfsSHA256: nil, oid: gitOID(bytes),
            content: { Array(bytes[Int($0.lowerBound)..<Int($0.upperBound)]) })
    }

    /// A weight file that is its header followed by zeros, `size` bytes in all.
    public static func sparse(_ path: String, header: [UInt8], size: UInt64) -> FakeFile {
        // A stand-in SHA-256 (hashing gigabytes of zeros would prove nothing): the header's digest.
        let digest = SHA256.hash(data: header).map { String(format: "%02x", $0) }.joined()
        return FakeFile(
            path: path, size: size, lfsSHA256: digest, oid: String(digest.prefix(40)),
            content: { range in
                (range.lowerBound..<range.upperBound).map { $0 < UInt64(header.count) ? header[Int($0)] : 0 }
            })
    }

    /// A file with the given bytes; binaries are listed with their real SHA-256 (as LFS files are).
    public static func data(_ path: String, _ bytes: [UInt8], lfs: Bool) -> FakeFile {
        let digest = lfs ? SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() : nil
        return FakeFile(
            path: path, size: UInt64(bytes.count), lfsSHA256: digest, oid: gitOID(bytes),
            content: { Array(bytes[Int($0.lowerBound)..<Int($0.upperBound)]) })
    }

    /// Every file of a local folder (one level of subfolders), for serving an example repository.
    public static func folder(_ url: URL) throws -> [FakeFile] {
        var files: [FakeFile] = []
        let names = try FileManager.default.subpathsOfDirectory(atPath: url.path).sorted()
        for name in names {
            var isDirectory: ObjCBool = false
            let path = url.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            files.append(.data(name, bytes, lfs: name.hasSuffix(".safetensors") || name.hasSuffix(".bin") || name.hasSuffix(".gguf")))
        }
        return files
    }

    public static func gitOID(_ bytes: [UInt8]) -> String {
        var hasher = Insecure.SHA1()
        hasher.update(data: Array("blob \(bytes.count)\u{0}".utf8))
        hasher.update(data: bytes)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

public struct FakeRepository: Sendable {
    public var id: String
    public var sha: String
    public var files: [FakeFile]
    public var gated = false
    public var downloads = 1234
    public var likes = 56

    public init(id: String, sha: String, files: [FakeFile], gated: Bool = false) {
        self.id = id
        self.sha = sha
        self.files = files
        self.gated = gated
    }
}

/// The Hub's routes over a set of repositories, with switches for the failure modes under test.
public final class FakeHubRoutes: @unchecked Sendable {
    public init() {}

    public var repositories: [String: FakeRepository] = [:]
    /// old id -> new id: model-info answers 307 with a relative Location.
    public var renamed: [String: String] = [:]
    /// Answer this many API requests with 429 (Retry-After: 0) before serving.
    public var rateLimitedRequests = 0
    /// Paths whose downloads die halfway through the body.
    public var dyingPaths: Set<String> = []
    /// Paths whose downloads never answer.
    public var hangingPaths: Set<String> = []
    /// Paths whose range answers lie: they send a different range than asked.
    public var lyingPaths: Set<String> = []
    private let lock = NSLock()
    public var endpoint = ""

    public func reply(_ request: FakeHub.Request) -> FakeHub.Reply {
        lock.lock()
        if rateLimitedRequests > 0 && request.path.hasPrefix("/api/") {
            rateLimitedRequests -= 1
            lock.unlock()
            return .respond(status: 429, headers: ["Retry-After": "0", "RateLimit": "\"api\";r=0;t=0"], body: Array("Too Many Requests".utf8))
        }
        lock.unlock()
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if parts.count >= 6, parts[0] == "api", parts[1] == "models", parts[4] == "revision" {
            return modelInfo(repository: parts[2] + "/" + parts[3], revision: parts[5...].joined(separator: "/"))
        }
        if parts.count >= 6, parts[0] == "api", parts[1] == "models", parts[4] == "tree" {
            return tree(repository: parts[2] + "/" + parts[3], cursor: Int(request.query["cursor"] ?? "0") ?? 0, query: request.target)
        }
        if parts.count >= 5, parts[2] == "resolve" {
            return resolve(repository: parts[0] + "/" + parts[1], path: parts[4...].joined(separator: "/"), request: request, viaCDN: false)
        }
        if parts.count >= 4, parts[0] == "cdn" {
            return resolve(repository: parts[1] + "/" + parts[2], path: parts[3...].joined(separator: "/"), request: request, viaCDN: true)
        }
        return .respond(status: 404, headers: ["X-Error-Code": "EntryNotFound"], body: [])
    }

    func modelInfo(repository: String, revision: String) -> FakeHub.Reply {
        if let target = renamed[repository] {
            return .respond(
                status: 307, headers: ["Location": "/api/models/\(target)/revision/\(revision)"],
                body: Array("Temporary Redirect. Redirecting to /api/models/\(target)".utf8))
        }
        guard let repo = repositories[repository] else {
            return .respond(status: 401, headers: ["X-Error-Code": "RepoNotFound", "X-Error-Message": "Repository not found"], body: [])
        }
        if repo.gated {
            return .respond(
                status: 403, headers: ["X-Error-Code": "GatedRepo", "X-Error-Message": "Access to model \(repository) is restricted."], body: [])
        }
        guard revision == "main" || revision == repo.sha else {
            return .respond(status: 404, headers: ["X-Error-Code": "RevisionNotFound", "X-Error-Message": "Invalid rev id: \(revision)"], body: [])
        }
        let siblings = repo.files.map { "{\"rfilename\":\"\($0.path)\"}" }.joined(separator: ",")
        let body = """
            {"_id":"65a0b1c2d3e4f5a6b7c8d9e0","id":"\(repo.id)","modelId":"\(repo.id)","author":"\(repo.id.split(separator: "/")[0])",\
            "sha":"\(repo.sha)","private":false,"disabled":false,"gated":\(repo.gated ? "\"manual\"" : "false"),"downloads":\(repo.downloads),\
            "likes":\(repo.likes),"createdAt":"2025-01-20T09:59:54.000Z","lastModified":"2025-03-27T04:01:59.000Z",\
            "tags":["transformers","safetensors","license:mit"],"cardData":{"license":"mit"},"siblings":[\(siblings)]}
            """
        return .respond(status: 200, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
    }

    func tree(repository: String, cursor: Int, query: String) -> FakeHub.Reply {
        guard let repo = repositories[repository] else { return .respond(status: 404, headers: ["X-Error-Code": "RepoNotFound"], body: []) }
        let page = Array(repo.files.dropFirst(cursor).prefix(50))
        let items = page.map { file -> String in
            let lfs = file.lfsSHA256.map { ",\"lfs\":{\"oid\":\"\($0)\",\"size\":\(file.size),\"pointerSize\":134}" } ?? ""
            return "{\"type\":\"file\",\"oid\":\"\(file.oid)\",\"size\":\(file.size),\"path\":\"\(file.path)\"\(lfs)}"
        }
        var headers = ["Content-Type": "application/json"]
        if cursor + 50 < repo.files.count {
            headers["Link"] = "<\(endpoint)/api/models/\(repository)/tree/\(repo.sha)?recursive=true&cursor=\(cursor + 50)>; rel=\"next\""
        }
        return .respond(status: 200, headers: headers, body: Array(("[" + items.joined(separator: ",") + "]").utf8))
    }

    func resolve(repository: String, path: String, request: FakeHub.Request, viaCDN: Bool) -> FakeHub.Reply {
        guard let repo = repositories[repository], let file = repo.files.first(where: { $0.path == path }) else {
            return .respond(status: 404, headers: ["X-Error-Code": "EntryNotFound"], body: [])
        }
        if file.lfsSHA256 != nil, !viaCDN {
            // Like the Hub: LFS content lives on a CDN, reached through an absolute redirect.
            return .respond(
                status: 302, headers: ["Location": "\(endpoint)/cdn/\(repository)/\(path)", "X-Linked-Size": String(file.size)], body: [])
        }
        if hangingPaths.contains(path) { return .hang }
        var range = UInt64(0)..<file.size
        var status = 200
        if let header = request.headers["range"], header.hasPrefix("bytes=") {
            let bounds = header.dropFirst(6).split(separator: "-").compactMap { UInt64($0) }
            if bounds.count == 2, bounds[0] <= bounds[1], bounds[0] < file.size {
                range = bounds[0]..<min(file.size, bounds[1] + 1)
                status = 206
            }
        }
        if lyingPaths.contains(path), status == 206 {
            let shifted = (range.lowerBound + 1)..<min(file.size, range.upperBound + 1)
            return .respond(
                status: 206, headers: ["Content-Range": "bytes \(shifted.lowerBound)-\(shifted.upperBound - 1)/\(file.size)"],
                body: file.content(shifted))
        }
        let body = file.content(range)
        var headers = ["Accept-Ranges": "bytes"]
        if status == 206 { headers["Content-Range"] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(file.size)" }
        if dyingPaths.contains(path) { return .dieAfter(status: status, headers: headers, body: body, sent: body.count / 2) }
        return .respond(status: status, headers: headers, body: body)
    }
}

import Foundation
import TrustmarkCore

/// The documented Hub HTTP API, as the rating needs it: model info at a revision, the recursive file
/// tree (paged through `Link`), and whole-file or range downloads through `resolve`. Every request has
/// a deadline; 408/429/5xx and timeouts are retried with backoff, honouring `Retry-After` and the
/// `RateLimit` header; relative redirects (renamed repositories) are followed and remembered.
public struct HubClient: Sendable {
    public let configuration: HubConfiguration
    let transport: any HTTPTransport
    /// Called before each retry sleep; tests shorten it.
    let sleep: @Sendable (TimeInterval) -> Void
    let counter = TransferCounter()

    public init(configuration: HubConfiguration, transport: any HTTPTransport = PluginTransport.shared,
                sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.configuration = configuration
        self.transport = transport
        self.sleep = sleep
    }

    /// Bytes received and requests sent so far.
    public var transferred: (bytes: Int, requests: Int) { counter.totals }

    public struct ModelInfo: Sendable {
        /// The canonical `org/name` (after a rename redirect).
        public var repository: String
        /// The commit the revision resolved to.
        public var commit: String
        /// The response body, kept as evidence.
        public var body: [UInt8]
        public var json: JSONNode
    }

    public struct TreeEntry: Sendable, Equatable {
        public var path: String
        public var size: UInt64
        /// The git blob id (SHA-1 of `blob <size>\0<content>`).
        public var oid: String?
        /// For LFS files, the SHA-256 of the content.
        public var lfsSHA256: String?
    }

    // MARK: requests

    func url(_ path: String, query: String? = nil) -> URL? {
        URL(string: configuration.endpoint + path + (query.map { "?" + $0 } ?? ""))
    }

    /// Sends with retries and redirects; returns the final 2xx response or throws a HubError.
    func get(_ start: URL, repository: String, headers extra: [String: String] = [:], maxBytes: Int = 64 << 20) throws(HubError)
        -> (response: HTTPResponse, finalURL: URL)
    {
        var url = start
        var redirects = 0
        var attempt = 0
        while true {
            var headers = extra
            // The token goes only to the configured endpoint, never to a CDN a redirect points at.
            if let token = configuration.token, url.absoluteString.hasPrefix(configuration.endpoint) { headers["Authorization"] = "Bearer \(token)" }
            headers["User-Agent"] = "trustmark/\(ToolIdentity.version)"
            attempt += 1
            let result = transport.send(HTTPRequest(url: url, headers: headers, maxBytes: maxBytes), deadline: configuration.requestTimeout)
            let response: HTTPResponse
            switch result {
            case .failure(.tooLarge(let limit)):
                throw .malformed(url: url.absoluteString, message: "the response is larger than \(limit) bytes")
            case .failure(let failure):
                guard attempt < configuration.maxAttempts else {
                    if case .connection(let message) = failure { throw .connection(url: url.absoluteString, message: message) }
                    throw .timeout(url: url.absoluteString, attempts: attempt)
                }
                sleep(backoff(attempt))
                continue
            case .success(let received):
                response = received
            }
            counter.add(bytes: response.body.count)
            switch response.status {
            case 200..<300:
                return (response, url)
            case 301, 302, 303, 307, 308:
                redirects += 1
                guard redirects <= 8, let location = response.header("location"), let next = URL(string: location, relativeTo: url)?.absoluteURL else {
                    throw .tooManyRedirects(url: url.absoluteString)
                }
                url = next
                attempt = 0
            case 408, 429, 500...599:
                let wait = retryWait(response, attempt: attempt)
                guard attempt < configuration.maxAttempts, wait <= configuration.maxRetryWait else {
                    if response.status == 429 { throw .rateLimited(url: url.absoluteString, retryAfter: wait) }
                    throw .server(url: url.absoluteString, status: response.status, message: errorMessage(response))
                }
                sleep(wait)
            default:
                throw hubError(response, url: url, repository: repository)
            }
        }
    }

    func backoff(_ attempt: Int) -> TimeInterval { min(8, 0.5 * pow(2, Double(attempt - 1))) }

    /// `Retry-After` in seconds, else the `RateLimit` header's `t` when `r=0`, else exponential backoff.
    func retryWait(_ response: HTTPResponse, attempt: Int) -> TimeInterval {
        if let value = response.header("retry-after"), let seconds = Double(value.trimmingCharacters(in: .whitespaces)) { return max(0, seconds) }
        if let limit = response.header("ratelimit") {
            let fields = Dictionary(limit.split(separator: ";").compactMap { part -> (String, String)? in
                let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return pair.count == 2 ? (pair[0], pair[1]) : nil
            }, uniquingKeysWith: { first, _ in first })
            if fields["r"] == "0", let reset = fields["t"].flatMap(Double.init) { return reset + 1 }
        }
        return backoff(attempt)
    }

    func errorMessage(_ response: HTTPResponse) -> String {
        if let message = response.header("x-error-message") { return message }
        return String(decoding: response.body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func hubError(_ response: HTTPResponse, url: URL, repository: String) -> HubError {
        let code = response.header("x-error-code") ?? ""
        let message = errorMessage(response)
        if message.contains("Access to this resource is disabled") { return .disabled(repository: repository) }
        switch (code, response.status) {
        case ("GatedRepo", _): return .gated(repository: repository, message: message)
        case ("RevisionNotFound", _): return .revisionNotFound(repository: repository, revision: url.lastPathComponent)
        case ("RepoNotFound", _), (_, 404): return .notFound(repository: repository)
        case (_, 401) where message.contains("Invalid credentials"): return .unauthorized(repository: repository)
        case (_, 401): return .notFound(repository: repository)
        case (_, 403): return .gated(repository: repository, message: message)
        default: return .server(url: url.absoluteString, status: response.status, message: message)
        }
    }

    // MARK: API

    /// `GET /api/models/{repo}/revision/{rev}`: the commit and the Hub's metadata, following a rename.
    public func modelInfo(_ reference: HubReference) throws(HubError) -> ModelInfo {
        let revision = reference.revision.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? reference.revision
        guard let url = url("/api/models/\(reference.repository)/revision/\(revision)") else { throw .notFound(repository: reference.repository) }
        let (response, finalURL) = try get(url, repository: reference.repository)
        let json: JSONNode
        do {
            json = try JSONParser.parse(response.body)
        } catch {
            throw .malformed(url: finalURL.absoluteString, message: "model info is not JSON (\(error))")
        }
        guard let commit = json["sha"]?.string, commit.count == 40, commit.allSatisfy(\.isHexDigit) else {
            throw .malformed(url: finalURL.absoluteString, message: "model info has no commit sha")
        }
        // A rename answers with the new id; the body's `id` is authoritative.
        let repository = json["id"]?.string ?? json["modelId"]?.string ?? reference.repository
        return ModelInfo(repository: repository, commit: commit.lowercased(), body: response.body, json: json)
    }

    /// `GET /api/models/{repo}/revision/{commit}?expand=…`: the properties the default answer leaves out
    /// (the base-model relation, all-time downloads, derived models) and, in a second call because the API
    /// refuses to combine them, the security scan summary (`securityStatus=true`). Either may be missing
    /// on a mirror; that is not an error, the facts are then absent.
    public func extendedInfo(repository: String, commit: String) -> [UInt8]? {
        let query = ["baseModels", "downloadsAllTime", "childrenModelCount", "gated", "sha"].map { "expand=\($0)" }.joined(separator: "&")
        guard let url = url("/api/models/\(repository)/revision/\(commit)", query: query),
              let (response, _) = try? get(url, repository: repository), (try? JSONParser.parse(response.body)) != nil else { return nil }
        return response.body
    }

    public func securityStatus(repository: String, commit: String) -> [UInt8]? {
        guard let url = url("/api/models/\(repository)/revision/\(commit)", query: "securityStatus=true"),
              let (response, _) = try? get(url, repository: repository), (try? JSONParser.parse(response.body)) != nil else { return nil }
        return response.body
    }

    /// `GET /api/models/{repo}/tree/{commit}?recursive=true`, following `Link: <...>; rel="next"`.
    public func tree(repository: String, commit: String) throws(HubError) -> (entries: [TreeEntry], pages: [[UInt8]]) {
        guard var next = url("/api/models/\(repository)/tree/\(commit)", query: "recursive=true") else { throw .notFound(repository: repository) }
        var entries: [TreeEntry] = []
        var pages: [[UInt8]] = []
        for _ in 0..<1000 {
            let (response, finalURL) = try get(next, repository: repository)
            pages.append(response.body)
            guard let node = try? JSONParser.parse(response.body), let items = node.elements else {
                throw .malformed(url: finalURL.absoluteString, message: "the file tree is not a JSON array")
            }
            for item in items where item["type"]?.string == "file" {
                guard let path = item["path"]?.string, let size = item["size"]?.uint64 else {
                    throw .malformed(url: finalURL.absoluteString, message: "a tree entry without path or size")
                }
                entries.append(TreeEntry(path: path, size: size, oid: item["oid"]?.string, lfsSHA256: item["lfs"]?["oid"]?.string))
            }
            guard let link = response.header("link"), let nextURL = HubClient.nextLink(link, relativeTo: finalURL) else {
                return (entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }, pages)
            }
            next = nextURL
        }
        throw .malformed(url: next.absoluteString, message: "more than 1000 pages of files")
    }

    /// The `rel="next"` target of a `Link` header.
    static func nextLink(_ header: String, relativeTo base: URL) -> URL? {
        for part in header.split(separator: ",") where part.contains("rel=\"next\"") || part.contains("rel=next") {
            guard let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"), open < close else { continue }
            return URL(string: String(part[part.index(after: open)..<close]), relativeTo: base)?.absoluteURL
        }
        return nil
    }

    /// `GET /{repo}/resolve/{commit}/{path}`, whole or one byte range.
    public func download(repository: String, commit: String, path: String, range: Range<UInt64>? = nil) throws(HubError) -> [UInt8] {
        let encoded = path.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? String($0) }
            .joined(separator: "/")
        guard let url = url("/\(repository)/resolve/\(commit)/\(encoded)") else { throw .notFound(repository: repository) }
        return try fetchFile(url, repository: repository, range: range)
    }

    /// A file's bytes, whole or one range, checked: a range answer must be exactly the range asked for,
    /// and a server that ignores `Range` may send the whole file, of which the range is kept.
    func fetchFile(_ url: URL, repository: String, range: Range<UInt64>?) throws(HubError) -> [UInt8] {
        var headers = ["Accept-Encoding": "identity"]
        if let range { headers["Range"] = "bytes=\(range.lowerBound)-\(range.upperBound - 1)" }
        // A range answer is the range; a whole file is what the tree lists (files fetched whole are small).
        let limit = range.map { Int($0.upperBound - $0.lowerBound) + 4096 } ?? 256 << 20
        let (response, finalURL) = try get(url, repository: repository, headers: headers, maxBytes: range == nil ? limit : max(limit, 64 << 20))
        if let range {
            let expected = Int(range.upperBound - range.lowerBound)
            if response.status == 206 {
                // The server must answer the range asked for, completely.
                if let contentRange = response.header("content-range"), !contentRange.hasPrefix("bytes \(range.lowerBound)-") {
                    throw .malformed(url: finalURL.absoluteString, message: "asked for bytes \(range.lowerBound)-, got \(contentRange)")
                }
                guard response.body.count == expected else {
                    throw .malformed(url: finalURL.absoluteString, message: "range \(range.lowerBound)-\(range.upperBound - 1): \(response.body.count) of \(expected) bytes")
                }
                return response.body
            }
            // A server that ignores Range sends the whole file: keep the part asked for if it is there.
            guard response.body.count >= Int(range.upperBound) else {
                throw .malformed(url: finalURL.absoluteString, message: "range request answered with \(response.body.count) bytes")
            }
            return Array(response.body[Int(range.lowerBound)..<Int(range.upperBound)])
        }
        return response.body
    }
}

/// Totals across the concurrent requests of one rating.
final class TransferCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = 0
    private var requests = 0

    func add(bytes count: Int) {
        lock.lock()
        bytes += count
        requests += 1
        lock.unlock()
    }

    var totals: (bytes: Int, requests: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (bytes, requests)
    }
}

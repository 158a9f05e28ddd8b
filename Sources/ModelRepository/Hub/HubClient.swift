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
    /// The time, retries and timeouts one rating may spend, shared by all of its requests.
    let budget: RequestBudget

    public init(
        configuration: HubConfiguration, transport: any HTTPTransport = CurlTransport.shared,
        sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.sleep = sleep
        budget = RequestBudget(configuration)
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
    ///
    /// The token goes only to the configured endpoint's origin (scheme, host and port compared after parsing, never as
    /// text), so a redirect or CDN hop elsewhere, a look-alike port or a host hidden behind userinfo never sees it.
    /// Redirects go to http(s) only, at most 8, with any userinfo dropped. Retries (408, 429, 5xx, timeouts, broken
    /// connections) draw on the rating's shared budget: a `Retry-After` longer than what is left fails at once.
    func get(
        _ start: URL, repository: String, headers extra: [String: String] = [:], maxBytes: Int = 64 << 20
    ) throws(HubError)
        -> (response: HTTPResponse, finalURL: URL)
    {
        var url = start
        var redirects = 0
        var attempt = 0
        while true {
            let deadline: TimeInterval
            switch budget.requestDeadline(configuration.requestTimeout) {
            case .exhausted: throw .deadline(url: url.absoluteString, seconds: configuration.ratingDeadline)
            case .unresponsive(let timeouts): throw .unresponsive(url: url.absoluteString, timeouts: timeouts)
            case .available(let seconds): deadline = seconds
            }
            // What the rating may still receive; a request is not sent once it has all been spent.
            let allowance = configuration.transferLimit - counter.totals.bytes
            guard allowance > 0 else { throw .transferLimit(url: url.absoluteString, bytes: configuration.transferLimit) }
            var headers = extra
            if let token = configuration.token, HubClient.isSameOrigin(url, as: configuration.endpoint) {
                headers["Authorization"] = "Bearer \(token)"
            }
            headers["User-Agent"] = "trustmark/\(ToolIdentity.version)"
            attempt += 1
            let result = transport.send(HTTPRequest(url: url, headers: headers, maxBytes: min(maxBytes, allowance)), deadline: deadline)
            let response: HTTPResponse
            switch result {
            case .failure(.tooLarge) where allowance < maxBytes:
                throw .transferLimit(url: url.absoluteString, bytes: configuration.transferLimit)
            case .failure(.tooLarge(let limit)):
                throw .malformed(url: url.absoluteString, message: "the response is larger than \(limit) bytes")
            case .failure(.timeout):
                // A timed-out request is tried twice at most, and a server that keeps timing out is given up on.
                guard budget.recordTimeout(), attempt < min(2, configuration.maxAttempts), budget.takeRetryWait(backoff(attempt)) else {
                    throw .timeout(url: url.absoluteString, attempts: attempt)
                }
                sleep(backoff(attempt))
                continue
            case .failure(.invalid(let message)):
                throw .malformed(url: url.absoluteString, message: message)
            case .failure(.unavailable(let message)):
                throw .connection(url: url.absoluteString, message: message)
            case .failure(.connection(let message)):
                guard attempt < configuration.maxAttempts, budget.takeRetryWait(backoff(attempt)) else {
                    throw .connection(url: url.absoluteString, message: message)
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
                guard redirects <= 8, let location = response.header("location") else { throw .tooManyRedirects(url: url.absoluteString) }
                guard let next = HubClient.redirectTarget(location, from: url) else {
                    throw .malformed(url: url.absoluteString, message: "redirects to \(location.prefix(200)), which is not an http(s) URL")
                }
                url = next
                attempt = 0
            case 408, 429, 500...599:
                let wait = retryWait(response, attempt: attempt)
                guard attempt < configuration.maxAttempts, wait <= configuration.maxRetryWait, budget.takeRetryWait(wait) else {
                    if response.status == 429 { throw .rateLimited(url: url.absoluteString, retryAfter: wait) }
                    throw .server(url: url.absoluteString, status: response.status, message: errorMessage(response))
                }
                sleep(wait)
            default:
                throw hubError(response, url: url, repository: repository)
            }
        }
    }

    /// Scheme, host and port, compared after parsing: `http://127.0.0.1:22791` is not `http://127.0.0.1:2279`, and
    /// `http://127.0.0.1:2279@127.0.0.2/` is host 127.0.0.2. A URL with userinfo is never the endpoint's origin.
    static func isSameOrigin(_ url: URL, as endpoint: String) -> Bool {
        guard let target = Origin(url), let base = URL(string: endpoint).flatMap(Origin.init) else { return false }
        return target == base
    }

    struct Origin: Equatable {
        var scheme: String
        var host: String
        var port: Int

        init?(_ url: URL) {
            guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
                components.user == nil, components.password == nil,
                let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
                let host = components.host?.lowercased(), !host.isEmpty
            else { return nil }
            self.scheme = scheme
            self.host = host
            port = components.port ?? (scheme == "https" ? 443 : 80)
        }
    }

    /// Where a `Location` header points, resolved against the request's URL: http(s) only, userinfo dropped.
    static func redirectTarget(_ location: String, from base: URL) -> URL? {
        guard location.utf8.count <= 8192, !location.contains(where: { $0.isNewline || $0 == "\0" }),
            let resolved = URL(string: location, relativeTo: base)?.absoluteURL,
            var components = URLComponents(url: resolved, resolvingAgainstBaseURL: true),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        components.user = nil
        components.password = nil
        return components.url
    }

    func backoff(_ attempt: Int) -> TimeInterval { min(8, 0.5 * pow(2, Double(attempt - 1))) }

    /// `Retry-After` in seconds (digits only, as RFC 9110 writes delay-seconds) or as an HTTP date, else the `RateLimit`
    /// header's `t` when `r=0`, else exponential backoff. Anything else (`inf`, `1e308`, `nan`, `-1`, hex) is ignored:
    /// a server cannot make the client wait forever or trap converting its number.
    func retryWait(_ response: HTTPResponse, attempt: Int) -> TimeInterval {
        if let value = response.header("retry-after")?.trimmingCharacters(in: .whitespaces) {
            if let seconds = HubClient.delaySeconds(value) { return seconds }
            if let date = HubClient.httpDate(value) { return min(max(0, date.timeIntervalSinceNow), HubClient.longestWait) }
        }
        if let limit = response.header("ratelimit") {
            let fields = Dictionary(
                limit.split(separator: ";").compactMap { part -> (String, String)? in
                    let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    return pair.count == 2 ? (pair[0], pair[1]) : nil
                }, uniquingKeysWith: { first, _ in first })
            if fields["r"] == "0", let reset = fields["t"].flatMap(HubClient.delaySeconds) { return min(reset + 1, HubClient.longestWait) }
        }
        return backoff(attempt)
    }

    /// Waits are clamped to a day: beyond any budget, and far from overflowing anything.
    static let longestWait: TimeInterval = 86_400

    static func delaySeconds(_ text: String) -> TimeInterval? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        guard text.utf8.count <= 9, let value = Int(text) else { return longestWait }
        return min(TimeInterval(value), longestWait)
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    func errorMessage(_ response: HTTPResponse) -> String {
        if let message = response.header("x-error-message") { return message }
        return String(decoding: response.body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func hubError(_ response: HTTPResponse, url: URL, repository: String) -> HubError {
        let code = response.header("x-error-code") ?? ""
        let message = errorMessage(response)
        if message.utf8Contains("Access to this resource is disabled") { return .disabled(repository: repository) }
        switch (code, response.status) {
        case ("GatedRepo", _): return .gated(repository: repository, message: message)
        case ("RevisionNotFound", _): return .revisionNotFound(repository: repository, revision: url.lastPathComponent)
        case ("RepoNotFound", _), (_, 404): return .notFound(repository: repository)
        case (_, 401) where message.utf8Contains("Invalid credentials"): return .unauthorized(repository: repository)
        case (_, 401): return .notFound(repository: repository)
        case (_, 403): return .gated(repository: repository, message: message)
        default: return .server(url: url.absoluteString, status: response.status, message: message)
        }
    }

    // MARK: API

    /// `GET /api/models/{repo}/revision/{rev}`: the commit and the Hub's metadata, following a rename.
    public func modelInfo(_ reference: HubReference) throws(HubError) -> ModelInfo {
        let revision =
            reference.revision.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.")))
            ?? reference.revision
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
        // A rename answers with the new id; the body's `id` is authoritative — when it is an id at all (it goes into
        // every later URL, so `../../etc` or a name with control characters is not taken).
        let named = json["id"]?.string ?? json["modelId"]?.string
        let repository = named.flatMap { RepositoryTarget.repositoryID($0)?.0 } ?? reference.repository
        return ModelInfo(repository: repository, commit: commit.lowercased(), body: response.body, json: json)
    }

    /// `GET /api/models/{repo}/revision/{commit}?expand=…`: the properties the default answer leaves out
    /// (the base-model relation, all-time downloads, derived models) and, in a second call because the API
    /// refuses to combine them, the security scan summary (`securityStatus=true`). Either may be missing
    /// on a mirror; that is not an error, the facts are then absent.
    public func extendedInfo(repository: String, commit: String) -> [UInt8]? {
        let query = ["baseModels", "downloadsAllTime", "childrenModelCount", "gated", "sha"].map { "expand=\($0)" }.joined(separator: "&")
        guard let url = url("/api/models/\(repository)/revision/\(commit)", query: query),
            let (response, _) = try? get(url, repository: repository), (try? JSONParser.parse(response.body)) != nil
        else { return nil }
        return response.body
    }

    public func securityStatus(repository: String, commit: String) -> [UInt8]? {
        guard let url = url("/api/models/\(repository)/revision/\(commit)", query: "securityStatus=true"),
            let (response, _) = try? get(url, repository: repository), (try? JSONParser.parse(response.body)) != nil
        else { return nil }
        return response.body
    }

    /// `GET /api/models/{repo}/tree/{commit}?recursive=true`, following `Link: <...>; rel="next"` on the endpoint's
    /// own origin. Bounded: a page over `treePageBytes`, more than `treeBytes` in all, more than 1,000 pages or more
    /// than `maxFiles` files end the listing with a clear error (a model repository is nowhere near any of them).
    public func tree(repository: String, commit: String) throws(HubError) -> (entries: [TreeEntry], pages: [[UInt8]]) {
        guard var next = url("/api/models/\(repository)/tree/\(commit)", query: "recursive=true") else { throw .notFound(repository: repository) }
        var entries: [TreeEntry] = []
        var pages: [[UInt8]] = []
        var total = 0
        for _ in 0..<1000 {
            let (response, finalURL) = try get(next, repository: repository, maxBytes: configuration.treePageBytes)
            total += response.body.count
            guard total <= configuration.treeBytes else {
                throw .malformed(
                    url: finalURL.absoluteString,
                    message: "the file tree is larger than \(configuration.treeBytes >> 20) MiB; this does not look like a model repository")
            }
            pages.append(response.body)
            do {
                entries += try HubClient.treeEntries(page: response.body)
            } catch {
                throw .malformed(url: finalURL.absoluteString, message: error.message)
            }
            guard entries.count <= configuration.maxFiles else { throw .tooManyFiles(repository: repository, limit: configuration.maxFiles) }
            guard let link = response.header("link"), let nextURL = HubClient.nextLink(link, relativeTo: finalURL) else {
                return (HubClient.sortedTree(entries), pages)
            }
            // The next page must come from the endpoint itself: a listing that points elsewhere is not followed.
            guard HubClient.isSameOrigin(nextURL, as: configuration.endpoint) else {
                throw .malformed(
                    url: finalURL.absoluteString, message: "the file tree's next page is on another origin (\(nextURL.absoluteString.prefix(200)))")
            }
            next = nextURL
        }
        throw .malformed(url: next.absoluteString, message: "more than 1000 pages of files")
    }

    /// The files one page of the tree lists (folders are left out).
    static func treeEntries(page: [UInt8]) throws(TreePageError) -> [TreeEntry] {
        guard let node = try? JSONParser.parse(page), let items = node.elements else {
            throw TreePageError(message: "the file tree is not a JSON array")
        }
        var entries: [TreeEntry] = []
        for item in items where item["type"]?.string == "file" {
            guard let path = item["path"]?.string, let size = item["size"]?.uint64 else {
                throw TreePageError(message: "a tree entry without path or size")
            }
            entries.append(TreeEntry(path: path, size: size, oid: item["oid"]?.string, lfsSHA256: item["lfs"]?["oid"]?.string))
        }
        return entries
    }

    struct TreePageError: Error { var message: String }

    /// A whole listing from its pages, as `tree` returns it: every page's files, sorted by path bytes.
    static func sortedTree(_ entries: [TreeEntry]) -> [TreeEntry] {
        entries.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// The `rel="next"` target of a `Link` header.
    static func nextLink(_ header: String, relativeTo base: URL) -> URL? {
        for part in header.split(separator: ",") where part.utf8Contains("rel=\"next\"") || part.utf8Contains("rel=next") {
            guard let open = part.firstIndex(of: "<"), let close = part.firstIndex(of: ">"), open < close else { continue }
            return HubClient.redirectTarget(String(part[part.index(after: open)..<close]), from: base)
        }
        return nil
    }

    /// `GET /{repo}/resolve/{commit}/{path}`, whole or one byte range. Only paths inside the repository are asked for
    /// (`RemotePath`), every segment percent-encoded, so a listing cannot make the client request anything outside
    /// `/{repo}/resolve/{commit}/`.
    public func download(repository: String, commit: String, path: String, range: Range<UInt64>? = nil) throws(HubError) -> [UInt8] {
        guard let encoded = RemotePath.encoded(path) else {
            throw .malformed(url: configuration.endpoint, message: "refused to request the unsafe path \(RemotePath.display(path))")
        }
        guard let url = url("/\(repository)/resolve/\(commit)/\(encoded)") else { throw .notFound(repository: repository) }
        return try fetchFile(url, repository: repository, range: range)
    }

    /// A file's bytes, whole or one range, checked: a range answer must be exactly the range asked for,
    /// and a server that ignores `Range` may send the whole file, of which the range is kept.
    func fetchFile(_ url: URL, repository: String, range: Range<UInt64>?) throws(HubError) -> [UInt8] {
        var headers: [String: String] = [:]
        if let range { headers["Range"] = "bytes=\(range.lowerBound)-\(range.upperBound - 1)" }
        // A range answer is the range; a whole file is what the tree lists (files fetched whole are small). A server
        // that answers a range with the whole file gets `rangeAnsweredWhole` bytes at most.
        let expected = range.map { Int(clamping: $0.upperBound - $0.lowerBound) }
        let limit = expected.map { max($0 + 4096, configuration.rangeAnsweredWhole) } ?? Int(clamping: configuration.wholeFileLimit)
        let (response, finalURL) = try get(url, repository: repository, headers: headers, maxBytes: limit)
        if let range, let expected {
            if response.status == 206 {
                // The server must answer the range asked for, completely.
                if let contentRange = response.header("content-range"), !contentRange.hasPrefix("bytes \(range.lowerBound)-") {
                    throw .malformed(url: finalURL.absoluteString, message: "asked for bytes \(range.lowerBound)-, got \(contentRange.prefix(80))")
                }
                guard response.body.count == expected else {
                    throw .malformed(
                        url: finalURL.absoluteString,
                        message: "range \(range.lowerBound)-\(range.upperBound - 1): \(response.body.count) of \(expected) bytes")
                }
                return response.body
            }
            // A server that ignores Range sends the whole file: keep the part asked for if it is there.
            guard UInt64(response.body.count) >= range.upperBound else {
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

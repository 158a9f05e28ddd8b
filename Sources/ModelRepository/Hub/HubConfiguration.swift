import Foundation
import ModelFormats

/// Where and how to reach the Hub, from the environment the Hugging Face clients read.
public struct HubConfiguration: Sendable {
    /// `HF_ENDPOINT` without a trailing slash; mirrors work the same way.
    public var endpoint: String
    /// `HF_TOKEN`, `HUGGING_FACE_HUB_TOKEN`, or the token file, sent as `Authorization: Bearer`.
    public var token: String?
    /// `HF_HUB_OFFLINE=1` (or `TRANSFORMERS_OFFLINE=1`): no request is made.
    public var offline: Bool
    /// Every request has a deadline; a server that stops sending fails the request, not the process.
    public var requestTimeout: TimeInterval
    /// Attempts for 408/429/5xx and timeouts, with backoff.
    public var maxAttempts: Int
    /// Longest sleep a `Retry-After` or `RateLimit` header may ask for before the request gives up.
    public var maxRetryWait: TimeInterval
    /// Parallel requests when reading weight headers.
    public var concurrency: Int
    /// ModelScope's file listing silently stops at this many entries; a listing that reaches it is
    /// walked again folder by folder.
    public var listingLimit: Int = 3000

    // Bounds on what one rating may cost; docs/security-model.md lists them all.
    /// The whole rating's network work ends by this many seconds (`TRUSTMARK_HUB_DEADLINE`); then the requests not yet
    /// made fail, and the files they would have read become coverage gaps.
    public var ratingDeadline: TimeInterval = 120
    /// Seconds all retries of one rating may sleep in total (Retry-After, RateLimit, backoff).
    public var retryBudget: TimeInterval = 20
    /// After this many timed-out requests the server is taken to have stopped answering.
    public var maxTimeouts: Int = 2
    /// A listing of more files than this is refused, as a local folder of more files is.
    public var maxFiles: Int = 100_000
    /// One page of the file tree, and all pages together.
    public var treePageBytes: Int = 16 << 20
    public var treeBytes: Int = 64 << 20
    /// A file fetched whole (cards, configs, code, small weights), and a range request answered with the whole file.
    public var wholeFileLimit: UInt64 = 64 << 20
    public var rangeAnsweredWhole: Int = 64 << 20
    /// Bytes one rating may receive in all; what would come after is not fetched.
    public var transferLimit: Int = 256 << 20

    public init(
        endpoint: String = "https://huggingface.co", token: String? = nil, offline: Bool = false, requestTimeout: TimeInterval = 10,
        maxAttempts: Int = 4, maxRetryWait: TimeInterval = 30, concurrency: Int = 8
    ) {
        var endpoint = endpoint
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        self.endpoint = endpoint
        self.token = token
        self.offline = offline
        self.requestTimeout = requestTimeout
        self.maxAttempts = maxAttempts
        self.maxRetryWait = maxRetryWait
        self.concurrency = concurrency
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> HubConfiguration {
        let truthy: (String?) -> Bool = { value in ["1", "true", "yes", "on"].contains((value ?? "").lowercased()) }
        var token = environment["HF_TOKEN"] ?? environment["HUGGING_FACE_HUB_TOKEN"]
        if token == nil {
            let home =
                environment["HF_HOME"]
                ?? (environment["XDG_CACHE_HOME"].map { $0 + "/huggingface" } ?? (environment["HOME"] ?? "") + "/.cache/huggingface")
            let path = environment["HF_TOKEN_PATH"] ?? home + "/token"
            // A token is about a hundred bytes: the file is read only if it is a regular file of at most 4 KiB.
            token = (try? SafeFile.read(path, limit: 4096)).map { String(decoding: $0, as: UTF8.self) }?.trimmingCharacters(
                in: .whitespacesAndNewlines)
        }
        if token?.isEmpty == true { token = nil }
        let endpoint = environment["HF_ENDPOINT"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? "https://huggingface.co"
        var configuration = HubConfiguration(
            endpoint: endpoint, token: token,
            offline: truthy(environment["HF_HUB_OFFLINE"]) || truthy(environment["TRANSFORMERS_OFFLINE"]),
            requestTimeout: seconds(environment["HF_HUB_DOWNLOAD_TIMEOUT"]) ?? 10)
        if let deadline = seconds(environment["TRUSTMARK_HUB_DEADLINE"]) { configuration.ratingDeadline = deadline }
        return configuration
    }

    /// A positive, finite number of seconds (at most a day), or nil.
    static func seconds(_ text: String?) -> TimeInterval? {
        guard let value = text.flatMap({ TimeInterval($0.trimmingCharacters(in: .whitespaces)) }), value.isFinite, value > 0 else { return nil }
        return min(value, 86_400)
    }

    /// ModelScope: `MODELSCOPE_ENDPOINT` (default `https://modelscope.cn`; the deprecated `MODELSCOPE_DOMAIN` is a
    /// host name), the token in `MODELSCOPE_API_TOKEN`, sent as `Authorization: Bearer`. Offline mode is the same
    /// switch as for the Hub (`--offline`, `HF_HUB_OFFLINE=1`), or `MODELSCOPE_OFFLINE=1`.
    public static func modelScopeFromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> HubConfiguration {
        let truthy: (String?) -> Bool = { value in ["1", "true", "yes", "on"].contains((value ?? "").lowercased()) }
        let nonEmpty: (String?) -> String? = { value in value.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        let endpoint =
            nonEmpty(environment["MODELSCOPE_ENDPOINT"]) ?? nonEmpty(environment["MODELSCOPE_DOMAIN"]).map { "https://" + $0 }
            ?? "https://modelscope.cn"
        let offline = truthy(environment["MODELSCOPE_OFFLINE"]) || truthy(environment["HF_HUB_OFFLINE"])
        var configuration = HubConfiguration(
            endpoint: endpoint, token: nonEmpty(environment["MODELSCOPE_API_TOKEN"]), offline: offline,
            requestTimeout: seconds(environment["HF_HUB_DOWNLOAD_TIMEOUT"]) ?? 10)
        if let deadline = seconds(environment["TRUSTMARK_HUB_DEADLINE"]) { configuration.ratingDeadline = deadline }
        return configuration
    }
}

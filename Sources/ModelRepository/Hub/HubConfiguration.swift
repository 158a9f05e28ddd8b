import Foundation

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
    /// Files fetched whole (cards, configs, code, licences) up to this size.
    public var smallFileLimit: UInt64
    /// Parallel requests when reading weight headers.
    public var concurrency: Int
    /// ModelScope's file listing silently stops at this many entries; a listing that reaches it is
    /// walked again folder by folder.
    public var listingLimit: Int = 3000

    public init(endpoint: String = "https://huggingface.co", token: String? = nil, offline: Bool = false, requestTimeout: TimeInterval = 10,
                maxAttempts: Int = 4, maxRetryWait: TimeInterval = 30, smallFileLimit: UInt64 = 4 << 20, concurrency: Int = 8) {
        var endpoint = endpoint
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        self.endpoint = endpoint
        self.token = token
        self.offline = offline
        self.requestTimeout = requestTimeout
        self.maxAttempts = maxAttempts
        self.maxRetryWait = maxRetryWait
        self.smallFileLimit = smallFileLimit
        self.concurrency = concurrency
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> HubConfiguration {
        let truthy: (String?) -> Bool = { value in ["1", "true", "yes", "on"].contains((value ?? "").lowercased()) }
        var token = environment["HF_TOKEN"] ?? environment["HUGGING_FACE_HUB_TOKEN"]
        if token == nil {
            let home = environment["HF_HOME"] ?? (environment["XDG_CACHE_HOME"].map { $0 + "/huggingface" } ?? (environment["HOME"] ?? "") + "/.cache/huggingface")
            let path = environment["HF_TOKEN_PATH"] ?? home + "/token"
            token = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if token?.isEmpty == true { token = nil }
        let timeout = environment["HF_HUB_DOWNLOAD_TIMEOUT"].flatMap(TimeInterval.init) ?? 10
        let endpoint = environment["HF_ENDPOINT"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? "https://huggingface.co"
        return HubConfiguration(endpoint: endpoint, token: token,
                                offline: truthy(environment["HF_HUB_OFFLINE"]) || truthy(environment["TRANSFORMERS_OFFLINE"]), requestTimeout: timeout)
    }

    /// ModelScope: `MODELSCOPE_ENDPOINT` (default `https://modelscope.cn`; the deprecated `MODELSCOPE_DOMAIN` is a
    /// host name), the token in `MODELSCOPE_API_TOKEN`, sent as `Authorization: Bearer`. Offline mode is the same
    /// switch as for the Hub (`--offline`, `HF_HUB_OFFLINE=1`), or `MODELSCOPE_OFFLINE=1`.
    public static func modelScopeFromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> HubConfiguration {
        let truthy: (String?) -> Bool = { value in ["1", "true", "yes", "on"].contains((value ?? "").lowercased()) }
        let nonEmpty: (String?) -> String? = { value in value.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        let endpoint = nonEmpty(environment["MODELSCOPE_ENDPOINT"]) ?? nonEmpty(environment["MODELSCOPE_DOMAIN"]).map { "https://" + $0 } ?? "https://modelscope.cn"
        let timeout = environment["HF_HUB_DOWNLOAD_TIMEOUT"].flatMap(TimeInterval.init) ?? 10
        let offline = truthy(environment["MODELSCOPE_OFFLINE"]) || truthy(environment["HF_HUB_OFFLINE"])
        return HubConfiguration(endpoint: endpoint, token: nonEmpty(environment["MODELSCOPE_API_TOKEN"]), offline: offline, requestTimeout: timeout)
    }
}

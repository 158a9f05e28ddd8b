import Foundation

/// One HTTP exchange. Header names in responses are lowercased.
public struct HTTPRequest: Sendable {
    public var url: URL
    public var method = "GET"
    public var headers: [String: String] = [:]
    /// A body longer than this is cut off and the request fails: a lying server cannot exhaust memory.
    public var maxBytes: Int

    public init(url: URL, method: String = "GET", headers: [String: String] = [:], maxBytes: Int = 64 << 20) {
        self.url = url
        self.method = method
        self.headers = headers
        self.maxBytes = maxBytes
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

public enum HTTPFailure: Error, Sendable, Equatable {
    /// No complete response before the deadline.
    case timeout
    /// The connection failed or broke off (refused, reset, closed mid-body).
    case connection(String)
    /// The body grew past the request's `maxBytes` (after decoding, for a compressed body).
    case tooLarge(Int)
    /// An answer that asking again would not change (headers too large, an encoding not asked for, a broken
    /// compressed body): not retried.
    case invalid(String)
    /// No HTTP client on this machine (libcurl missing): not retried.
    case unavailable(String)
}

/// Sends a request and waits for the whole response or the deadline. Redirects are not followed:
/// the Hub client decides which ones to follow.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, deadline: TimeInterval) -> Result<HTTPResponse, HTTPFailure>
}

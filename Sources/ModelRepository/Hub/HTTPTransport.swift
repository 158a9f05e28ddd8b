import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange. Header names in responses are lowercased.
public struct HTTPRequest: Sendable {
    public var url: URL
    public var method = "GET"
    public var headers: [String: String] = [:]

    public init(url: URL, method: String = "GET", headers: [String: String] = [:]) {
        self.url = url
        self.method = method
        self.headers = headers
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
}

/// Sends a request and waits for the whole response or the deadline. Redirects are not followed:
/// the Hub client decides which ones to follow.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, deadline: TimeInterval) -> Result<HTTPResponse, HTTPFailure>
}

/// Foundation's URLSession (FoundationNetworking on Linux, backed by libcurl): no NIO and no second
/// TLS stack next to swift-crypto.
public final class URLSessionTransport: NSObject, HTTPTransport, URLSessionTaskDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var sessionStorage: URLSession?

    private var session: URLSession {
        lock.lock()
        defer { lock.unlock() }
        if let sessionStorage { return sessionStorage }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = 16
        let created = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        sessionStorage = created
        return created
    }

    public override init() {}

    public func send(_ request: HTTPRequest, deadline: TimeInterval) -> Result<HTTPResponse, HTTPFailure> {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = deadline
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: urlRequest) { data, response, error in
            if let error {
                let nsError = error as NSError
                box.result = .failure(nsError.code == NSURLErrorTimedOut ? .timeout : .connection(nsError.localizedDescription))
            } else if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (key, value) in http.allHeaderFields {
                    if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
                }
                box.result = .success(HTTPResponse(status: http.statusCode, headers: headers, body: Array(data ?? Data())))
            } else {
                box.result = .failure(.connection("no HTTP response"))
            }
            semaphore.signal()
        }
        task.resume()
        // The session's timeout is an idle timeout; the deadline bounds the whole exchange.
        if semaphore.wait(timeout: .now() + deadline + 1) == .timedOut {
            task.cancel()
            return .failure(.timeout)
        }
        return box.result ?? .failure(.connection("no response"))
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                           newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Result<HTTPResponse, HTTPFailure>?
        var result: Result<HTTPResponse, HTTPFailure>? {
            get { lock.lock(); defer { lock.unlock() }; return stored }
            set { lock.lock(); stored = newValue; lock.unlock() }
        }
    }
}

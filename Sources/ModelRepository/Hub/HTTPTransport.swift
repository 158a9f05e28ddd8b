import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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
    /// The body grew past the request's `maxBytes`.
    case tooLarge(Int)
}

/// Sends a request and waits for the whole response or the deadline. Redirects are not followed:
/// the Hub client decides which ones to follow.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, deadline: TimeInterval) -> Result<HTTPResponse, HTTPFailure>
}

/// Foundation's URLSession (FoundationNetworking on Linux, backed by libcurl): no NIO and no second
/// TLS stack next to swift-crypto. Bodies are collected through the data delegate so that a body past
/// the request's limit is cancelled while it arrives, not after it has filled memory.
public final class URLSessionTransport: NSObject, HTTPTransport, URLSessionDataDelegate, @unchecked Sendable {
    private final class Exchange: @unchecked Sendable {
        let limit: Int
        let done = DispatchSemaphore(value: 0)
        var body: [UInt8] = []
        var response: HTTPURLResponse?
        var failure: HTTPFailure?
        init(limit: Int) { self.limit = limit }
    }

    private let lock = NSLock()
    private var sessionStorage: URLSession?
    private var exchanges: [Int: Exchange] = [:]

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

    private func exchange(_ task: URLSessionTask) -> Exchange? {
        lock.lock()
        defer { lock.unlock() }
        return exchanges[task.taskIdentifier]
    }

    public func send(_ request: HTTPRequest, deadline: TimeInterval) -> Result<HTTPResponse, HTTPFailure> {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = deadline
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let exchange = Exchange(limit: request.maxBytes)
        let task = session.dataTask(with: urlRequest)
        lock.lock()
        exchanges[task.taskIdentifier] = exchange
        lock.unlock()
        defer {
            lock.lock()
            exchanges[task.taskIdentifier] = nil
            lock.unlock()
        }
        task.resume()
        // The session's timeout is an idle timeout; the deadline bounds the whole exchange.
        if exchange.done.wait(timeout: .now() + deadline + 1) == .timedOut {
            task.cancel()
            return .failure(.timeout)
        }
        lock.lock()
        defer { lock.unlock() }
        if let failure = exchange.failure { return .failure(failure) }
        guard let http = exchange.response else { return .failure(.connection("no HTTP response")) }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return .success(HTTPResponse(status: http.statusCode, headers: headers, body: exchange.body))
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                           completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        if let exchange = exchange(dataTask) {
            lock.lock()
            exchange.response = response as? HTTPURLResponse
            lock.unlock()
        }
        completionHandler(.allow)
    }

    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(dataTask) else { return }
        lock.lock()
        let over = exchange.body.count + data.count > exchange.limit
        if over {
            exchange.failure = .tooLarge(exchange.limit)
        } else {
            exchange.body.append(contentsOf: data)
        }
        lock.unlock()
        if over { dataTask.cancel() }
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let exchange = exchange(task) else { return }
        lock.lock()
        if let error, exchange.failure == nil {
            let nsError = error as NSError
            exchange.failure = nsError.code == NSURLErrorTimedOut ? .timeout : .connection(nsError.localizedDescription)
        }
        if exchange.response == nil, let http = task.response as? HTTPURLResponse { exchange.response = http }
        lock.unlock()
        exchange.done.signal()
    }

    public func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                           newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

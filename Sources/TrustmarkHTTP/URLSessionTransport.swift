import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// The HTTP client lives in its own shared library, loaded with dlopen only when a command reaches the Hub:
// FoundationNetworking pulls in libcurl and some twenty libraries behind it, which cost every other command about
// 6 ms of start-up (a small-file `trustmark scan` went from 4.8 to 10.8 ms).

/// Sends one request; `callback` receives the status (or -1 timeout, -2 connection failure with the message in
/// the body, -3 body over `maxBytes`), the headers as `name: value` lines, and the body.
@_cdecl("trustmark_http_send")
public func trustmarkHTTPSend(
    _ url: UnsafePointer<CChar>, _ headerLines: UnsafePointer<CChar>, _ deadline: Double, _ maxBytes: Int,
    _ callback: @convention(c) (Int32, UnsafePointer<CChar>, UnsafePointer<UInt8>?, Int, UnsafeMutableRawPointer?) -> Void,
    _ context: UnsafeMutableRawPointer?
) {
    guard let target = URL(string: String(cString: url)) else {
        "bad URL".withCString { message in callback(-2, "", nil, 0, context) }
        return
    }
    var headers: [String: String] = [:]
    for line in String(cString: headerLines).split(separator: "\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let outcome = URLSessionTransport.shared.send(url: target, headers: headers, deadline: deadline, maxBytes: maxBytes)
    switch outcome {
    case .success(let response):
        let lines = response.headers.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
        lines.withCString { text in
            response.body.withUnsafeBufferPointer { body in callback(Int32(response.status), text, body.baseAddress, body.count, context) }
        }
    case .failure(let failure):
        switch failure {
        case .timeout: callback(-1, "", nil, 0, context)
        case .tooLarge: callback(-3, "", nil, 0, context)
        case .connection(let message):
            let bytes = Array(message.utf8)
            bytes.withUnsafeBufferPointer { body in callback(-2, "", body.baseAddress, body.count, context) }
        }
    }
}

/// Foundation's URLSession (FoundationNetworking on Linux, backed by libcurl): no NIO and no second
/// TLS stack next to swift-crypto. Bodies are collected through the data delegate so that a body past
/// the request's limit is cancelled while it arrives, not after it has filled memory.
final class URLSessionTransport: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    static let shared = URLSessionTransport()

    enum Failure: Error { case timeout, connection(String), tooLarge }
    struct Response { var status: Int; var headers: [String: String]; var body: [UInt8] }

    private final class Exchange: @unchecked Sendable {
        let limit: Int
        let done = DispatchSemaphore(value: 0)
        var body: [UInt8] = []
        var response: HTTPURLResponse?
        var failure: Failure?
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

    override init() {}

    private func exchange(_ task: URLSessionTask) -> Exchange? {
        lock.lock()
        defer { lock.unlock() }
        return exchanges[task.taskIdentifier]
    }

    func send(url: URL, headers requestHeaders: [String: String], deadline: TimeInterval, maxBytes: Int) -> Result<Response, Failure> {
        var urlRequest = URLRequest(url: url)
        urlRequest.timeoutInterval = deadline
        for (name, value) in requestHeaders { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let exchange = Exchange(limit: maxBytes)
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
        return .success(Response(status: http.statusCode, headers: headers, body: exchange.body))
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                           completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        if let exchange = exchange(dataTask) {
            lock.lock()
            exchange.response = response as? HTTPURLResponse
            lock.unlock()
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(dataTask) else { return }
        lock.lock()
        let over = exchange.body.count + data.count > exchange.limit
        if over {
            exchange.failure = .tooLarge
        } else {
            exchange.body.append(contentsOf: data)
        }
        lock.unlock()
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
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

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                           newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

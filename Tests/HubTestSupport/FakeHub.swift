import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real HTTP/1.1 server on loopback for the Hub client's tests: one thread per connection, one
/// request per connection (`Connection: close`). Routes are closures, so a test can make the server
/// answer 429, redirect, hang, or die halfway through a body.
public final class FakeHub: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: [String: String]
        public var headers: [String: String]
        public var target: String
    }

    public enum Reply: Sendable {
        case respond(status: Int, headers: [String: String], body: [UInt8])
        /// Sends the headers (with the full Content-Length) and only `sent` bytes of the body, then closes.
        case dieAfter(status: Int, headers: [String: String], body: [UInt8], sent: Int)
        /// Accepts and never answers (until the server stops).
        case hang
        /// Sends the status line and headers, then nothing more (until the server stops).
        case stallAfterHeaders(status: Int, headers: [String: String])
        /// Sends the whole answer one byte every `interval` seconds.
        case drip(status: Int, headers: [String: String], body: [UInt8], interval: TimeInterval)
    }

    public let port: UInt16
    public let host: String
    private let listener: Int32
    private let lock = NSLock()
    private var handler: @Sendable (Request) -> Reply
    private var stopped = false
    public private(set) var requests: [Request] = []
    public private(set) var bytesSent = 0

    /// A server on `host` (any 127.x.y.z address is loopback on Linux) and `port` (0: any free port).
    public init(host: String = "127.0.0.1", port requested: UInt16 = 0, handler: @escaping @Sendable (Request) -> Reply) throws {
        self.handler = handler
        self.host = host
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = requested.bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 128) == 0 else {
            close(listener)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        port = UInt16(bigEndian: address.sin_port)
        start()
    }

    private func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.stackSize = 1 << 20
        thread.start()
    }

    public var endpoint: String { "http://\(host):\(port)" }

    /// Idempotent: the listener is closed once (a second close could hit a descriptor reused by another server).
    public func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    deinit { stop() }

    public var requestCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return requests.count
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                lock.lock()
                let done = stopped
                lock.unlock()
                if done { return }
                continue
            }
            let thread = Thread { [self] in serve(connection) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !buffer.containsHeaderEnd {
            let count = recv(connection, &chunk, chunk.count, 0)
            if count <= 0 { return }
            buffer += chunk[0..<count]
            if buffer.count > 1 << 20 { return }
        }
        let text = String(decoding: buffer, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2 else { return }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let target = String(parts[1])
        let pieces = target.split(separator: "?", maxSplits: 1)
        var query: [String: String] = [:]
        if pieces.count > 1 {
            for pair in pieces[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                query[String(kv[0])] = kv.count > 1 ? (String(kv[1]).removingPercentEncoding ?? String(kv[1])) : ""
            }
        }
        let request = Request(
            method: String(parts[0]), path: String(pieces[0]).removingPercentEncoding ?? String(pieces[0]), query: query,
            headers: headers, target: target)
        lock.lock()
        requests.append(request)
        let handler = self.handler
        lock.unlock()
        switch handler(request) {
        case .respond(let status, let headers, let body):
            send(connection, status: status, headers: headers, body: body, sent: body.count)
        case .dieAfter(let status, let headers, let body, let sent):
            send(connection, status: status, headers: headers, body: body, sent: sent)
        case .hang:
            waitUntilStopped()
        case .stallAfterHeaders(let status, let headers):
            send(connection, status: status, headers: headers, body: [], sent: 0)
            waitUntilStopped()
        case .drip(let status, let headers, let body, let interval):
            var all = headers
            all["Content-Length"] = String(body.count)
            all["Connection"] = "close"
            let head = "HTTP/1.1 \(status) Status\r\n" + all.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\r\n" }.joined() + "\r\n"
            for byte in Array(head.utf8) + body {
                lock.lock()
                let done = stopped
                lock.unlock()
                if done { return }
                var one = byte
                guard Glibc.send(connection, &one, 1, Int32(MSG_NOSIGNAL)) == 1 else { return }
                usleep(useconds_t(interval * 1_000_000))
            }
        }
    }

    private func waitUntilStopped() {
        while true {
            lock.lock()
            let done = stopped
            lock.unlock()
            if done { return }
            usleep(50_000)
        }
    }

    private func send(_ connection: Int32, status: Int, headers: [String: String], body: [UInt8], sent: Int) {
        var head = "HTTP/1.1 \(status) \(status == 200 ? "OK" : status == 206 ? "Partial Content" : "Status")\r\n"
        var all = headers
        if all["Content-Length"] == nil { all["Content-Length"] = String(body.count) }
        all["Connection"] = "close"
        for (name, value) in all.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        let bytes = Array(head.utf8) + body.prefix(sent)
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            offset += count
        }
        lock.lock()
        bytesSent += bytes.count
        lock.unlock()
    }
}

extension [UInt8] {
    var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for index in 0...(count - 4) where self[index] == 13 && self[index + 1] == 10 && self[index + 2] == 13 && self[index + 3] == 10 {
            return true
        }
        return false
    }
}

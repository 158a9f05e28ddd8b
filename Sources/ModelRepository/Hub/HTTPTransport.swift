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
    /// The body grew past the request's `maxBytes`.
    case tooLarge(Int)
}

/// Sends a request and waits for the whole response or the deadline. Redirects are not followed:
/// the Hub client decides which ones to follow.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, deadline: TimeInterval) -> Result<HTTPResponse, HTTPFailure>
}

/// The HTTP client, loaded from `libTrustmarkHTTP.so` (the `TrustmarkHTTP` product) on first use, so that commands
/// that never reach the network do not pay for loading libcurl. Looked up in `TRUSTMARK_HTTP_PLUGIN`, then next to the
/// running executable.
public final class PluginTransport: HTTPTransport, @unchecked Sendable {
    typealias Callback = @convention(c) (Int32, UnsafePointer<CChar>, UnsafePointer<UInt8>?, Int, UnsafeMutableRawPointer?) -> Void
    typealias Send = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, Double, Int, Callback, UnsafeMutableRawPointer?) -> Void

    private let sendFunction: Send?
    private let problem: String?
    public static let shared = PluginTransport()

    init() {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["TRUSTMARK_HTTP_PLUGIN"] { candidates.append(explicit) }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let folder = (executable as NSString).deletingLastPathComponent
        candidates += [folder + "/libTrustmarkHTTP.so", folder + "/libTrustmarkHTTP.dylib"]
        for path in candidates where FileManager.default.fileExists(atPath: path) {
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL), let symbol = dlsym(handle, "trustmark_http_send") else { continue }
            sendFunction = unsafeBitCast(symbol, to: Send.self)
            problem = nil
            return
        }
        sendFunction = nil
        problem = "the HTTP client library libTrustmarkHTTP.so was not found next to \(executable) (build it with `swift build`, which builds every product, or set TRUSTMARK_HTTP_PLUGIN)"
    }

    private final class Box {
        var result: Result<HTTPResponse, HTTPFailure> = .failure(.connection("no answer"))
    }

    public func send(_ request: HTTPRequest, deadline: TimeInterval) -> Result<HTTPResponse, HTTPFailure> {
        guard let sendFunction else { return .failure(.connection(problem ?? "no HTTP client")) }
        let box = Box()
        let headerLines = request.headers.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
        let context = Unmanaged.passRetained(box).toOpaque()
        request.url.absoluteString.withCString { url in
            headerLines.withCString { headers in
                sendFunction(url, headers, deadline, request.maxBytes, { status, headerText, body, count, context in
                    let box = Unmanaged<Box>.fromOpaque(context!).takeUnretainedValue()
                    let bytes = body.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
                    switch status {
                    case -1: box.result = .failure(.timeout)
                    case -3: box.result = .failure(.tooLarge(0))
                    case ..<0: box.result = .failure(.connection(String(decoding: bytes, as: UTF8.self)))
                    default:
                        var headers: [String: String] = [:]
                        for line in String(cString: headerText).split(separator: "\n") {
                            guard let colon = line.firstIndex(of: ":") else { continue }
                            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                        }
                        box.result = .success(HTTPResponse(status: Int(status), headers: headers, body: bytes))
                    }
                }, context)
            }
        }
        Unmanaged<Box>.fromOpaque(context).release()
        if case .failure(.tooLarge) = box.result { return .failure(.tooLarge(request.maxBytes)) }
        return box.result
    }
}

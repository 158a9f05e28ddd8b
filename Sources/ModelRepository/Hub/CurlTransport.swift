import Foundation
import LibcurlShim
import ModelFormats

/// The HTTP transport: one GET through the system's libcurl (see `Sources/LibcurlShim`), which is loaded on the first
/// request, so commands that never reach the network never load it. Every limit holds while the bytes arrive: the
/// deadline covers the whole exchange (a server that drips a byte a second or stalls after its headers fails at the
/// deadline), a body past `maxBytes` or response headers past `maxHeaderBytes` end the transfer at once, and a body
/// the server compressed although it was asked not to (`Accept-Encoding: identity`) is decoded here with the same cap,
/// so a gzip bomb fails as "too large" instead of filling memory.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    public static let shared = CurlTransport()
    /// Response headers past this are refused (the Hub sends about 2 KB).
    public static let maxHeaderBytes = 256 * 1024

    public init() {}

    public func send(_ request: HTTPRequest, deadline: TimeInterval) -> Result<HTTPResponse, HTTPFailure> {
        var headers = request.headers
        headers["Accept-Encoding"] = "identity"
        // Header values from the caller are ours; still, a line break would start a new header.
        let lines = headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)".filter { $0 != "\r" && $0 != "\n" } }
        var result = tm_http_result()
        let milliseconds = deadline.isFinite ? Int(min(max(deadline, 0.001), 86_400) * 1000) : 86_400_000
        withCStrings(lines) { pointers in
            tm_http_get(
                request.url.absoluteString, pointers.baseAddress, pointers.count, milliseconds, max(0, request.maxBytes),
                CurlTransport.maxHeaderBytes, &result)
        }
        defer { tm_http_result_free(&result) }
        switch result.status {
        case Int(TM_HTTP_TIMEOUT): return .failure(.timeout)
        case Int(TM_HTTP_BODY_TOO_LARGE): return .failure(.tooLarge(request.maxBytes))
        case Int(TM_HTTP_HEADERS_TOO_LARGE): return .failure(.invalid("the response headers are larger than \(CurlTransport.maxHeaderBytes) bytes"))
        case Int(TM_HTTP_NO_LIBRARY): return .failure(.unavailable(CurlTransport.message(result)))
        case ..<0:
            let message = CurlTransport.message(result)
            return .failure(.connection(message.isEmpty ? "the request failed" : message))
        default:
            break
        }
        let headerText = result.headers.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: result.headers_length), as: UTF8.self) } ?? ""
        let parsed = CurlTransport.parseHeaders(headerText)
        var body = result.body.map { Array(UnsafeBufferPointer(start: $0, count: result.body_length)) } ?? []
        switch parsed["content-encoding"]?.lowercased() {
        case nil, "", "identity":
            break
        case "gzip", "x-gzip":
            do { body = try Inflate.gzip(body, limit: request.maxBytes) } catch {
                return .failure(CurlTransport.decodingFailure(error, limit: request.maxBytes))
            }
        case "deflate":
            do { body = try Inflate.zlib(body, limit: request.maxBytes) } catch {
                return .failure(CurlTransport.decodingFailure(error, limit: request.maxBytes))
            }
        case let other?:
            return .failure(.invalid("the response is encoded as \(other.prefix(40)), which was not asked for"))
        }
        return .success(HTTPResponse(status: result.status, headers: parsed, body: body))
    }

    static func decodingFailure(_ error: DecompressionFailure, limit: Int) -> HTTPFailure {
        if case .tooLarge = error { return .tooLarge(limit) }
        return .invalid("the response's compressed body is broken (\(error))")
    }

    static func message(_ result: tm_http_result) -> String {
        withUnsafeBytes(of: result.message) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// `Name: value` lines of the final response, names lowercased; a repeated header keeps its first value.
    static func parseHeaders(_ text: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in text.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }).dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty, headers[name] == nil else { continue }
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }
}

/// Calls `body` with NUL-terminated copies of `strings`, valid for the call.
private func withCStrings<Result>(_ strings: [String], _ body: (UnsafeBufferPointer<UnsafePointer<CChar>?>) -> Result) -> Result {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { $0.map { UnsafePointer<CChar>($0) } }
    return pointers.withUnsafeBufferPointer(body)
}

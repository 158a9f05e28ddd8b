import Foundation
import ModelRepository
import TrustmarkCore

/// Serves the input as every answer a Hub or ModelScope rating asks for: the input is split at `\n--\n`, and the
/// i-th request gets the i-th part (wrapping), with status 200. The whole remote path runs on it — model info,
/// revision lists, listings (with the re-walk past ModelScope's limit), range and whole-file reads, the loader.
final class ReplayTransport: HTTPTransport, @unchecked Sendable {
    let parts: [[UInt8]]
    private let lock = NSLock()
    private var next = 0

    init(_ parts: [[UInt8]]) { self.parts = parts.isEmpty ? [[]] : parts }

    func send(_ request: HTTPRequest, deadline: TimeInterval) -> Result<HTTPResponse, HTTPFailure> {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        guard next <= 400 else { return .failure(.connection("request budget of the harness spent")) }
        let body = parts[(next - 1) % parts.count]
        guard body.count <= request.maxBytes else { return .failure(.tooLarge(request.maxBytes)) }
        return .success(HTTPResponse(status: 200, headers: [:], body: body))
    }
}

func split(_ bytes: [UInt8]) -> [[UInt8]] {
    let separator: [UInt8] = Array("\n--\n".utf8)
    var parts: [[UInt8]] = []
    var start = 0
    var index = 0
    while index + separator.count <= bytes.count {
        if Array(bytes[index..<index + separator.count]) == separator {
            parts.append(Array(bytes[start..<index]))
            index += separator.count
            start = index
        } else {
            index += 1
        }
    }
    parts.append(Array(bytes[start...]))
    return parts
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let parts = split(Array(UnsafeBufferPointer(start: data, count: size)))
    var configuration = HubConfiguration(endpoint: "http://fuzz.invalid", requestTimeout: 1, maxAttempts: 1)
    configuration.listingLimit = 4
    let modelScope = ModelScopeClient(configuration: configuration, transport: ReplayTransport(parts), sleep: { _ in })
    if let remote = try? HubRepository.fetch(modelScope: HubReference(repository: "acme/fuzz", platform: .modelScope), client: modelScope) {
        _ = RatingEngine().rate(SnapshotLoader().load(remote, concurrency: 1))
    }
    let hub = HubClient(configuration: configuration, transport: ReplayTransport(parts), sleep: { _ in })
    if let remote = try? HubRepository.fetch(HubReference(repository: "acme/fuzz"), client: hub) {
        _ = RatingEngine().rate(SnapshotLoader().load(remote, concurrency: 1))
    }
    return 0
}

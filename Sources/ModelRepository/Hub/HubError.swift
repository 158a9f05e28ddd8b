import Foundation

/// Why the Hub could not give what a rating needs. Each message says what to do.
public enum HubError: Error, Sendable, Equatable, CustomStringConvertible {
    case offline(repository: String)
    case notFound(repository: String)
    case revisionNotFound(repository: String, revision: String)
    case gated(repository: String, message: String)
    case unauthorized(repository: String)
    case disabled(repository: String)
    case rateLimited(url: String, retryAfter: Double?)
    case server(url: String, status: Int, message: String)
    case timeout(url: String, attempts: Int)
    /// The rating's network deadline passed before this request.
    case deadline(url: String, seconds: TimeInterval)
    /// So many requests of this rating timed out that the server is taken to have stopped answering.
    case unresponsive(url: String, timeouts: Int)
    /// The rating received all the bytes it may.
    case transferLimit(url: String, bytes: Int)
    /// The listing holds more files than a rating reads.
    case tooManyFiles(repository: String, limit: Int)
    case connection(url: String, message: String)
    case malformed(url: String, message: String)
    case integrity(path: String, message: String)
    case tooManyRedirects(url: String)
    case bundle(path: String, message: String)
    /// ModelScope refused or could not find a repository; the message says which and what to do.
    case modelScope(repository: String, message: String)

    public var description: String {
        switch self {
        case .offline(let repository):
            return "\(repository): offline mode (--offline or HF_HUB_OFFLINE=1) and not in the local Hugging Face cache"
        case .notFound(let repository):
            return "\(repository): no such model repository on the Hub, or it is private (set HF_TOKEN to a token that can read it)"
        case .revisionNotFound(let repository, let revision):
            return "\(repository): revision \(revision) does not exist (use a branch, tag or commit of this repository)"
        case .gated(let repository, let message):
            return "\(repository): gated repository — accept its conditions on the Hub and set HF_TOKEN (\(message))"
        case .unauthorized(let repository):
            return "\(repository): the token was refused (check HF_TOKEN or the token file)"
        case .disabled(let repository):
            return "\(repository): access to this repository is disabled on the Hub"
        case .rateLimited(let url, let retryAfter):
            let wait = retryAfter.flatMap { $0.isFinite && $0 >= 0 ? Int(min($0, 86_400)) : nil }
            return
                "\(url): rate-limited by the Hub (429)\(wait.map { "; it asks to wait \($0) s" } ?? ""); try again later or set HF_TOKEN for a higher limit"
        case .server(let url, let status, let message):
            return "\(url): HTTP \(status)\(message.isEmpty ? "" : ": \(message)")"
        case .timeout(let url, let attempts):
            return "\(url): no complete response after \(attempts) attempt\(attempts == 1 ? "" : "s") (timeout)"
        case .deadline(let url, let seconds):
            return "\(url): not requested: the rating's \(Int(seconds)) s network deadline passed (TRUSTMARK_HUB_DEADLINE sets it)"
        case .unresponsive(let url, let timeouts):
            return "\(url): not requested: the server stopped answering (\(timeouts) requests of this rating timed out)"
        case .transferLimit(let url, let bytes):
            return "\(url): not requested: the rating has received the \(bytes >> 20) MiB it may read from the server"
        case .tooManyFiles(let repository, let limit):
            return "\(repository): the file listing holds more than \(limit) files; this does not look like a model repository, and it is not rated"
        case .connection(let url, let message):
            return "\(url): \(message)"
        case .malformed(let url, let message):
            return "\(url): unexpected response: \(message)"
        case .integrity(let path, let message):
            return "\(path): \(message)"
        case .tooManyRedirects(let url):
            return "\(url): too many redirects"
        case .bundle(let path, let message):
            return "\(path): \(message)"
        case .modelScope(let repository, let message):
            return "\(repository): \(message)"
        }
    }
}

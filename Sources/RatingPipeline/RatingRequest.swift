import Foundation

/// What to rate and how: everything a caller (the CLI, a bulk worker, the server) says about one rating.
public struct RatingRequest: Sendable, Equatable {
    /// Where the files come from.
    public enum Source: Sendable, Equatable {
        /// As typed: `org/name[@revision]`, `hf://…`, a Hub or ModelScope URL, `ms://owner/name`, a folder, a weights file
        /// or a cache folder.
        case target(String)
        /// A folder written by `saveEvidence` (or `--save-evidence`): re-rated offline, byte for byte.
        case evidence(URL)
    }

    public var source: Source
    /// A branch, tag or commit for Hub, ModelScope and cache targets; nil for the default.
    public var revision: String?
    /// Never use the network: remote targets come from their local caches.
    public var offline: Bool
    /// Hash weight files and other large local files (`--no-hash` turns it off; small files are always hashed).
    public var hashLargeFiles: Bool
    /// Keep everything a remote rating read in this folder (it must not be a local target).
    public var saveEvidence: URL?

    public init(_ source: Source, revision: String? = nil, offline: Bool = false, hashLargeFiles: Bool = true, saveEvidence: URL? = nil) {
        self.source = source
        self.revision = revision
        self.offline = offline
        self.hashLargeFiles = hashLargeFiles
        self.saveEvidence = saveEvidence
    }

    /// A target as typed on a command line.
    public static func target(_ text: String, revision: String? = nil, offline: Bool = false) -> RatingRequest {
        RatingRequest(.target(text), revision: revision, offline: offline)
    }
}

/// A rating could not be made: the target is unreadable, the Hub refused, a bundle is altered, ... One line, for people.
public struct RatingFailure: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) { self.description = description }
}

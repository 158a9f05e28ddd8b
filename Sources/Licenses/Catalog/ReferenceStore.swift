import Foundation
import Synchronization

/// The catalog's texts, read and tokenised on first use and kept for the process.
final class ReferenceStore: Sendable {
    struct Loaded: Sendable {
        var text: String
        var full: NormalizedLicense
        var normalized: NormalizedLicense
    }

    let directory: URL
    let files: [String]
    private let cache = Mutex<[Int: Loaded]>([:])

    init(directory: URL, files: [String]) {
        self.directory = directory
        self.files = files
    }

    func load(_ position: Int) throws -> Loaded {
        if let known = cache.withLock({ $0[position] }) { return known }
        let text = try String(contentsOf: directory.appendingPathComponent(files[position]), encoding: .utf8)
        let full = NormalizedLicense.both(text)
        let loaded = Loaded(text: text, full: full, normalized: full.withoutCopyrightLines)
        cache.withLock { $0[position] = loaded }
        return loaded
    }

    /// The text at `position`; the catalog checked at load that every text file exists, so failing here means the
    /// installation changed under a running process.
    func loaded(_ position: Int) -> Loaded {
        do {
            return try load(position)
        } catch {
            fatalError("the license catalog text \(files[position]) became unreadable: \(error)")
        }
    }
}

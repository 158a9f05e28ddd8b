import Foundation

/// Bytes that one rating (or one `scan` run) may decompress in all. Each compressed stream is capped on its own
/// (`ModelFileScanner.maxInflated`), but a folder of a hundred small bombs would still be a hundred times the work:
/// a 100 KB bzip2 stream takes three seconds to reach its cap. Past the budget, streams are not decompressed and
/// count as not scanned.
public final class DecompressionBudget: @unchecked Sendable {
    public static let standard = 512 << 20
    public let total: Int
    private let lock = NSLock()
    private var left: Int

    public init(bytes: Int = DecompressionBudget.standard) {
        total = bytes
        left = bytes
    }

    /// Up to `wanted` bytes, taken from what is left (zero when it is spent).
    func reserve(_ wanted: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let granted = min(max(0, wanted), left)
        left -= granted
        return granted
    }

    /// Gives back what a stream did not use.
    func refund(_ unused: Int) {
        lock.lock()
        left += max(0, unused)
        lock.unlock()
    }
}

import Foundation
import Synchronization
import TrustmarkCore

/// A one-line progress bar on standard error for hashing large files; shown only on a terminal and
/// only for files big enough to notice (256 MB and up).
final class ProgressBar: Sendable {
    static let threshold: UInt64 = 256 * 1024 * 1024
    private let state = Mutex<(path: String, percent: Int, started: Date, drawn: Bool)>(("", -1, Date(), false))

    static func forStandardError() -> ProgressBar? {
        isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
    }

    func update(path: String, done: UInt64, size: UInt64) {
        guard size >= ProgressBar.threshold else { return }
        let percent = Int(done * 100 / max(size, 1))
        let line: String? = state.withLock { state in
            if state.path != path { state = (path, -1, Date(), state.drawn) }
            guard percent != state.percent else { return nil }
            state.percent = percent
            state.drawn = true
            let elapsed = max(Date().timeIntervalSince(state.started), 0.001)
            let rate = Double(done) / elapsed / 1e6
            let filled = percent / 5
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
            return "\r\u{1B}[2Khashing \(TerminalText.escape(path)) \(bar) \(percent)% \(Int(rate)) MB/s"
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func finish() {
        let drawn = state.withLock { $0.drawn }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}

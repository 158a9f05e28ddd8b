import Foundation

/// What one rating may spend on the network, shared by all of its requests (as OpenSSF Scorecard's workers share one
/// rate budget): a deadline for the whole rating, a total of seconds it may sleep on retries, and a number of timeouts
/// after which the server is taken to have stopped answering. A hostile or broken server can therefore slow a rating
/// down only until one of these runs out; then every further request fails at once with a clear reason, and the
/// files not yet read become coverage gaps.
final class RequestBudget: @unchecked Sendable {
    enum Allowance: Equatable {
        /// Seconds this request may take.
        case available(TimeInterval)
        /// The rating's deadline has passed.
        case exhausted
        /// Too many requests timed out.
        case unresponsive(timeouts: Int)
    }

    private let lock = NSLock()
    private let started = DispatchTime.now().uptimeNanoseconds
    private let deadline: TimeInterval
    private var retrySecondsLeft: TimeInterval
    private var timeoutsLeft: Int
    private let maxTimeouts: Int

    init(_ configuration: HubConfiguration) {
        deadline = configuration.ratingDeadline
        retrySecondsLeft = configuration.retryBudget
        maxTimeouts = max(1, configuration.maxTimeouts)
        timeoutsLeft = maxTimeouts
    }

    var elapsed: TimeInterval { TimeInterval(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }

    /// The deadline for the next request: the configured per-request timeout, or what is left of the rating's.
    func requestDeadline(_ perRequest: TimeInterval) -> Allowance {
        lock.lock()
        defer { lock.unlock() }
        if timeoutsLeft <= 0 { return .unresponsive(timeouts: maxTimeouts) }
        let left = deadline - elapsed
        guard left > 0.05 else { return .exhausted }
        return .available(min(perRequest, left))
    }

    /// Takes `seconds` of retry sleep from the budget; false (and nothing taken) when that is more than is left, or
    /// would end past the rating's deadline.
    func takeRetryWait(_ seconds: TimeInterval) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard seconds.isFinite, seconds >= 0, seconds <= retrySecondsLeft, elapsed + seconds < deadline else { return false }
        retrySecondsLeft -= seconds
        return true
    }

    /// Counts a timeout; false once the server has timed out `maxTimeouts` times in this rating.
    func recordTimeout() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        timeoutsLeft -= 1
        return timeoutsLeft > 0
    }
}

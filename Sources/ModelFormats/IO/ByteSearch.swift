/// Substring search on bytes. Foundation's `String.contains` goes through CFString and showed up as
/// a hot spot when every call argument of every pickle was checked for indicators.
extension Array where Element == UInt8 {
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        firstIndex(of: needle) != nil
    }

    func firstIndex(of needle: [UInt8], from start: Int = 0) -> Int? {
        guard let first = needle.first else { return start }
        guard count >= needle.count else { return nil }
        var index = start
        let last = count - needle.count
        while index <= last {
            if self[index] == first {
                var matched = true
                for offset in 1..<needle.count where self[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}

extension StringProtocol {
    /// Substring test on UTF-8 bytes. `contains(_:)` on strings resolves to Foundation's CFString-based
    /// overload (Foundation leaks in through TrustmarkCore), which dominated scans of files with many names.
    func includes(_ needle: String) -> Bool {
        let haystack = utf8
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        var index = haystack.startIndex
        while let found = haystack[index...].firstIndex(of: first) {
            var cursor = found
            var matched = true
            for byte in pattern {
                guard cursor != haystack.endIndex, haystack[cursor] == byte else {
                    matched = false
                    break
                }
                cursor = haystack.index(after: cursor)
            }
            if matched { return true }
            index = haystack.index(after: found)
        }
        return false
    }
}

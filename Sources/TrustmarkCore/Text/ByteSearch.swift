import Foundation

extension StringProtocol {
    /// The first range of `needle`, found by comparing UTF-8 bytes. `range(of:)` goes through Foundation, which copies
    /// the searched text into an NSString on every call: a loop that searches the rest of a line again after each hit
    /// was quadratic, minutes on one hostile 4 MB line. The result's bounds are scalar-aligned, as for any valid
    /// UTF-8 needle.
    public func utf8Range(of needle: String) -> Range<Index>? {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return startIndex..<startIndex }
        let found: Int?? = utf8.withContiguousStorageIfAvailable { haystack in ByteSearch.firstOffset(of: pattern, in: haystack) }
        let offset: Int?
        if let found {
            offset = found
        } else {
            offset = Array(utf8).withUnsafeBufferPointer { ByteSearch.firstOffset(of: pattern, in: $0) }
        }
        guard let offset else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: pattern.count)
    }

    /// Whether `needle` occurs, by UTF-8 bytes (see `utf8Range(of:)`); an empty needle does not, as with Foundation's
    /// `contains(_:)`, which this replaces throughout: that one bridges every searched text to CFString and was 4% of
    /// a rating's run. The two differ only where a combining mark follows the match ("e" is found in "e\u{301}").
    public func utf8Contains(_ needle: String) -> Bool { !needle.isEmpty && utf8Range(of: needle) != nil }

}

/// Substring search on bytes, for callers that keep their needles as bytes.
public enum ByteSearch {
    public static func contains(_ pattern: [UInt8], in haystack: [UInt8]) -> Bool {
        pattern.isEmpty || haystack.withUnsafeBufferPointer { firstOffset(of: pattern, in: $0) != nil }
    }

    static func firstOffset(of pattern: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard haystack.count >= pattern.count, let base = haystack.baseAddress else { return nil }
        let first = pattern[0]
        let last = haystack.count - pattern.count
        var index = 0
        // Candidates by memchr (a card's lines are searched for hundreds of phrases), then a byte compare.
        while index <= last {
            guard let hit = memchr(base + index, Int32(first), last - index + 1) else { return nil }
            index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var offset = 1
            while offset < pattern.count, haystack[index + offset] == pattern[offset] { offset += 1 }
            if offset == pattern.count { return index }
            index += 1
        }
        return nil
    }
}

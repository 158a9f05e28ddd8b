import Testing
import TrustmarkCore

/// Byte search against the plain definition (every offset compared), on random texts over a small alphabet so that
/// partial matches, overlaps and matches at both ends are common.
@Suite("Byte search")
struct ByteSearchTests {
    static func naiveFirst(_ needle: [UInt8], _ haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    @Test func agreesWithTheDefinitionOnRandomTexts() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abé ".utf8)
        for _ in 0..<3000 {
            let haystack = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let needle = (0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let expected = Self.naiveFirst(needle, haystack)
            #expect(ByteSearch.contains(needle, in: haystack) == (expected != nil), "\(haystack) \(needle)")
            guard let text = String(validating: haystack, as: UTF8.self), let word = String(validating: needle, as: UTF8.self) else { continue }
            let range = text.utf8Range(of: word)
            #expect(range.map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) } == expected, "\(text) / \(word)")
            #expect(text.utf8Contains(word) == (expected != nil))
            #expect(text.dropFirst().utf8Contains(word) == (Self.naiveFirst(needle, Array(text.dropFirst().utf8)) != nil))
        }
    }

    @Test func edges() {
        #expect("licence".utf8Contains("licence"))
        #expect("a licence".utf8Contains("ce"))
        #expect(!"licenc".utf8Contains("licence"))
        // An empty needle is not found, as with Foundation's contains(_:).
        #expect(!"text".utf8Contains(""))
        #expect(!"".utf8Contains("a"))
        #expect("训练数据 data".utf8Contains("数据"))
    }
}

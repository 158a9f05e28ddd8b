import Testing
import TrustmarkCore

/// The text layer every probe reads through: lines and snippets (issue 13: CRLF files became one line; snippets were
/// cut in `Character`s, so an emoji line broke the schema's 200-code-point limit).
@Suite("Text layer")
struct TextLayerTests {
    @Test(arguments: [
        ("a\nb\n", ["a", "b", ""]),
        ("a\r\nb\r\n", ["a", "b", ""]),
        ("a\r\nb\nc", ["a", "b", "c"]),
        ("a\rb\n", ["a\rb", ""]),
        ("", [""]),
        ("\r\n", ["", ""]),
        ("é\u{301}\r\nx", ["é\u{301}", "x"]),
    ])
    func linesEndAtLFAndCRLF(text: String, lines: [String]) {
        #expect(text.lineSlices().map(String.init) == lines)
        #expect(TextDocument(path: "f", text: text).lines.map(String.init) == lines)
    }

    @Test func aCRLFDocumentHasTheLinesOfItsLFTwin() {
        let lf = (1...50).map { "line \($0) with some words" }.joined(separator: "\n") + "\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(crlf.contains("\r\n") && crlf.split(separator: "\n").count == 1)  // what the old split saw: one line
        #expect(TextDocument(path: "a", text: crlf).lines == TextDocument(path: "a", text: lf).lines)
        #expect(TextDocument(path: "a", text: crlf).line(37) == "line 37 with some words")
    }

    @Test func snippetsAreAtMost200CodePointsAndCutBetweenCharacters() {
        let family = "👨‍👩‍👧‍👦"  // one Character, seven code points
        let evidence = Evidence.lines("README.md", 1, snippet: String(repeating: family, count: 100))
        let snippet = try! #require(evidence.snippet)
        #expect(snippet.unicodeScalars.count <= 200)
        #expect(snippet.hasSuffix("…"))
        #expect(snippet.dropLast().allSatisfy { $0 == Character(family) })
        #expect(snippet.count == 29)  // 28 families (196 code points) and the ellipsis
        let short = String(repeating: "a", count: 200)
        #expect(Evidence.lines("R", 1, snippet: short).snippet == short)
        #expect(Evidence.lines("R", 1, snippet: short + "b").snippet?.unicodeScalars.count == 200)
    }
}

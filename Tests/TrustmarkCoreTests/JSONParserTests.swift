import Testing

@testable import TrustmarkCore

@Suite("JSON parser")
struct JSONParserTests {
    @Test func keepsExactUnsignedIntegersAndLines() throws {
        let node = try JSONParser.parse("{\n  \"a\": 18446744073709551615,\n  \"b\": [1, 2.5e3, -0]\n}")
        #expect(node["a"]?.uint64 == UInt64.max)
        #expect(node["a"]?.line == 2)
        #expect(node.members?[1].keyLine == 3)
        #expect(node["b"]?.elements?.map(\.compactDescription) == ["1", "2.5e3", "-0"])
        #expect(node["b"]?.elements?[1].int == 2500)
    }

    @Test func reportsDuplicateKeysAndKeepsTheLast() throws {
        let node = try JSONParser.parse(#"{"x": 1, "y": 2, "x": 3}"#)
        #expect(node.duplicateKeys == ["x"])
        #expect(node["x"]?.int == 3)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let node = try JSONParser.parse(#"["a\"b\\c\/d\n", "\u00e9\ud83d\ude00", "plain ü"]"#)
        #expect(node.elements?.map(\.string) == ["a\"b\\c/d\n", "é😀", "plain ü"])
    }

    @Test(arguments: [
        ("{", "expected a string key"), ("{\"a\" 1}", "expected ':'"), ("[1,]", "unexpected character"), ("\"abc", "unterminated string"),
        ("\"\\x\"", "invalid escape"), ("\"\u{01}\"", "control character"), ("{} {}", "after the JSON value"), ("01", "after the JSON value"),
        ("\"\\ud800\"", "unpaired surrogate"), ("tru", "unexpected end"), ("-", "invalid number"), ("1.", "invalid number"),
    ])
    func rejectsMalformedInput(text: String, expected: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        let bytes: [UInt8] = Array("[\"".utf8) + [0xFF, 0xFE] + Array("\"]".utf8)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(bytes) }
    }

    @Test func boundsNestingWithoutRecursingForever() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try JSONParser.parse(deep)
            Issue.record("deep nesting was accepted")
        } catch {
            #expect(error.message.contains("nested deeper"))
        }
        let shallow = String(repeating: "[", count: 50) + String(repeating: "]", count: 50)
        #expect(throws: Never.self) { try JSONParser.parse(shallow) }
    }

    @Test func buildsEscapedPointers() {
        #expect(JSONPointer.make("auto_map", "a/b", "c~d") == "/auto_map/a~1b/c~0d")
    }
}

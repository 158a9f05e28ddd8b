import Foundation
import Testing
import TrustmarkCore

/// `StableJSONEncoder` against Foundation's `JSONEncoder` with the options the reports used: the same bytes for the
/// shapes Codable can produce. The reports themselves are compared the same way on real ratings (ReportsTests'
/// `JSONTextParityTests`).
@Suite("Stable JSON encoder")
struct StableJSONEncoderTests {
    static func foundation(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func expectSame(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ours = try StableJSONEncoder().encode(value)
        let reference = try foundation(value)
        #expect(ours == reference, sourceLocation: sourceLocation)
    }

    struct Scalars: Encodable {
        var text = "quote \" backslash \\ slash / controls \u{1}\u{8}\u{c}\n\r\t\u{1f} del \u{7f} separator \u{2028} é 😀 中文"
        var flag = true
        var small: Int8 = -128
        var big: UInt64 = .max
        var negative: Int64 = .min
        var float: Float = 0.1
        var missing: Int? = nil
        var present: String? = "here"
    }

    @Test func scalarsStringsAndOptionals() throws {
        try Self.expectSame(Scalars())
        let text = try StableJSONEncoder().encode(Scalars())
        #expect(!text.contains("missing"))
        #expect(text.contains(#"\u0001\b\f\n\r\t\u001f"#))
    }

    @Test(arguments: [
        0.1, 1e-7, 1e21, 100.0, 89.25, -0.0, 0.0, 1e16, 123_456_789_012.5, 2e15, 1e15 + 0.5, 1.0 / 3.0, 0.0001, 0.00001,
        9_007_199_254_740_992.0, 9_007_199_254_740_994.0, 1e300, -2.5, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude,
    ])
    func doubles(value: Double) throws {
        try Self.expectSame([value])
        try Self.expectSame(["key": value])
    }

    @Test func nonFiniteNumbersAreErrorsAsInFoundation() {
        #expect(throws: EncodingError.self) { try StableJSONEncoder().encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try StableJSONEncoder().encode(["x": Double.infinity]) }
        #expect(throws: EncodingError.self) { try StableJSONEncoder().encode(-Float.infinity) }
    }

    @Test func emptyAndNestedContainers() throws {
        try Self.expectSame([Int]())
        try Self.expectSame([String: Int]())
        try Self.expectSame([[String: [Int]]]([[:], ["x": []], ["y": [1, 2]]]))
        try Self.expectSame(["a": ["b": ["c": [[Int]]([[], [3]])]]])
        try Self.expectSame("top-level string")
        try Self.expectSame(42)
    }

    @Test func keysInByteOrder() throws {
        // Upper case before lower, digits compared as characters, a decomposed accent by its bytes.
        let keys = ["a10", "a9", "B", "a", "_x", "Z", "é", "f", "e", "A", "b", "", " "]
        try Self.expectSame(Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) }))
        // (A Swift dictionary holds "é" and "e\u{301}" as one key: they are equal strings.)
        try Self.expectSame(["e\u{301}": 1, "f": 2, "e": 3])
        try Self.expectSame([3: "three", 10: "ten", -1: "minus one"])
    }

    /// Hand-written `encode(to:)` shapes: nested containers, repeated keys, explicit nulls, a value that writes
    /// nothing, super encoders (as a class hierarchy writes them) and the coding path a value sees.
    struct Handwritten: Encodable {
        /// Foundation loses the path inside nested containers (a value there sees only its own key); this encoder
        /// gives the whole path. The comparison with Foundation leaves the recorders out.
        var recordPaths = false
        enum Keys: String, CodingKey { case first, nested, list, empty, repeated, nothing, child, parent }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("one", forKey: .first)
            var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try nested.encodeNil(forKey: .first)
            var list = nested.nestedUnkeyedContainer(forKey: .list)
            try list.encode(1.5)
            try list.encodeNil()
            var inner = list.nestedContainer(keyedBy: Keys.self)
            var innerList = list.nestedUnkeyedContainer()
            if recordPaths {
                try inner.encode(PathRecorder(), forKey: .child)
                try innerList.encode(PathRecorder())
            } else {
                try inner.encode("child", forKey: .child)
                try innerList.encode(0)
            }
            _ = container.nestedUnkeyedContainer(forKey: .empty)
            try container.encode(1, forKey: .repeated)
            try container.encode(2, forKey: .repeated)
            try container.encode(Nothing(), forKey: .nothing)
            try "parent part".encode(to: container.superEncoder(forKey: .parent))
            try ["super": "part"].encode(to: container.superEncoder())
            // A second request for the keyed container adds to the same object.
            var again = encoder.container(keyedBy: Keys.self)
            try again.encode(true, forKey: .child)
        }
    }

    struct Nothing: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    /// Writes the coding path it was given, so the two encoders' paths are compared through the output.
    struct PathRecorder: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(encoder.codingPath.map { $0.intValue.map { "#\($0)" } ?? $0.stringValue }.joined(separator: "/"))
        }
    }

    @Test func handwrittenEncodersAndCodingPaths() throws {
        try Self.expectSame(Handwritten())
        try Self.expectSame([[PathRecorder()], [PathRecorder(), PathRecorder()]])
        try Self.expectSame(["outer": ["inner": PathRecorder()]])
        let text = try StableJSONEncoder().encode(Handwritten(recordPaths: true))
        #expect(text.contains(#""child" : "nested/list/#2/child""#))
        #expect(text.contains(#""nested/list/#3/#0""#))
        #expect(text.contains(#""repeated" : 2"#))
    }

    class Base: Encodable {
        var id = "base"
        enum Keys: String, CodingKey { case id }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(id, forKey: .id)
        }
    }

    final class Derived: Base {
        var extra = [1, 2]
        enum DerivedKeys: String, CodingKey { case extra }
        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DerivedKeys.self)
            try container.encode(extra, forKey: .extra)
            try super.encode(to: container.superEncoder())
        }
    }

    struct UnkeyedSuper: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode("first")
            try Base().encode(to: container.superEncoder())
            try container.encode("last")
        }
    }

    @Test func superEncodersOfClassHierarchies() throws {
        try Self.expectSame(Derived())
        try Self.expectSame(UnkeyedSuper())
    }

    struct FoundationTypes: Encodable {
        var url = URL(string: "https://huggingface.co/org/name?x=1#frag")!
        var data = Data([0, 1, 2, 250, 255])
        var decimal = Decimal(string: "12.50")!
        var date = Date(timeIntervalSinceReferenceDate: 86_400.5)
        var uuid = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
    }

    @Test func foundationTypesAsJSONEncoderWritesThem() throws {
        try Self.expectSame(FoundationTypes())
        try Self.expectSame([URL(fileURLWithPath: "/tmp/a b")])
    }
}

import Foundation

/// A parsed JSON value that keeps what Foundation's parsers throw away: the exact text of numbers
/// (safetensors offsets are u64 and lose precision as Double), object members in order with
/// duplicates (the spec bans them, serde keeps the last), and the line each value starts on,
/// so that evidence can point at a file line as well as a JSON pointer.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as written.
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([JSONMember])
}

/// A value and the 1-based line it starts on.
public struct JSONNode: Sendable, Equatable {
    public var value: JSONValue
    public var line: Int

    public init(_ value: JSONValue, line: Int) {
        self.value = value
        self.line = line
    }
}

/// One `"key": value` pair of an object, in document order.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var keyLine: Int
    public var node: JSONNode
}

extension JSONNode {
    /// The last member named `key` (the one serde and Python keep), if this is an object.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.last(where: { $0.key == key })?.node
    }

    public var members: [JSONMember]? {
        if case .object(let members) = value { return members }
        return nil
    }

    public var elements: [JSONNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    public var string: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let flag) = value { return flag }
        return nil
    }

    /// The number as an unsigned integer, when it is written as one and fits.
    public var uint64: UInt64? {
        if case .number(let text) = value { return UInt64(text) }
        return nil
    }

    /// The number as a signed integer, also accepting integral floats such as `4096.0`.
    public var int: Int? {
        guard case .number(let text) = value else { return nil }
        if let exact = Int(text) { return exact }
        if let real = Double(text), real.rounded() == real, abs(real) < 9.0e15 { return Int(real) }
        return nil
    }

    public var double: Double? {
        if case .number(let text) = value { return Double(text) }
        return nil
    }

    /// Keys that occur more than once in this object, in first-seen order.
    public var duplicateKeys: [String] {
        guard let members else { return [] }
        var seen = Set<String>()
        var duplicates: [String] = []
        for member in members where !seen.insert(member.key).inserted && !duplicates.contains(member.key) {
            duplicates.append(member.key)
        }
        return duplicates
    }

    /// A short, human-readable rendering for evidence snippets.
    public var compactDescription: String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return "\"\(text)\""
        case .array(let elements): return "[" + elements.map(\.compactDescription).joined(separator: ", ") + "]"
        case .object(let members): return "{" + members.map { "\"\($0.key)\": \($0.node.compactDescription)" }.joined(separator: ", ") + "}"
        }
    }
}

/// Builds RFC 6901 JSON pointers.
public enum JSONPointer {
    public static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    public static func make(_ tokens: [String]) -> String {
        tokens.map { "/" + escape($0) }.joined()
    }

    public static func make(_ tokens: String...) -> String { make(tokens) }
}

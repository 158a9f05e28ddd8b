import Foundation

/// Writes an `Encodable` value as JSON with sorted keys, two-space indentation and unescaped slashes: byte for byte
/// what Foundation's `JSONEncoder` writes with `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]` (tests hold
/// the two side by side on every record, report and methodology document the fixtures and real repositories give).
///
/// Why not `JSONEncoder` itself: it asks every value at run time whether it is one of the types it special-cases
/// (dates, data, URLs, decimals, string-keyed dictionaries). Each first question about a type scans the binary's
/// whole protocol-conformance table, and a rating record has dozens of types, so on a short-lived process (a CI step,
/// a bulk worker) encoding the record cost several milliseconds of the whole run. This encoder compares metatypes
/// instead, which needs no table scan, and writes into one byte buffer.
public struct StableJSONEncoder: Sendable {
    public init() {}

    /// The document as UTF-8 text, without a trailing newline (as `JSONEncoder` writes it).
    public func encode<T: Encodable>(_ value: T) throws -> String {
        let root = try JSONTree.node(for: value, encoder: nil, key: nil)
        var writer = JSONTreeWriter()
        writer.write(root, level: 0)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// The tree `StableJSONEncoder` builds before writing. Containers are classes because Codable hands out a container
/// first and fills it afterwards (nested containers, super encoders).
enum JSONTree {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array(JSONArrayStore)
    case object(JSONObjectStore)

    /// Encodes one value; `encoder` and `key` only give the coding path for errors and for types that read it.
    static func node<T: Encodable>(for value: T, encoder parent: JSONTreeEncoder?, key: (any CodingKey)?) throws -> JSONTree {
        // The types JSONEncoder writes in its own way, recognised by identity rather than by a dynamic cast.
        if T.self == URL.self, let url = value as? URL { return .string(url.absoluteString) }
        if T.self == Data.self, let data = value as? Data { return .string(data.base64EncodedString()) }
        if T.self == Decimal.self, let decimal = value as? Decimal { return .number(decimal.description) }
        let encoder = JSONTreeEncoder(parent: parent, key: key)
        try value.encode(to: encoder)
        // A value that wrote nothing is an empty object, as in JSONEncoder.
        return encoder.result ?? .object(JSONObjectStore())
    }

    static func number<N: BinaryFloatingPoint & LosslessStringConvertible>(
        _ value: N, path: @autoclosure () -> [any CodingKey]
    )
        throws -> JSONTree
    {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: path(), debugDescription: "\(value) is not a JSON number"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }
}

final class JSONArrayStore {
    var items: [JSONTree] = []
}

final class JSONObjectStore {
    /// Writing a key again replaces its value, as in JSONEncoder; the writer sorts the keys.
    var members: [String: JSONTree] = [:]
}

import Foundation
import TrustmarkCore

/// The part of JSON Schema 2020-12 that Trustmark's published schemas use (`type`, `enum`, `const`, `required`,
/// `properties`, `additionalProperties`, `items`, `minItems`/`maxItems`, `pattern`, `minimum`/`maximum`,
/// `maxLength` in code points, local `$ref`), so tests validate outputs without Python. A keyword outside that set
/// is an error rather than being ignored: a schema that grows past the validator must not pass silently.
public struct JSONSchema {
    public let root: JSONNode

    static let known: Set<String> = [
        "$schema", "$id", "$defs", "$ref", "title", "description", "type", "enum", "const", "required", "properties",
        "additionalProperties", "items", "minItems", "maxItems", "pattern", "minimum", "maximum", "maxLength",
    ]

    public init(file: URL) throws {
        root = try JSONParser.parse(Array(try Data(contentsOf: file)))
    }

    /// Every violation, each as `pointer: reason`; empty when the document is valid.
    public func violations(of document: JSONNode) throws -> [String] {
        var found: [String] = []
        try check(document, against: root, at: "", into: &found)
        return found
    }

    public func violations(ofJSON text: String) throws -> [String] { try violations(of: try JSONParser.parse(text)) }

    private func resolve(_ reference: String) throws -> JSONNode {
        guard reference.hasPrefix("#/") else { throw SchemaError("only local references are supported: \(reference)") }
        var node = root
        for part in reference.dropFirst(2).split(separator: "/") {
            guard let next = node[String(part)] else { throw SchemaError("unresolved reference \(reference)") }
            node = next
        }
        return node
    }

    private func check(_ value: JSONNode, against schema: JSONNode, at pointer: String, into found: inout [String]) throws {
        if let flag = schema.bool {
            if !flag { found.append("\(pointer): not allowed") }
            return
        }
        guard let members = schema.members else { throw SchemaError("a schema must be an object or a boolean at \(pointer)") }
        for member in members where !Self.known.contains(member.key) {
            throw SchemaError("keyword \(member.key) is not supported by this validator")
        }
        if let reference = schema["$ref"]?.string { try check(value, against: try resolve(reference), at: pointer, into: &found) }
        if let type = schema["type"] {
            let allowed = type.string.map { [$0] } ?? (type.elements ?? []).compactMap(\.string)
            if !allowed.contains(where: { Self.matches(value, type: $0) }) {
                found.append("\(pointer): expected \(allowed.joined(separator: " or "))")
                return
            }
        }
        if let options = schema["enum"]?.elements, !options.contains(where: { Self.equal($0, value) }) {
            found.append("\(pointer): not one of the allowed values")
        }
        if let constant = schema["const"], !Self.equal(constant, value) { found.append("\(pointer): not the constant value") }
        switch value.value {
        case .object(let properties):
            let keys = Set(properties.map(\.key))
            for required in (schema["required"]?.elements ?? []).compactMap(\.string) where !keys.contains(required) {
                found.append("\(pointer): missing \(required)")
            }
            let declared = schema["properties"]
            for property in properties {
                if let sub = declared?[property.key] {
                    try check(property.node, against: sub, at: pointer + "/" + property.key, into: &found)
                } else if let additional = schema["additionalProperties"] {
                    if additional.bool == false {
                        found.append("\(pointer): unexpected \(property.key)")
                    } else {
                        try check(property.node, against: additional, at: pointer + "/" + property.key, into: &found)
                    }
                }
            }
        case .array(let elements):
            if let minimum = schema["minItems"]?.double, Double(elements.count) < minimum { found.append("\(pointer): fewer than \(minimum) items") }
            if let maximum = schema["maxItems"]?.double, Double(elements.count) > maximum { found.append("\(pointer): more than \(maximum) items") }
            if let items = schema["items"] {
                for (index, element) in elements.enumerated() { try check(element, against: items, at: "\(pointer)/\(index)", into: &found) }
            }
        case .string(let text):
            if let maximum = schema["maxLength"]?.double, Double(text.unicodeScalars.count) > maximum {
                found.append("\(pointer): longer than \(Int(maximum)) code points")
            }
            if let pattern = schema["pattern"]?.string {
                let expression = try NSRegularExpression(pattern: pattern)
                if expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                    found.append("\(pointer): does not match \(pattern)")
                }
            }
        case .number(let text):
            let number = Double(text) ?? .nan
            if let minimum = schema["minimum"]?.double, number < minimum { found.append("\(pointer): below \(minimum)") }
            if let maximum = schema["maximum"]?.double, number > maximum { found.append("\(pointer): above \(maximum)") }
        case .null, .bool:
            break
        }
    }

    static func matches(_ value: JSONNode, type: String) -> Bool {
        switch (type, value.value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null), ("number", .number): return true
        case ("integer", .number(let text)): return !text.utf8Contains(".") && !text.lowercased().utf8Contains("e")
        default: return false
        }
    }

    static func equal(_ a: JSONNode, _ b: JSONNode) -> Bool {
        switch (a.value, b.value) {
        case (.number(let x), .number(let y)): return Double(x) == Double(y)
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { member in y.contains { $0.key == member.key && equal($0.node, member.node) } }
        default: return a.value == b.value
        }
    }
}

public struct SchemaError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

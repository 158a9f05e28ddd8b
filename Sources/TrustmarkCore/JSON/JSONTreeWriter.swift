/// Writes a `JSONTree` in the layout of Foundation's pretty printer: two-space indentation, `"key" : value`, keys in
/// UTF-8 byte order, an empty container as its brackets around a blank line, `/` unescaped, control characters as
/// `\b \f \n \r \t` or `\u00XX`, everything else (non-ASCII included) as it is.
struct JSONTreeWriter {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    mutating func write(_ node: JSONTree, level: Int) {
        switch node {
        case .null: append("null")
        case .bool(let value): append(value ? "true" : "false")
        case .number(let text): append(text)
        case .string(let text): writeString(text)
        case .array(let store):
            bytes.append(UInt8(ascii: "["))
            bytes.append(UInt8(ascii: "\n"))
            if store.items.isEmpty { bytes.append(UInt8(ascii: "\n")) }
            for (index, item) in store.items.enumerated() {
                if index > 0 { append(",\n") }
                indent(level + 1)
                write(item, level: level + 1)
            }
            if !store.items.isEmpty { bytes.append(UInt8(ascii: "\n")) }
            indent(level)
            bytes.append(UInt8(ascii: "]"))
        case .object(let store):
            bytes.append(UInt8(ascii: "{"))
            bytes.append(UInt8(ascii: "\n"))
            if store.members.isEmpty { bytes.append(UInt8(ascii: "\n")) }
            let keys = store.members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { append(",\n") }
                indent(level + 1)
                writeString(key)
                append(" : ")
                write(store.members[key]!, level: level + 1)
            }
            if !keys.isEmpty { bytes.append(UInt8(ascii: "\n")) }
            indent(level)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func indent(_ level: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20:
                append("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

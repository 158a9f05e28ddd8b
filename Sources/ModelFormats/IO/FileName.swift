/// A file name as the file system holds it — bytes, which need not be UTF-8 — and as Trustmark shows it.
///
/// Files are always opened by their bytes: decoding a name that is not UTF-8 (with U+FFFD for the bad bytes) and
/// opening the decoded text would open nothing, or another file, and leave the real one unscanned.
public struct FileName: Sendable, Hashable {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { bytes = Array(text.utf8) }

    /// The name as text: UTF-8 as it is; any byte that is not part of valid UTF-8 as `\xNN`.
    public var display: String { FileName.display(bytes) }

    /// Whether the bytes are valid UTF-8 (a Hub repository's names always are).
    public var isUTF8: Bool { String(validating: bytes, as: UTF8.self) != nil }

    public static func display(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var text = ""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
            if length > 0, index + length <= bytes.count, let scalar = String(validating: bytes[index..<index + length], as: UTF8.self) {
                text += scalar
                index += length
            } else {
                let digits = Array("0123456789ABCDEF")
                text += "\\x" + String(digits[Int(lead >> 4)]) + String(digits[Int(lead & 0xF)])
                index += 1
            }
        }
        return text
    }

    /// `folder/name` as bytes.
    public func appending(_ component: FileName) -> FileName {
        FileName(bytes: bytes.isEmpty ? component.bytes : bytes + [UInt8(ascii: "/")] + component.bytes)
    }

    /// Calls `body` with the name as a NUL-terminated C string (a name holding NUL cannot exist on disk).
    public func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        try (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}

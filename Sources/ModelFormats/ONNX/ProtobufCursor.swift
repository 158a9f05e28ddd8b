/// The protobuf wire format, read forward over a ByteCursor: fields are visited in file order and
/// length-delimited payloads that are not needed (tensor bytes) are skipped, never read, so memory
/// stays bounded whatever the size of the model.
struct ProtobufCursor {
    enum WireType: UInt8 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    struct Field {
        var number: UInt64
        var wire: WireType
        var offset: UInt64
    }

    var cursor: ByteCursor
    /// Set when the bytes are not valid protobuf; the reader stops and reports it.
    var failure: (message: String, offset: UInt64)?

    var offset: UInt64 { cursor.offset }

    mutating func fail(_ message: String, at offset: UInt64? = nil) -> Bool {
        if failure == nil { failure = (message, offset ?? cursor.offset) }
        return false
    }

    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        for shift in stride(from: UInt64(0), to: 70, by: 7) {
            guard let byte = cursor.readByte() else {
                _ = fail("truncated varint")
                return nil
            }
            if shift == 63, byte > 1 {
                _ = fail("varint longer than 64 bits")
                return nil
            }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
        }
        _ = fail("varint longer than 10 bytes")
        return nil
    }

    /// The next field of a message that ends at `end`, or nil at its end (or on a failure).
    mutating func nextField(before end: UInt64) -> Field? {
        guard failure == nil, cursor.offset < end else { return nil }
        let start = cursor.offset
        guard let tag = varint() else { return nil }
        guard let wire = WireType(rawValue: UInt8(tag & 7)), tag >> 3 != 0 else {
            _ = fail("field tag \(tag) has no valid number or wire type", at: start)
            return nil
        }
        return Field(number: tag >> 3, wire: wire, offset: start)
    }

    /// The length of a length-delimited field, checked against the enclosing message's end.
    mutating func length(before end: UInt64) -> UInt64? {
        guard let length = varint() else { return nil }
        guard length <= end - min(end, cursor.offset) else {
            _ = fail("a field of \(length) bytes runs past its message")
            return nil
        }
        return length
    }

    mutating func skip(_ field: Field, before end: UInt64) {
        switch field.wire {
        case .varint: _ = varint()
        case .fixed64: if !cursor.skip(8) { _ = fail("truncated fixed64") }
        case .fixed32: if !cursor.skip(4) { _ = fail("truncated fixed32") }
        case .lengthDelimited:
            if let length = length(before: end), !cursor.skip(length) { _ = fail("truncated field") }
        }
    }

    /// A string field, at most `limit` bytes kept (the rest skipped).
    mutating func string(before end: UInt64, limit: Int = 4096) -> String? {
        guard let length = length(before: end) else { return nil }
        let kept = cursor.read(Int(min(length, UInt64(limit))))
        guard UInt64(kept.count) == min(length, UInt64(limit)), cursor.skip(length - UInt64(kept.count)) else {
            _ = fail("truncated string")
            return nil
        }
        return String(decoding: kept, as: UTF8.self)
    }
}

import Foundation

/// Hostile inputs the hardening tests build themselves (issue 11): nothing here comes from elsewhere.
public enum HostileInputs {
    /// A gzip stream that inflates to `count` zero bytes, in about count/40 bytes: one literal, then back-references
    /// of 258 bytes at distance 1, in a fixed-Huffman DEFLATE block. The CRC and size fields are zero, which a
    /// reader that stops at its cap never reaches.
    public static func gzipOfZeros(_ count: Int) -> [UInt8] {
        var writer = BitWriter()
        writer.bits(1, count: 1)  // BFINAL
        writer.bits(1, count: 2)  // BTYPE 01: fixed Huffman
        writer.code(0x30, length: 8)  // literal 0
        var left = count - 1
        while left >= 258 {
            writer.code(0xC5, length: 8)  // length code 285: 258 bytes
            writer.code(0, length: 5)  // distance code 0: distance 1
            left -= 258
        }
        for _ in 0..<left { writer.code(0x30, length: 8) }
        writer.code(0, length: 7)  // end of block
        return [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + writer.finished + [UInt8](repeating: 0, count: 8)
    }

    struct BitWriter {
        var bytes: [UInt8] = []
        var current: UInt32 = 0
        var filled = 0

        /// Header fields: least significant bit first.
        mutating func bits(_ value: UInt32, count: Int) {
            for index in 0..<count { push((value >> UInt32(index)) & 1) }
        }

        /// Huffman codes: most significant bit first.
        mutating func code(_ value: UInt32, length: Int) {
            for index in stride(from: length - 1, through: 0, by: -1) { push((value >> UInt32(index)) & 1) }
        }

        mutating func push(_ bit: UInt32) {
            current |= bit << UInt32(filled)
            filled += 1
            if filled == 8 {
                bytes.append(UInt8(current))
                current = 0
                filled = 0
            }
        }

        var finished: [UInt8] { filled > 0 ? bytes + [UInt8(current)] : bytes }
    }

    /// A safetensors file of `count` one-byte tensors (the header dominates: about 60 bytes a tensor).
    public static func safetensors(tensors count: Int) -> [UInt8] {
        var header = "{"
        for index in 0..<count {
            if index > 0 { header += "," }
            header += "\"\(String(index, radix: 16))\":{\"dtype\":\"U8\",\"shape\":[],\"data_offsets\":[\(index),\(index + 1)]}"
        }
        header += "}"
        while header.utf8.count % 8 != 0 { header += " " }
        let length = UInt64(header.utf8.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + Array(header.utf8) + [UInt8](repeating: 0, count: count)
    }

    /// A GGUF v3 header whose one metadata value is an array of `count` one-byte strings.
    public static func ggufStringArray(_ count: Int) -> [UInt8] {
        func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) } }
        func u64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) } }
        let key = Array("tokenizer.ggml.tokens".utf8)
        var bytes = Array("GGUF".utf8) + u32(3) + u64(0) + u64(1) + u64(UInt64(key.count)) + key + u32(9) + u32(8) + u64(UInt64(count))
        bytes.reserveCapacity(bytes.count + count * 9)
        let item = u64(1) + [UInt8(ascii: "a")]
        for _ in 0..<count { bytes += item }
        return bytes
    }

    /// A ZIP whose `members` central-directory entries (pickle names, so each would be inflated) all point at the one
    /// deflated member, `inflated` zero bytes long: Fifield's non-recursive zip bomb.
    public static func overlappingZip(members: Int, inflated: Int) -> [UInt8] {
        let gzip = gzipOfZeros(inflated)
        let deflated = Array(gzip[10..<(gzip.count - 8)])
        func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
        func u32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let name = Array("archive/data.pkl".utf8)
        let local =
            u32(0x0403_4B50) + u16(20) + u16(0) + u16(8) + u16(0) + u16(0) + u32(0) + u32(deflated.count) + u32(inflated)
            + u16(name.count) + u16(0) + name
        var central: [UInt8] = []
        for index in 0..<members {
            let member = Array("archive/data\(index).pkl".utf8)
            central +=
                u32(0x0201_4B50) + u16(20) + u16(20) + u16(0) + u16(8) + u16(0) + u16(0) + u32(0) + u32(deflated.count) + u32(inflated)
                + u16(member.count) + u16(0) + u16(0) + u16(0) + u16(0) + u32(0) + u32(0) + member
        }
        let body = local + deflated
        return body + central + u32(0x0605_4B50) + u16(0) + u16(0) + u16(members) + u16(members) + u32(central.count) + u32(body.count) + u16(0)
    }
}

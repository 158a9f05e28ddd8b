/// A minimal ZIP writer for fixtures: stored members, CRC-32, a central directory.
enum StoredZip {
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func make(_ members: [(name: String, data: [UInt8])]) -> [UInt8] {
        func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func u32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * UInt32($0)) & 0xFF) } }
        var output: [UInt8] = []
        var central: [UInt8] = []
        for (name, data) in members {
            let offset = UInt32(output.count)
            let nameBytes = Array(name.utf8)
            let common =
                u16(20) + u16(0) + u16(0) + u16(0) + u16(0) + u32(crc32(data)) + u32(UInt32(data.count)) + u32(UInt32(data.count))
                + u16(nameBytes.count) + u16(0)
            output += [0x50, 0x4B, 0x03, 0x04] + common + nameBytes + data
            central += [0x50, 0x4B, 0x01, 0x02] + u16(20) + common + u16(0) + u16(0) + u16(0) + u32(0) + u32(offset) + nameBytes
        }
        let centralOffset = UInt32(output.count)
        output += central
        output +=
            [0x50, 0x4B, 0x05, 0x06] + u16(0) + u16(0) + u16(members.count) + u16(members.count) + u32(UInt32(central.count)) + u32(centralOffset)
            + u16(0)
        return output
    }
}

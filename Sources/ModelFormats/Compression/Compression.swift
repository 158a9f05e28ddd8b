/// The single-stream compressors that wrap pickles (joblib's `compress=` options, `lz4.frame`),
/// recognised by their magic bytes, never by the file name.
public enum Compression: String, Sendable, CaseIterable {
    case gzip, zlib, bzip2, xz, lzma, lz4
    /// joblib before 0.10: `ZF`, the hex length padded to 19 bytes, then a zlib stream.
    case joblibZF = "old joblib zlib"

    public static func detect(_ head: [UInt8]) -> Compression? {
        if head.starts(with: [0x1F, 0x8B]) { return .gzip }
        if head.count > 1, head[0] == 0x78, [0x01, 0x5E, 0x9C, 0xDA].contains(head[1]) { return .zlib }
        if head.count > 3, head.starts(with: Array("BZh".utf8)), (0x31...0x39).contains(head[3]) { return .bzip2 }
        if head.starts(with: LZMA.xzMagic) { return .xz }
        if head.starts(with: LZ4Frame.magic) { return .lz4 }
        if head.starts(with: Array("ZF".utf8)) { return .joblibZF }
        // LZMA alone: a properties byte (Python writes 0x5D) and a power-of-two-ish dictionary size.
        if head.count >= 13, head[0] == 0x5D, head[1] == 0x00 { return .lzma }
        return nil
    }

    public func decompress(_ input: [UInt8], limit: Int) throws(DecompressionFailure) -> [UInt8] {
        switch self {
        case .gzip: return try Inflate.gzip(input, limit: limit)
        case .zlib: return try Inflate.zlib(input, limit: limit)
        case .bzip2: return try Bzip2.decompress(input, limit: limit)
        case .xz: return try LZMA.decompressXZ(input, limit: limit)
        case .lzma: return try LZMA.decompressAlone(input, limit: limit)
        case .lz4: return try LZ4Frame.decompress(input, limit: limit)
        case .joblibZF:
            // `ZF`, then the length as `hex()` left-justified with spaces: 19 bytes on Python 3, 20 on Python 2 (`0x...L`).
            var start = 2
            if input.count > 4, input[2] == 0x30, input[3] == 0x78 { start = 4 }
            let isHexDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte) }
            while start < input.count, isHexDigit(input[start]) { start += 1 }
            if start < input.count, input[start] == 0x4C { start += 1 }
            while start < input.count, input[start] == 0x20 { start += 1 }
            guard start <= 24, start < input.count else { throw .corrupt("no zlib stream after the joblib ZF header") }
            return try Inflate.zlib(Array(input[start...]), limit: limit)
        }
    }
}

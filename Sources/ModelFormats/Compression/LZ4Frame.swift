/// The LZ4 frame format (lz4's `doc/lz4_Frame_format.md`) and its block format: what `lz4.frame`
/// writes, as mtcnn does for its pickled weights. Checksums are skipped, not verified: a scanner
/// wants the content, and a bad checksum would not make the content safer.
public enum LZ4Frame {
    public static let magic: [UInt8] = [0x04, 0x22, 0x4D, 0x18]

    public static func decompress(_ input: [UInt8], limit: Int) throws(DecompressionFailure) -> [UInt8] {
        var output: [UInt8] = []
        var position = 0
        func u32(_ at: Int) throws(DecompressionFailure) -> UInt32 {
            guard at >= 0, at + 4 <= input.count else { throw .corrupt("truncated LZ4 frame") }
            return UInt32(input[at]) | UInt32(input[at + 1]) << 8 | UInt32(input[at + 2]) << 16 | UInt32(input[at + 3]) << 24
        }
        // Frames may be concatenated, and skippable frames (0x184D2A50-5F) may sit between them.
        while position < input.count {
            let frameMagic = try u32(position)
            if frameMagic & 0xFFFF_FFF0 == 0x184D_2A50 {
                let size = Int(try u32(position + 4))
                position += 8 + size
                continue
            }
            guard frameMagic == 0x184D_2204 else {
                if output.isEmpty { throw .corrupt("not an LZ4 frame") }
                break
            }
            position += 4
            guard position + 2 < input.count else { throw .corrupt("truncated LZ4 frame descriptor") }
            let flags = input[position]
            guard flags >> 6 == 1 else { throw .corrupt("LZ4 frame version \(flags >> 6)") }
            guard flags & 0x01 == 0 else { throw .unsupported("an LZ4 preset dictionary") }
            let blockChecksums = flags & 0x10 != 0
            let contentChecksum = flags & 0x04 != 0
            position += 2 + (flags & 0x08 != 0 ? 8 : 0) + 1
            while true {
                let word = try u32(position)
                position += 4
                if word == 0 { break }
                let size = Int(word & 0x7FFF_FFFF)
                guard size <= input.count - position else { throw .corrupt("LZ4 block runs past the end") }
                if word & 0x8000_0000 != 0 {
                    guard output.count + size <= limit else { throw .tooLarge(limit: limit) }
                    output += input[position..<position + size]
                } else {
                    try decodeBlock(input[position..<position + size], into: &output, limit: limit)
                }
                position += size + (blockChecksums ? 4 : 0)
            }
            position += contentChecksum ? 4 : 0
        }
        return output
    }

    /// One LZ4 block: sequences of literals and back-references. Offsets may reach into earlier
    /// blocks (linked-block mode), so they are checked against everything decoded so far.
    static func decodeBlock(_ block: ArraySlice<UInt8>, into output: inout [UInt8], limit: Int) throws(DecompressionFailure) {
        var index = block.startIndex
        func length(_ base: Int) throws(DecompressionFailure) -> Int {
            var total = base
            guard base == 15 else { return total }
            while true {
                guard index < block.endIndex else { throw .corrupt("truncated LZ4 length") }
                let byte = block[index]
                index += 1
                total += Int(byte)
                guard total <= limit else { throw .tooLarge(limit: limit) }
                if byte != 255 { return total }
            }
        }
        while index < block.endIndex {
            let token = block[index]
            index += 1
            let literals = try length(Int(token >> 4))
            guard literals <= block.endIndex - index else { throw .corrupt("LZ4 literals run past the block") }
            guard output.count + literals <= limit else { throw .tooLarge(limit: limit) }
            output += block[index..<index + literals]
            index += literals
            if index == block.endIndex { return }
            guard index + 2 <= block.endIndex else { throw .corrupt("truncated LZ4 match offset") }
            let offset = Int(block[index]) | Int(block[index + 1]) << 8
            index += 2
            guard offset > 0, offset <= output.count else { throw .corrupt("LZ4 match offset \(offset) points before the start") }
            let matchLength = try length(Int(token & 0x0F)) + 4
            guard output.count + matchLength <= limit else { throw .tooLarge(limit: limit) }
            output.reserveCapacity(output.count + matchLength)
            let start = output.count - offset
            for step in 0..<matchLength { output.append(output[start + step]) }
        }
    }
}

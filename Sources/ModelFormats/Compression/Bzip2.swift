/// bzip2 decompression (the format of bzip2 1.0 and Python's `bz2`, which joblib uses): Huffman
/// stages, move-to-front, the inverse Burrows-Wheeler transform and the initial run-length
/// coding. CRCs are not verified; block sizes and output are bounded before anything is allocated.
public enum Bzip2 {
    public static func decompress(_ input: [UInt8], limit: Int) throws(DecompressionFailure) -> [UInt8] {
        var reader = BitReader(input: input)
        var output: [UInt8] = []
        repeat {
            guard try reader.bits(8) == 0x42, try reader.bits(8) == 0x5A, try reader.bits(8) == 0x68 else { throw .corrupt("not a bzip2 stream") }
            let level = Int(try reader.bits(8)) - 0x30
            guard (1...9).contains(level) else { throw .corrupt("bzip2 block size \(level) is not 1-9") }
            while true {
                let magic = UInt64(try reader.bits(24)) << 24 | UInt64(try reader.bits(24))
                _ = try reader.bits(32)  // block or stream CRC
                if magic == 0x1772_4538_5090 { break }
                guard magic == 0x3141_5926_5359 else { throw .corrupt("bad bzip2 block marker") }
                try decodeBlock(&reader, maxSize: level * 100_000, into: &output, limit: limit)
            }
            reader.alignToByte()
        } while reader.startsWith([0x42, 0x5A, 0x68])  // concatenated streams (pbzip2, appends)
        return output
    }

    struct BitReader {
        let input: [UInt8]
        var position = 0
        var buffer: UInt64 = 0
        var available = 0

        mutating func bits(_ count: Int) throws(DecompressionFailure) -> UInt32 {
            while available < count {
                guard position < input.count else { throw .corrupt("truncated bzip2 stream") }
                buffer = buffer << 8 | UInt64(input[position])
                position += 1
                available += 8
            }
            available -= count
            return UInt32(truncatingIfNeeded: (buffer >> UInt64(available)) & ((1 << UInt64(count)) - 1))
        }

        mutating func alignToByte() { available -= available % 8 }

        func startsWith(_ bytes: [UInt8]) -> Bool {
            available == 0 && input.count - position >= bytes.count && Array(input[position..<position + bytes.count]) == bytes
        }
    }

    /// A canonical Huffman code with bzip2's code lengths (1-20).
    struct Huffman {
        var count = [Int](repeating: 0, count: 21)
        var symbols: [Int] = []

        init(lengths: [Int]) {
            for length in lengths { count[length] += 1 }
            symbols = lengths.indices.sorted { (lengths[$0], $0) < (lengths[$1], $1) }
        }

        func decode(_ reader: inout BitReader) throws(DecompressionFailure) -> Int {
            var code = 0, first = 0, index = 0
            for length in 1...20 {
                code |= Int(try reader.bits(1))
                if code - first < count[length] { return symbols[index + code - first] }
                index += count[length]
                first = (first + count[length]) << 1
                code <<= 1
            }
            throw .corrupt("bad bzip2 Huffman code")
        }
    }

    static func decodeBlock(_ reader: inout BitReader, maxSize: Int, into output: inout [UInt8], limit: Int) throws(DecompressionFailure) {
        guard try reader.bits(1) == 0 else { throw .unsupported("randomised bzip2 blocks (bzip2 0.9.0)") }
        let origin = Int(try reader.bits(24))
        let used = try reader.bits(16)
        var alphabet: [UInt8] = []
        for high in 0..<16 where used & (0x8000 >> UInt32(high)) != 0 {
            let row = try reader.bits(16)
            for low in 0..<16 where row & (0x8000 >> UInt32(low)) != 0 { alphabet.append(UInt8(high * 16 + low)) }
        }
        guard !alphabet.isEmpty else { throw .corrupt("bzip2 block uses no symbols") }
        let alphabetSize = alphabet.count + 2
        let tableCount = Int(try reader.bits(3))
        guard (2...6).contains(tableCount) else { throw .corrupt("bzip2 block has \(tableCount) Huffman tables") }
        let selectorCount = Int(try reader.bits(15))
        guard selectorCount > 0 else { throw .corrupt("bzip2 block has no selectors") }
        var order = Array(0..<tableCount)
        var selectors: [Int] = []
        selectors.reserveCapacity(min(selectorCount, 18_002))
        for _ in 0..<selectorCount {
            var index = 0
            while try reader.bits(1) == 1 {
                index += 1
                guard index < tableCount else { throw .corrupt("bad bzip2 selector") }
            }
            let table = order.remove(at: index)
            order.insert(table, at: 0)
            // bzip2 1.0.8 reads up to 32767 selectors but uses only the first 18002.
            if selectors.count < 18_002 { selectors.append(table) }
        }
        var tables: [Huffman] = []
        for _ in 0..<tableCount {
            var length = Int(try reader.bits(5))
            var lengths: [Int] = []
            for _ in 0..<alphabetSize {
                while true {
                    guard (1...20).contains(length) else { throw .corrupt("bad bzip2 code length") }
                    if try reader.bits(1) == 0 { break }
                    length += try reader.bits(1) == 0 ? 1 : -1
                }
                lengths.append(length)
            }
            tables.append(Huffman(lengths: lengths))
        }

        var block: [UInt8] = []
        block.reserveCapacity(min(maxSize, 1 << 20))
        var moveToFront = Array(0..<alphabet.count)
        var run = 0, weight = 1, group = 0, left = 0
        var table = tables[0]
        while true {
            if left == 0 {
                guard group < selectors.count else { throw .corrupt("bzip2 block ran out of selectors") }
                table = tables[selectors[group]]
                group += 1
                left = 50
            }
            left -= 1
            let symbol = try table.decode(&reader)
            if symbol <= 1 {
                run += (symbol + 1) * weight
                weight <<= 1
                guard run <= maxSize, weight <= 1 << 24 else { throw .corrupt("bzip2 run exceeds the block size") }
                continue
            }
            if run > 0 {
                guard block.count + run <= maxSize else { throw .corrupt("bzip2 block exceeds its size") }
                block += repeatElement(alphabet[moveToFront[0]], count: run)
                run = 0
                weight = 1
            }
            if symbol == alphabetSize - 1 { break }
            let position = symbol - 1
            guard position < moveToFront.count else { throw .corrupt("bad bzip2 move-to-front index") }
            let value = moveToFront.remove(at: position)
            moveToFront.insert(value, at: 0)
            guard block.count < maxSize else { throw .corrupt("bzip2 block exceeds its size") }
            block.append(alphabet[value])
        }
        guard origin < block.count else { throw .corrupt("bzip2 origin pointer past the block") }

        // Inverse Burrows-Wheeler: next[i] links each byte to its successor in the original order.
        var starts = [Int](repeating: 0, count: 256)
        for byte in block { starts[Int(byte)] += 1 }
        var total = 0
        for byte in 0..<256 {
            let count = starts[byte]
            starts[byte] = total
            total += count
        }
        var next = [Int](repeating: 0, count: block.count)
        for (index, byte) in block.enumerated() {
            next[starts[Int(byte)]] = index
            starts[Int(byte)] += 1
        }
        // Undo the initial run-length coding: four equal bytes are followed by a count of more.
        var position = next[origin]
        var last = -1, repeats = 0
        for _ in 0..<block.count {
            let byte = block[position]
            position = next[position]
            if repeats == 4 {
                guard output.count + Int(byte) <= limit else { throw .tooLarge(limit: limit) }
                output += repeatElement(UInt8(last), count: Int(byte))
                repeats = 0
                last = -1
                continue
            }
            if Int(byte) == last {
                repeats += 1
            } else {
                last = Int(byte)
                repeats = 1
            }
            guard output.count < limit else { throw .tooLarge(limit: limit) }
            output.append(byte)
        }
    }
}

/// DEFLATE (RFC 1951) decompression, with zlib (RFC 1950) and gzip (RFC 1952) wrappers, written after
/// zlib's reference decoder `puff.c`: small, bounds-checked, and capped in output so that a
/// decompression bomb stops at the cap instead of exhausting memory.
public enum Inflate {
    public typealias Failure = DecompressionFailure

    /// A raw DEFLATE stream.
    public static func raw(_ input: [UInt8], from start: Int = 0, limit: Int) throws(Failure) -> [UInt8] {
        var state = State(input: input, position: start, limit: limit)
        try state.run()
        return state.output
    }

    /// About the first `count` bytes of a raw DEFLATE stream (fewer when a back-reference crosses the
    /// mark), without decoding the rest: enough to sniff a member's magic before paying for all of it.
    public static func rawPrefix(_ input: [UInt8], count: Int) -> [UInt8] {
        var state = State(input: input, position: 0, limit: count)
        do {
            try state.run()
        } catch {
            return state.output
        }
        return state.output
    }

    /// A gzip member: header fields skipped, then DEFLATE.
    public static func gzip(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        guard input.count >= 18, input[0] == 0x1F, input[1] == 0x8B, input[2] == 8 else { throw .corrupt("not a gzip DEFLATE stream") }
        let flags = input[3]
        var position = 10
        if flags & 0x04 != 0 {
            guard position + 2 <= input.count else { throw .corrupt("truncated gzip header") }
            position += 2 + Int(input[position]) + Int(input[position + 1]) << 8
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {
            while position < input.count, input[position] != 0 { position += 1 }
            position += 1
        }
        if flags & 0x02 != 0 { position += 2 }
        guard position < input.count else { throw .corrupt("truncated gzip header") }
        return try raw(input, from: position, limit: limit)
    }

    /// A zlib stream: a two-byte header, then DEFLATE.
    public static func zlib(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        guard input.count >= 2, input[0] & 0x0F == 8, (UInt16(input[0]) << 8 | UInt16(input[1])) % 31 == 0 else {
            throw .corrupt("not a zlib stream")
        }
        guard input[1] & 0x20 == 0 else { throw .corrupt("zlib preset dictionaries are not supported") }
        return try raw(input, from: 2, limit: limit)
    }

    struct Huffman {
        var count = [Int](repeating: 0, count: 16)
        var symbol: [Int]
        /// Codes of up to `fastBits` bits, indexed by the next input bits (DEFLATE packs codes
        /// most-significant bit first into a least-significant-first stream, so indexes are bit-reversed):
        /// `symbol << 4 | length`, or 0 for longer codes, which take the canonical bit-by-bit path.
        var fast: [Int32]
        static let fastBits = 9

        init(lengths: ArraySlice<Int>) {
            symbol = [Int](repeating: 0, count: lengths.count)
            fast = [Int32](repeating: 0, count: 1 << Huffman.fastBits)
            for length in lengths { count[length] += 1 }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + count[length] }
            for (index, length) in zip(0..., lengths) where length != 0 {
                symbol[offsets[length]] = index
                offsets[length] += 1
            }
            // Canonical codes: within a length, in symbol order, starting where the shorter lengths ended.
            var code = 0, position = 0
            for length in 1...Huffman.fastBits {
                for _ in 0..<count[length] {
                    guard position < symbol.count else { break }
                    var reversed = 0
                    for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
                    var index = reversed
                    while index < 1 << Huffman.fastBits {
                        fast[index] = Int32(symbol[position] << 4 | length)
                        index += 1 << length
                    }
                    code += 1
                    position += 1
                }
                code <<= 1
            }
        }

        /// Whether the lengths describe a usable code (no over-subscription).
        var isValid: Bool {
            var left = 1
            for length in 1..<16 {
                left <<= 1
                left -= count[length]
                if left < 0 { return false }
            }
            return true
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    static let fixed: (Huffman, Huffman) = {
        var lengths = [Int](repeating: 8, count: 288)
        for index in 144..<256 { lengths[index] = 9 }
        for index in 256..<280 { lengths[index] = 7 }
        return (Huffman(lengths: lengths[...]), Huffman(lengths: [Int](repeating: 5, count: 30)[...]))
    }()

    struct State {
        let input: [UInt8]
        var position: Int
        let limit: Int
        var output: [UInt8] = []
        var bitBuffer = 0
        var bitCount = 0

        init(input: [UInt8], position: Int, limit: Int) {
            self.input = input
            self.position = position
            self.limit = limit
        }

        mutating func bits(_ need: Int) throws(Failure) -> Int {
            var value = bitBuffer
            while bitCount < need {
                guard position < input.count else { throw .corrupt("input ends inside a block") }
                value |= Int(input[position]) << bitCount
                position += 1
                bitCount += 8
            }
            bitBuffer = value >> need
            bitCount -= need
            return value & ((1 << need) - 1)
        }

        mutating func decode(_ huffman: Huffman) throws(Failure) -> Int {
            // Fast path: peek up to nine bits and look the code up; near the end of the input fewer bits may be
            // left, and then only entries no longer than what is there are taken.
            while bitCount < Huffman.fastBits && position < input.count {
                bitBuffer |= Int(input[position]) << bitCount
                position += 1
                bitCount += 8
            }
            let entry = Int(huffman.fast[bitBuffer & ((1 << Huffman.fastBits) - 1)])
            let length = entry & 0x0F
            if length != 0 && length <= bitCount {
                bitBuffer >>= length
                bitCount -= length
                return entry >> 4
            }
            var code = 0, first = 0, index = 0
            for length in 1..<16 {
                code |= try bits(1)
                let count = huffman.count[length]
                if code - count < first { return huffman.symbol[index + (code - first)] }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw .corrupt("invalid Huffman code")
        }

        mutating func run() throws(Failure) {
            var last = 0
            repeat {
                last = try bits(1)
                switch try bits(2) {
                case 0: try stored()
                case 1: try codes(Inflate.fixed.0, Inflate.fixed.1)
                case 2: try dynamic()
                default: throw .corrupt("invalid block type")
                }
            } while last == 0
        }

        mutating func stored() throws(Failure) {
            // Whole bytes the fast Huffman path read ahead belong to this block's header: give them back.
            position -= bitCount / 8
            bitBuffer = 0
            bitCount = 0
            guard position + 4 <= input.count else { throw .corrupt("truncated stored block") }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
            guard length == ~complement & 0xFFFF else { throw .corrupt("stored block length check failed") }
            position += 4
            guard position + length <= input.count else { throw .corrupt("truncated stored block") }
            guard output.count + length <= limit else { throw .tooLarge(limit: limit) }
            output.append(contentsOf: input[position..<(position + length)])
            position += length
        }

        mutating func dynamic() throws(Failure) {
            let literalCount = try bits(5) + 257
            let distanceCount = try bits(5) + 1
            let codeCount = try bits(4) + 4
            guard literalCount <= 286, distanceCount <= 30 else { throw .corrupt("too many length or distance codes") }
            var lengths = [Int](repeating: 0, count: 320)
            for index in 0..<codeCount { lengths[Inflate.codeLengthOrder[index]] = try bits(3) }
            let lengthCode = Huffman(lengths: lengths[0..<19])
            guard lengthCode.isValid else { throw .corrupt("invalid code-length code") }
            var index = 0
            while index < literalCount + distanceCount {
                var symbol = try decode(lengthCode)
                if symbol < 16 {
                    lengths[index] = symbol
                    index += 1
                    continue
                }
                var repeated = 0
                if symbol == 16 {
                    guard index > 0 else { throw .corrupt("repeat with no previous length") }
                    repeated = lengths[index - 1]
                    symbol = 3 + (try bits(2))
                } else if symbol == 17 {
                    symbol = 3 + (try bits(3))
                } else {
                    symbol = 11 + (try bits(7))
                }
                guard index + symbol <= literalCount + distanceCount else { throw .corrupt("too many code lengths") }
                for _ in 0..<symbol {
                    lengths[index] = repeated
                    index += 1
                }
            }
            guard lengths[256] != 0 else { throw .corrupt("no end-of-block code") }
            let literals = Huffman(lengths: lengths[0..<literalCount])
            let distances = Huffman(lengths: lengths[literalCount..<(literalCount + distanceCount)])
            guard literals.isValid, distances.isValid else { throw .corrupt("invalid literal or distance code") }
            try codes(literals, distances)
        }

        mutating func codes(_ literals: Huffman, _ distances: Huffman) throws(Failure) {
            while true {
                var symbol = try decode(literals)
                if symbol < 256 {
                    guard output.count < limit else { throw .tooLarge(limit: limit) }
                    output.append(UInt8(symbol))
                    continue
                }
                if symbol == 256 { return }
                symbol -= 257
                guard symbol < 29 else { throw .corrupt("invalid length code") }
                let length = Inflate.lengthBase[symbol] + (try bits(Inflate.lengthExtra[symbol]))
                let distanceSymbol = try decode(distances)
                guard distanceSymbol < 30 else { throw .corrupt("invalid distance code") }
                let distance = Inflate.distanceBase[distanceSymbol] + (try bits(Inflate.distanceExtra[distanceSymbol]))
                guard distance <= output.count else { throw .corrupt("distance reaches before the start of the output") }
                guard output.count + length <= limit else { throw .tooLarge(limit: limit) }
                let start = output.count - distance
                for offset in 0..<length { output.append(output[start + offset]) }
            }
        }
    }
}

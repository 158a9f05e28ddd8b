/// LZMA, LZMA2 and their containers: `.lzma` ("LZMA alone", Python's `lzma.FORMAT_ALONE`) and
/// `.xz` with LZMA2 blocks (`lzma.FORMAT_XZ`), which joblib writes for `compress='xz'`/`'lzma'`.
/// Written after the public LZMA specification (`lzma-specification.txt` in the LZMA SDK).
/// Checks (CRC32/CRC64/SHA-256) are skipped; filters other than LZMA2 are reported as unsupported.
public enum LZMA {
    public static let xzMagic: [UInt8] = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]

    /// `.lzma`: a properties byte, a 32-bit dictionary size, a 64-bit size (all ones when unknown), then LZMA.
    public static func decompressAlone(_ input: [UInt8], limit: Int) throws(DecompressionFailure) -> [UInt8] {
        guard input.count >= 13 else { throw .corrupt("truncated .lzma header") }
        let properties = try Properties(byte: input[0])
        var size: UInt64 = 0
        for index in 0..<8 { size |= UInt64(input[5 + index]) << (8 * UInt64(index)) }
        let known = size != UInt64.max
        if known, size > UInt64(limit) { throw .tooLarge(limit: limit) }
        var decoder = Decoder(input: input, position: 13, limit: limit)
        decoder.reset(properties)
        try decoder.rc.startRange()
        try decoder.decodeLZMA(until: known ? Int(size) : nil)
        return decoder.output
    }

    /// `.xz`: stream header, blocks of LZMA2 data, index, footer. Concatenated streams are read too.
    public static func decompressXZ(_ input: [UInt8], limit: Int) throws(DecompressionFailure) -> [UInt8] {
        guard input.count >= 12, input.starts(with: xzMagic) else { throw .corrupt("not an .xz stream") }
        var decoder = Decoder(input: input, position: 0, limit: limit)
        do {
            let checkType = Int(input[decoder.position + 7] & 0x0F)
            let checkSize = checkType == 0 ? 0 : 4 << ((checkType - 1) / 3)
            decoder.position += 12
            while true {
                guard decoder.position < input.count else { throw .corrupt("truncated .xz stream") }
                let headerByte = Int(input[decoder.position])
                if headerByte == 0 { break }  // the index follows the last block
                let headerEnd = decoder.position + (headerByte + 1) * 4
                guard headerEnd <= input.count else { throw .corrupt("truncated .xz block header") }
                var header = decoder.position + 1
                let flags = input[header]
                header += 1
                func varint() throws(DecompressionFailure) -> UInt64 {
                    var value: UInt64 = 0
                    for shift in stride(from: 0, to: 63, by: 7) {
                        guard header < headerEnd else { throw .corrupt("bad .xz block header") }
                        let byte = input[header]
                        header += 1
                        value |= UInt64(byte & 0x7F) << UInt64(shift)
                        if byte & 0x80 == 0 { return value }
                    }
                    throw .corrupt("bad .xz varint")
                }
                if flags & 0x40 != 0 { _ = try varint() }
                if flags & 0x80 != 0 { _ = try varint() }
                let filterCount = Int(flags & 0x03) + 1
                for index in 0..<filterCount {
                    let id = try varint()
                    let propertySize = Int(try varint())
                    guard id == 0x21, index == filterCount - 1, propertySize == 1 else {
                        throw .unsupported(id == 0x21 ? "an .xz filter chain" : "the .xz filter 0x\(String(id, radix: 16))")
                    }
                    header += propertySize
                }
                decoder.position = headerEnd
                try decoder.decodeLZMA2()
                // Block padding to four bytes (counted from the block header), then the check.
                while (decoder.position - (headerEnd - (headerByte + 1) * 4)) % 4 != 0 { decoder.position += 1 }
                decoder.position += checkSize
            }
        }
        // The index and footer repeat the block sizes; the content is complete without them.
        return decoder.output
    }

    struct Properties {
        var literalContext: Int
        var literalPosition: Int
        var positionBits: Int

        init(byte: UInt8) throws(DecompressionFailure) {
            guard byte < 9 * 5 * 5 else { throw .corrupt("bad LZMA properties byte") }
            literalContext = Int(byte) % 9
            literalPosition = Int(byte) / 9 % 5
            positionBits = Int(byte) / 45
        }
    }

    struct LengthCoder {
        var choice: UInt16 = 1024
        var choice2: UInt16 = 1024
        var low = [UInt16](repeating: 1024, count: 16 << 3)
        var mid = [UInt16](repeating: 1024, count: 16 << 3)
        var high = [UInt16](repeating: 1024, count: 256)
    }

    /// The range decoder, apart from the probability model so that both can be borrowed at once.
    struct RangeDecoder {
        let input: [UInt8]
        var position: Int
        var range: UInt32 = 0
        var code: UInt32 = 0
        var chunkEnd = Int.max

        mutating func nextByte() throws(DecompressionFailure) -> UInt8 {
            guard position < input.count, position < chunkEnd else { throw .corrupt("truncated LZMA data") }
            defer { position += 1 }
            return input[position]
        }

        mutating func startRange() throws(DecompressionFailure) {
            guard try nextByte() == 0 else { throw .corrupt("bad LZMA range coder start") }
            range = 0xFFFF_FFFF
            code = 0
            for _ in 0..<4 { code = code << 8 | UInt32(try nextByte()) }
            guard code != range else { throw .corrupt("bad LZMA range coder start") }
        }

        mutating func normalize() throws(DecompressionFailure) {
            if range < 1 << 24 {
                range <<= 8
                code = code << 8 | UInt32(try nextByte())
            }
        }

        mutating func bit(_ probability: inout UInt16) throws(DecompressionFailure) -> Int {
            let bound = (range >> 11) * UInt32(probability)
            let result: Int
            if code < bound {
                range = bound
                probability += (2048 - probability) >> 5
                result = 0
            } else {
                range -= bound
                code -= bound
                probability -= probability >> 5
                result = 1
            }
            try normalize()
            return result
        }

        mutating func directBits(_ count: Int) throws(DecompressionFailure) -> Int {
            var result = 0
            for _ in 0..<count {
                range >>= 1
                code &-= range
                let mask = 0 &- (code >> 31)  // all ones when code went "negative"
                code &+= range & mask
                result = result << 1 | Int(mask &+ 1)
                try normalize()
            }
            return result
        }

        /// A bit tree of `bits` levels stored at `base` in `probabilities`.
        mutating func tree(_ probabilities: inout [UInt16], base: Int, bits: Int) throws(DecompressionFailure) -> Int {
            var node = 1
            for _ in 0..<bits { node = node << 1 | (try bit(&probabilities[base + node])) }
            return node - (1 << bits)
        }

        mutating func reverseTree(_ probabilities: inout [UInt16], base: Int, bits: Int) throws(DecompressionFailure) -> Int {
            var node = 1, result = 0
            for index in 0..<bits {
                let value = try bit(&probabilities[base + node])
                node = node << 1 | value
                result |= value << index
            }
            return result
        }

        mutating func length(_ coder: inout LengthCoder, posState: Int) throws(DecompressionFailure) -> Int {
            if try bit(&coder.choice) == 0 { return try tree(&coder.low, base: posState << 3, bits: 3) }
            if try bit(&coder.choice2) == 0 { return 8 + (try tree(&coder.mid, base: posState << 3, bits: 3)) }
            return 16 + (try tree(&coder.high, base: 0, bits: 8))
        }

    }

    struct Decoder {
        var rc: RangeDecoder
        let limit: Int
        var output: [UInt8] = []
        var input: [UInt8] { rc.input }
        var position: Int {
            get { rc.position }
            set { rc.position = newValue }
        }

        var properties = try! Properties(byte: 0x5D)
        var literals: [UInt16] = []
        var isMatch = [UInt16](repeating: 1024, count: 12 << 4)
        var isRep = [UInt16](repeating: 1024, count: 12)
        var isRepG0 = [UInt16](repeating: 1024, count: 12)
        var isRepG1 = [UInt16](repeating: 1024, count: 12)
        var isRepG2 = [UInt16](repeating: 1024, count: 12)
        var isRep0Long = [UInt16](repeating: 1024, count: 12 << 4)
        var slots = [UInt16](repeating: 1024, count: 4 << 6)
        var special = [UInt16](repeating: 1024, count: 115)
        var align = [UInt16](repeating: 1024, count: 16)
        var lengths = LengthCoder()
        var repLengths = LengthCoder()
        var state = 0
        var reps: (Int, Int, Int, Int) = (0, 0, 0, 0)
        /// Where the current LZMA2 dictionary starts: matches may not reach before it.
        var dictionaryStart = 0

        init(input: [UInt8], position: Int, limit: Int) {
            rc = RangeDecoder(input: input, position: position)
            self.limit = limit
        }

        mutating func reset(_ newProperties: Properties) {
            properties = newProperties
            literals = [UInt16](repeating: 1024, count: 0x300 << (properties.literalContext + properties.literalPosition))
            isMatch = [UInt16](repeating: 1024, count: 12 << 4)
            isRep = [UInt16](repeating: 1024, count: 12)
            isRepG0 = isRep
            isRepG1 = isRep
            isRepG2 = isRep
            isRep0Long = isMatch
            slots = [UInt16](repeating: 1024, count: 4 << 6)
            special = [UInt16](repeating: 1024, count: 115)
            align = [UInt16](repeating: 1024, count: 16)
            lengths = LengthCoder()
            repLengths = LengthCoder()
            state = 0
            reps = (0, 0, 0, 0)
        }

        /// Decodes until `until` bytes of this stream are out, or the end marker when `until` is nil.
        mutating func decodeLZMA(until target: Int?, base: Int = 0) throws(DecompressionFailure) {
            let positionMask = (1 << properties.positionBits) - 1
            let literalMask = (1 << properties.literalPosition) - 1
            while target.map({ output.count - base < $0 }) ?? true {
                let posState = output.count & positionMask
                if try rc.bit(&isMatch[state << 4 | posState]) == 0 {
                    let previous = output.count > dictionaryStart ? Int(output[output.count - 1]) : 0
                    let context = ((output.count & literalMask) << properties.literalContext) | (previous >> (8 - properties.literalContext))
                    let literalBase = 0x300 * context
                    var symbol = 1
                    if state >= 7 {
                        var match = try byteAt(distance: reps.0)
                        repeat {
                            let matchBit = Int(match >> 7) & 1
                            match <<= 1
                            let value = try rc.bit(&literals[literalBase + ((1 + matchBit) << 8) + symbol])
                            symbol = symbol << 1 | value
                            if matchBit != value { break }
                        } while symbol < 0x100
                    }
                    while symbol < 0x100 { symbol = symbol << 1 | (try rc.bit(&literals[literalBase + symbol])) }
                    try emit(UInt8(truncatingIfNeeded: symbol))
                    state = state < 4 ? 0 : (state < 10 ? state - 3 : state - 6)
                    continue
                }
                var matchLength: Int
                if try rc.bit(&isRep[state]) == 1 {
                    guard output.count > dictionaryStart else { throw .corrupt("LZMA repeat before any data") }
                    if try rc.bit(&isRepG0[state]) == 0 {
                        if try rc.bit(&isRep0Long[state << 4 | posState]) == 0 {
                            state = state < 7 ? 9 : 11
                            try emit(try byteAt(distance: reps.0))
                            continue
                        }
                    } else {
                        let distance: Int
                        if try rc.bit(&isRepG1[state]) == 0 {
                            distance = reps.1
                        } else {
                            if try rc.bit(&isRepG2[state]) == 0 {
                                distance = reps.2
                            } else {
                                distance = reps.3
                                reps.3 = reps.2
                            }
                            reps.2 = reps.1
                        }
                        reps.1 = reps.0
                        reps.0 = distance
                    }
                    matchLength = try rc.length(&repLengths, posState: posState)
                    state = state < 7 ? 8 : 11
                } else {
                    reps = (0, reps.0, reps.1, reps.2)
                    matchLength = try rc.length(&lengths, posState: posState)
                    state = state < 7 ? 7 : 10
                    let slot = try rc.tree(&slots, base: min(matchLength, 3) << 6, bits: 6)
                    var distance: Int
                    if slot < 4 {
                        distance = slot
                    } else {
                        let directCount = (slot >> 1) - 1
                        distance = (2 | (slot & 1)) << directCount
                        if slot < 14 {
                            distance += try rc.reverseTree(&special, base: distance - slot, bits: directCount)
                        } else {
                            distance += try rc.directBits(directCount - 4) << 4
                            distance += try rc.reverseTree(&align, base: 0, bits: 4)
                        }
                    }
                    if distance == 0xFFFF_FFFF {
                        if target == nil { return }  // end marker
                        throw .corrupt("unexpected LZMA end marker")
                    }
                    reps.0 = distance
                }
                matchLength += 2
                if let target { matchLength = min(matchLength, target - (output.count - base)) }
                guard reps.0 < output.count - dictionaryStart else { throw .corrupt("LZMA match distance before the start") }
                guard output.count + matchLength <= limit else { throw .tooLarge(limit: limit) }
                let start = output.count - reps.0 - 1
                for step in 0..<matchLength { output.append(output[start + step]) }
            }
        }

        func byteAt(distance: Int) throws(DecompressionFailure) -> UInt8 {
            guard distance < output.count - dictionaryStart else { throw .corrupt("LZMA match distance before the start") }
            return output[output.count - distance - 1]
        }

        mutating func emit(_ byte: UInt8) throws(DecompressionFailure) {
            guard output.count < limit else { throw .tooLarge(limit: limit) }
            output.append(byte)
        }

        /// LZMA2: chunks of LZMA (each with a fresh range coder) or stored bytes, until a zero control byte.
        mutating func decodeLZMA2() throws(DecompressionFailure) {
            var needProperties = true
            dictionaryStart = output.count
            while true {
                rc.chunkEnd = Int.max
                let control = Int(try rc.nextByte())
                if control == 0 { return }
                func u16() throws(DecompressionFailure) -> Int { Int(try rc.nextByte()) << 8 | Int(try rc.nextByte()) }
                if control == 1 || control == 2 {
                    if control == 1 { dictionaryStart = output.count }
                    let size = try u16() + 1
                    guard size <= input.count - position else { throw .corrupt("truncated LZMA2 chunk") }
                    guard output.count + size <= limit else { throw .tooLarge(limit: limit) }
                    output += input[position..<position + size]
                    position += size
                    continue
                }
                guard control >= 0x80 else { throw .corrupt("bad LZMA2 control byte") }
                let unpacked = ((control & 0x1F) << 16 | (try u16())) + 1
                let packed = try u16() + 1
                let mode = (control >> 5) & 0x03
                if mode == 3 { dictionaryStart = output.count }
                if mode >= 2 {
                    reset(try Properties(byte: try rc.nextByte()))
                    guard properties.literalContext + properties.literalPosition <= 4 else { throw .corrupt("LZMA2 lc + lp above 4") }
                    needProperties = false
                } else {
                    guard !needProperties else { throw .corrupt("LZMA2 chunk without properties") }
                    if mode == 1 { reset(properties) }
                }
                guard packed <= input.count - position else { throw .corrupt("truncated LZMA2 chunk") }
                guard output.count + unpacked <= limit else { throw .tooLarge(limit: limit) }
                rc.chunkEnd = position + packed
                try rc.startRange()
                try decodeLZMA(until: unpacked, base: output.count)
                position = rc.chunkEnd
            }
        }
    }
}

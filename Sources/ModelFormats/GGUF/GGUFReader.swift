import TrustmarkCore

/// Reads a GGUF file's header — key/values and tensor infos — and validates it the way ggml does,
/// without reading tensor data. Every length is checked against the bytes left before it is used,
/// so a lying header cannot make the reader allocate or loop.
public struct GGUFHeader: Sendable, Equatable {
    public struct Tensor: Sendable, Equatable {
        public var name: String
        public var dimensions: [UInt64]
        public var type: UInt32
        public var offset: UInt64
        public var elements: UInt64?
    }

    public var version: UInt32
    public var bigEndian: Bool
    /// Scalar and string values as text; arrays summarised as `[N items]`.
    public var metadata: [String: String]
    /// Every chat template: `tokenizer.chat_template` and the named ones.
    public var chatTemplates: [String: String]
    public var tensors: [Tensor]
    public var alignment: UInt64
    public var dataStart: UInt64
    public var problems: [FormatProblem]
}

public enum GGUFReader {
    static let maxLength: UInt64 = 1 << 30
    static let maxKeyLength: UInt64 = 65_535

    public static func read(_ file: BinaryFile) -> GGUFHeader {
        var reader = Reader(cursor: ByteCursor(file: file))
        return reader.parse(fileSize: file.size)
    }

    public static func parse(bytes: [UInt8]) -> GGUFHeader {
        var reader = Reader(cursor: ByteCursor(bytes: bytes))
        return reader.parse(fileSize: UInt64(bytes.count))
    }

    struct Failure: Error {
        var message: String
        var offset: UInt64
    }

    struct Reader {
        var cursor: ByteCursor
        var swap = false
        var version: UInt32 = 0

        /// Array items read so far; a header may hold `maxItems` in all (a real vocabulary has a few hundred
        /// thousand), so a file of billions of tiny items ends with a problem, not an hour of reading.
        var items: UInt64 = 0
        static let maxItems: UInt64 = 64_000_000

        mutating func integer(_ width: Int) throws(Failure) -> UInt64 {
            let start = cursor.offset
            var value: UInt64 = 0
            for position in 0..<width {
                guard let byte = cursor.readByte() else { throw Failure(message: "truncated header", offset: start) }
                value |= UInt64(byte) << (8 * UInt64(swap ? width - 1 - position : position))
            }
            return value
        }

        /// A count or length: u32 in version 1, u64 later.
        mutating func length() throws(Failure) -> UInt64 { try integer(version == 1 ? 4 : 8) }

        mutating func string(limit: UInt64 = GGUFReader.maxLength, keep: Int = 1 << 20) throws(Failure) -> String? {
            let start = cursor.offset
            let count = try length()
            guard count <= limit else { throw Failure(message: "string of \(count) bytes exceeds the limit", offset: start) }
            guard count <= cursor.remaining else { throw Failure(message: "string of \(count) bytes runs past the end of the file", offset: start) }
            if count > UInt64(keep) {
                _ = cursor.skip(count)
                return nil
            }
            let bytes = cursor.read(Int(count))
            return String(decoding: bytes, as: UTF8.self)
        }

        static let scalarWidths: [UInt32: Int] = [0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8]

        /// Reads a value; returns its text for scalars and strings, a summary for arrays.
        mutating func value(type: UInt32, depth: Int = 0) throws(Failure) -> String {
            let start = cursor.offset
            if let width = Reader.scalarWidths[type] {
                let raw = try integer(width)
                switch type {
                case 1: return String(Int8(truncatingIfNeeded: raw))
                case 3: return String(Int16(truncatingIfNeeded: raw))
                case 5: return String(Int32(truncatingIfNeeded: raw))
                case 11: return String(Int64(bitPattern: raw))
                case 6: return String(Float(bitPattern: UInt32(raw)))
                case 12: return String(Double(bitPattern: raw))
                case 7: return raw == 0 ? "false" : "true"
                default: return String(raw)
                }
            }
            if type == 8 { return try string() ?? "<long string>" }
            guard type == 9 else { throw Failure(message: "unknown value type \(type)", offset: start) }
            guard depth < 4 else { throw Failure(message: "arrays nest deeper than 4 levels", offset: start) }
            let itemType = UInt32(try integer(4))
            let count = try length()
            guard count <= GGUFReader.maxLength else { throw Failure(message: "array of \(count) items exceeds the limit", offset: start) }
            if let width = Reader.scalarWidths[itemType] {
                let (bytes, overflow) = count.multipliedReportingOverflow(by: UInt64(width))
                guard !overflow, cursor.skip(bytes) else {
                    throw Failure(message: "array of \(count) items runs past the end of the file", offset: start)
                }
            } else {
                items += count
                guard items <= Reader.maxItems else {
                    throw Failure(message: "the metadata holds more than \(Reader.maxItems) array items; the rest was not read", offset: start)
                }
                for _ in 0..<count {
                    guard !cursor.isAtEnd else { throw Failure(message: "array of \(count) items runs past the end of the file", offset: start) }
                    if itemType == 8 {
                        // Items of a string array are summarised, never kept: their bytes are skipped, not decoded.
                        let itemStart = cursor.offset
                        let length = try length()
                        guard length <= GGUFReader.maxLength, cursor.skip(length) else {
                            throw Failure(message: "string of \(length) bytes runs past the end of the file", offset: itemStart)
                        }
                    } else {
                        _ = try value(type: itemType, depth: depth + 1)
                    }
                }
            }
            return "[\(count) items]"
        }

        mutating func parse(fileSize: UInt64) -> GGUFHeader {
            var header = GGUFHeader(
                version: 0, bigEndian: false, metadata: [:], chatTemplates: [:], tensors: [], alignment: 32, dataStart: 0, problems: [])
            do throws(Failure) {
                guard cursor.read(4) == Array("GGUF".utf8) else { throw Failure(message: "not a GGUF file", offset: 0) }
                var raw = UInt32(truncatingIfNeeded: try integer(4))
                if raw > 0xFFFF {
                    // Version 3 allows big-endian files with no flag: a byte-swapped version gives it away.
                    swap = true
                    raw = raw.byteSwapped
                    header.bigEndian = true
                }
                version = raw
                header.version = raw
                guard (1...3).contains(raw) else { throw Failure(message: "unsupported GGUF version \(raw)", offset: 4) }
                if raw == 1 { header.problems.append(FormatProblem("GGUF version 1, which ggml no longer loads", byteOffset: 4, isFatal: false)) }
                let tensorCount = try length()
                let keyCount = try length()
                guard tensorCount <= cursor.remaining / 24, keyCount <= cursor.remaining / 12 else {
                    throw Failure(message: "header claims \(tensorCount) tensors and \(keyCount) keys, more than the file can hold", offset: 8)
                }
                var keys = Set<String>()
                for _ in 0..<keyCount {
                    let keyOffset = cursor.offset
                    guard let key = try string(limit: GGUFReader.maxKeyLength) else { throw Failure(message: "key too long", offset: keyOffset) }
                    if !keys.insert(key).inserted { header.problems.append(FormatProblem("duplicate key", byteOffset: keyOffset, item: key)) }
                    let type = UInt32(try integer(4))
                    let text = try value(type: type)
                    if key == "tokenizer.chat_template" || key.hasPrefix("tokenizer.chat_template.") {
                        header.chatTemplates[key] = text
                    }
                    header.metadata[key] = text.count > 200 && !key.hasPrefix("tokenizer.chat_template") ? String(text.prefix(200)) + "…" : text
                    if key == "general.alignment" {
                        guard type == 4, let alignment = UInt64(text), alignment > 0, alignment & (alignment - 1) == 0 else {
                            throw Failure(message: "general.alignment must be a u32 power of two", offset: keyOffset)
                        }
                        header.alignment = alignment
                    }
                }
                var names = Set<String>()
                for _ in 0..<tensorCount {
                    let infoOffset = cursor.offset
                    guard let name = try string(limit: 63) else { throw Failure(message: "tensor name too long", offset: infoOffset) }
                    if !names.insert(name).inserted {
                        header.problems.append(FormatProblem("duplicate tensor name", byteOffset: infoOffset, item: name))
                    }
                    let dimensionCount = try integer(4)
                    guard dimensionCount <= 4 else {
                        throw Failure(message: "tensor \(name) has \(dimensionCount) dimensions (at most 4)", offset: infoOffset)
                    }
                    var dimensions: [UInt64] = []
                    for _ in 0..<dimensionCount { dimensions.append(try integer(8)) }
                    let type = UInt32(try integer(4))
                    let offset = try integer(8)
                    var elements: UInt64? = 1
                    for dimension in dimensions {
                        let (product, overflow) = (elements ?? 0).multipliedReportingOverflow(by: dimension)
                        elements = overflow || dimension > Int64.max ? nil : product
                        if elements == nil { break }
                    }
                    header.tensors.append(GGUFHeader.Tensor(name: name, dimensions: dimensions, type: type, offset: offset, elements: elements))
                }
                let end = cursor.offset
                header.dataStart = tensorCount == 0 ? end : (end + header.alignment - 1) / header.alignment * header.alignment
                validateLayout(&header, fileSize: fileSize)
            } catch {
                header.problems.append(FormatProblem(error.message, byteOffset: error.offset))
            }
            return header
        }

        /// Types, block multiples and offsets: data is contiguous, in declaration order, each tensor padded to the alignment.
        func validateLayout(_ header: inout GGUFHeader, fileSize: UInt64) {
            var expected: UInt64 = 0
            var dataEnd: UInt64 = 0
            for tensor in header.tensors {
                guard !GGMLType.removed.contains(tensor.type), let traits = GGMLType.traits[tensor.type] else {
                    header.problems.append(FormatProblem("unknown or removed ggml type \(tensor.type)", item: tensor.name))
                    return
                }
                guard let elements = tensor.elements else {
                    header.problems.append(FormatProblem("shape \(tensor.dimensions) overflows", item: tensor.name))
                    return
                }
                if let first = tensor.dimensions.first, first % traits.block != 0 {
                    header.problems.append(
                        FormatProblem(
                            "first dimension \(first) is not a multiple of the \(traits.name) block size \(traits.block)", item: tensor.name))
                    return
                }
                if tensor.offset != expected {
                    header.problems.append(
                        FormatProblem(
                            "data offset \(tensor.offset), expected \(expected) (out of order, overlapping or misaligned)", item: tensor.name))
                    return
                }
                // Checked arithmetic: a lying shape must not overflow the running offset.
                let (bytes, overflowBytes) = (elements / traits.block).multipliedReportingOverflow(by: traits.size)
                let (padded, overflowPad) = tensor.offset.addingReportingOverflow(bytes)
                guard !overflowBytes, !overflowPad, padded <= fileSize else {
                    header.problems.append(
                        FormatProblem("tensor data runs past the end of the \(fileSize)-byte file (truncated or lying shape)", item: tensor.name))
                    return
                }
                dataEnd = padded
                expected = (padded + header.alignment - 1) / header.alignment * header.alignment
            }
            if !header.tensors.isEmpty {
                let dataEnd = header.dataStart + dataEnd
                if dataEnd > fileSize {
                    header.problems.append(
                        FormatProblem(
                            "tensor data ends at byte \(dataEnd), past the end of the \(fileSize)-byte file (truncated)", byteOffset: fileSize))
                }
            }
        }
    }
}

extension GGUFHeader {
    public func facts(path: String, fileSize: UInt64) -> WeightFileFacts {
        let usable = !problems.contains(where: \.isFatal)
        var byType: [String: UInt64] = [:]
        for tensor in tensors {
            byType[GGMLType.traits[tensor.type]?.name ?? "type\(tensor.type)", default: 0] &+= tensor.elements ?? 0
        }
        var metadata = self.metadata.filter { !$0.key.hasPrefix("tokenizer.ggml.") && !$0.key.hasPrefix("tokenizer.chat_template") }
        metadata["gguf.version"] = String(version)
        return WeightFileFacts(
            path: path, format: .gguf, size: fileSize, parameterCount: usable ? byType.values.reduce(0, &+) : nil,
            parametersByDtype: usable ? byType : [:],
            tensorCount: tensors.count, headerBytes: 0..<dataStart, metadata: metadata,
            blockIndices: usable ? TensorNames.blockIndices(tensors.map(\.name)) : [],
            isPackedQuantized: false, problems: problems)
    }
}

import TrustmarkCore

/// Reads and validates safetensors headers without touching tensor data, following the reference
/// implementation's checks in order (research note `model-file-safety.md` §1.1).
public enum SafetensorsReader {
    /// The reference loader's cap on the header length.
    public static let maxHeaderLength: UInt64 = 100_000_000

    /// Reads the header of the file at `path`. Only `8 + N` bytes are read, and only after `N` has
    /// been checked against the cap and the file size, so a lying length costs nothing.
    public static func read(_ file: BinaryFile) throws(BinaryFileError) -> SafetensorsHeader {
        let prefix = try file.read(at: 0, count: 8)
        guard prefix.count == 8 else {
            return failed(0, FormatProblem("file is \(file.size) bytes, shorter than the 8-byte header length", byteOffset: 0))
        }
        let length = littleEndianUInt64(prefix)
        if let problem = lengthProblem(length, fileSize: file.size) { return failed(length, problem) }
        let header = try file.read(at: 8, count: Int(length))
        return parse(headerBytes: header, headerLength: length, fileSize: file.size)
    }

    /// Validates an in-memory file (tests and fuzzing).
    public static func parse(file bytes: [UInt8]) -> SafetensorsHeader {
        guard bytes.count >= 8 else {
            return failed(0, FormatProblem("file is \(bytes.count) bytes, shorter than the 8-byte header length", byteOffset: 0))
        }
        let length = littleEndianUInt64(Array(bytes[0..<8]))
        if let problem = lengthProblem(length, fileSize: UInt64(bytes.count)) { return failed(length, problem) }
        return parse(headerBytes: Array(bytes[8..<(8 + Int(length))]), headerLength: length, fileSize: UInt64(bytes.count))
    }

    static func lengthProblem(_ length: UInt64, fileSize: UInt64) -> FormatProblem? {
        if length > maxHeaderLength {
            return FormatProblem("header length \(length) exceeds the 100,000,000-byte limit", byteOffset: 0)
        }
        if length > fileSize - 8 {
            return FormatProblem("header length \(length) runs past the end of the \(fileSize)-byte file (truncated?)", byteOffset: 0)
        }
        return nil
    }

    static func failed(_ length: UInt64, _ problem: FormatProblem) -> SafetensorsHeader {
        SafetensorsHeader(headerLength: length, tensors: [], metadata: [:], problems: [problem])
    }

    static func littleEndianUInt64(_ bytes: [UInt8]) -> UInt64 {
        bytes.prefix(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    /// Validates the JSON header against the data region it describes.
    public static func parse(headerBytes: [UInt8], headerLength: UInt64, fileSize: UInt64) -> SafetensorsHeader {
        var header = SafetensorsHeader(headerLength: headerLength, tensors: [], metadata: [:], problems: [])
        let root: JSONNode
        do {
            root = try JSONParser.parse(headerBytes, limits: .init(maxDepth: 8))
        } catch {
            header.problems.append(FormatProblem("header is not valid JSON: \(error.message)", byteOffset: 8 + UInt64(error.byteOffset)))
            return header
        }
        guard let members = root.members else {
            header.problems.append(FormatProblem("header is not a JSON object", byteOffset: 8))
            return header
        }
        for duplicate in root.duplicateKeys {
            header.problems.append(FormatProblem("key appears more than once; loaders silently keep the last", byteOffset: 8, item: duplicate, isFatal: false))
        }
        // Loaders keep the last of duplicate keys; so does the layout check.
        let lastIndex = Dictionary(members.enumerated().map { ($0.element.key, $0.offset) }, uniquingKeysWith: { max($0, $1) })
        for (position, member) in members.enumerated() where lastIndex[member.key] == position {
            if member.key == "__metadata__" {
                readMetadata(member.node, into: &header)
                continue
            }
            if let tensor = readTensor(member, into: &header) { header.tensors.append(tensor) }
        }
        if header.problems.contains(where: \.isFatal) { return header }
        validateLayout(&header, fileSize: fileSize)
        return header
    }

    private static func readMetadata(_ node: JSONNode, into header: inout SafetensorsHeader) {
        guard let members = node.members else {
            header.problems.append(FormatProblem("__metadata__ is not an object", byteOffset: 8, item: "__metadata__"))
            return
        }
        for member in members {
            guard let text = member.node.string else {
                header.problems.append(FormatProblem("__metadata__ value is not a string", byteOffset: 8, item: "__metadata__/\(member.key)"))
                continue
            }
            header.metadata[member.key] = text
        }
    }

    private static func readTensor(_ member: JSONMember, into header: inout SafetensorsHeader) -> SafetensorsHeader.Tensor? {
        let name = member.key
        guard let dtype = member.node["dtype"]?.string,
              let shapeNodes = member.node["shape"]?.elements,
              let offsets = member.node["data_offsets"]?.elements, offsets.count == 2,
              let begin = offsets[0].uint64, let end = offsets[1].uint64
        else {
            header.problems.append(FormatProblem("tensor entry needs dtype, shape and two data_offsets", byteOffset: 8, item: name))
            return nil
        }
        var shape: [UInt64] = []
        for node in shapeNodes {
            guard let dimension = node.uint64 else {
                header.problems.append(FormatProblem("shape holds a value that is not an unsigned integer", byteOffset: 8, item: name))
                return nil
            }
            shape.append(dimension)
        }
        var elements: UInt64? = 1
        for dimension in shape {
            guard let current = elements else { break }
            let (product, overflow) = current.multipliedReportingOverflow(by: dimension)
            elements = overflow ? nil : product
        }
        if elements == nil {
            header.problems.append(FormatProblem("shape \(shape) overflows a 64-bit element count", byteOffset: 8, item: name))
        }
        if end < begin {
            header.problems.append(FormatProblem("data_offsets end before they begin", byteOffset: 8, item: name))
        }
        return SafetensorsHeader.Tensor(name: name, dtype: dtype, shape: shape, begin: begin, end: end, elementCount: elements)
    }

    /// Offsets must tile the buffer exactly: no overlap, no hole, sizes that match shapes, and the
    /// buffer must end where the file ends (trailing bytes would allow polyglot files).
    private static func validateLayout(_ header: inout SafetensorsHeader, fileSize: UInt64) {
        let ordered = header.tensors.sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
        var expectedBegin: UInt64 = 0
        var previous: String?
        for tensor in ordered {
            if tensor.begin < expectedBegin {
                header.problems.append(FormatProblem("data overlaps \(previous ?? "the previous tensor")", byteOffset: header.dataStart + tensor.begin, item: tensor.name))
                return
            }
            if tensor.begin > expectedBegin {
                header.problems.append(FormatProblem("\(tensor.begin - expectedBegin) unused bytes before this tensor's data", byteOffset: header.dataStart + expectedBegin, item: tensor.name))
                return
            }
            if let bits = SafetensorsDType.bits[tensor.dtype], let count = tensor.elementCount {
                let (totalBits, overflow) = count.multipliedReportingOverflow(by: bits)
                if overflow || totalBits % 8 != 0 {
                    header.problems.append(FormatProblem("\(count) elements of \(tensor.dtype) do not fill whole bytes", byteOffset: header.dataStart + tensor.begin, item: tensor.name))
                    return
                }
                if tensor.end - tensor.begin != totalBits / 8 {
                    header.problems.append(FormatProblem("holds \(tensor.end - tensor.begin) bytes, but shape \(tensor.shape) of \(tensor.dtype) needs \(totalBits / 8)", byteOffset: header.dataStart + tensor.begin, item: tensor.name))
                    return
                }
            } else if SafetensorsDType.bits[tensor.dtype] == nil {
                header.problems.append(FormatProblem("dtype \(tensor.dtype) is unknown to Trustmark; its size was not checked", byteOffset: 8, item: tensor.name, isFatal: false))
            }
            expectedBegin = tensor.end
            previous = tensor.name
        }
        let (dataEnd, overflow) = header.dataStart.addingReportingOverflow(expectedBegin)
        if overflow || dataEnd > fileSize {
            header.problems.append(FormatProblem("tensor data should end at byte \(overflow ? "beyond 2^64" : String(dataEnd)), but the file has \(fileSize) bytes (truncated)", byteOffset: fileSize))
        } else if dataEnd < fileSize {
            header.problems.append(FormatProblem("\(fileSize - dataEnd) bytes follow the last tensor; the format forbids trailing data", byteOffset: dataEnd))
        }
    }
}

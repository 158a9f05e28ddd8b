import TrustmarkCore

/// Reads and validates safetensors headers without touching tensor data, following the reference
/// implementation's checks in order (docs/model-files.md, the safetensors row).
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

    /// Validates the JSON header against the data region it describes. The header is read member by member
    /// (`JSONParser.forEachMember`), so memory follows the tensors kept, not a tree of the whole header.
    public static func parse(headerBytes: [UInt8], headerLength: UInt64, fileSize: UInt64) -> SafetensorsHeader {
        var header = SafetensorsHeader(headerLength: headerLength, tensors: [], metadata: [:], problems: [])
        // Loaders keep the last of duplicate keys; so does the layout check. A replaced entry is dropped at the end
        // (duplicates are rare), so tensors stay in the order of the entries that count, and no second array of
        // all tensors is ever built.
        var indexOfName: [String: Int] = [:]
        var replaced: [Int] = []
        var tensorProblems: [Int: [FormatProblem]] = [:]
        var metadataNode: JSONNode?
        var duplicates: [String] = []
        var seenMetadata = false
        let isObject: Bool
        do {
            isObject = try JSONParser.forEachMember(of: headerBytes, limits: .init(maxDepth: 8)) { member in
                if member.key == "__metadata__" {
                    if seenMetadata { duplicates.append(member.key) }
                    seenMetadata = true
                    metadataNode = member.node
                    return
                }
                var problems: [FormatProblem] = []
                let tensor = readTensor(member, problems: &problems)
                let position = header.tensors.count
                if let previous = indexOfName.updateValue(position, forKey: member.key) {
                    if !duplicates.contains(member.key) { duplicates.append(member.key) }
                    replaced.append(previous)
                    tensorProblems[previous] = nil
                }
                // A malformed entry holds a place too, so a later entry of the same name replaces it.
                header.tensors.append(tensor ?? SafetensorsHeader.Tensor(name: member.key, dtype: "", shape: [], begin: 0, end: 0, elementCount: nil))
                if tensor == nil { replaced.append(position) }
                if !problems.isEmpty { tensorProblems[position] = problems }
            }
        } catch {
            header.problems.append(FormatProblem("header is not valid JSON: \(error.message)", byteOffset: 8 + UInt64(error.byteOffset)))
            header.tensors = []
            return header
        }
        guard isObject else {
            header.problems.append(FormatProblem("header is not a JSON object", byteOffset: 8))
            header.tensors = []
            return header
        }
        indexOfName = [:]
        header.problems += tensorProblems.keys.sorted().flatMap { tensorProblems[$0]! }
        for duplicate in duplicates {
            header.problems.append(
                FormatProblem("key appears more than once; loaders silently keep the last", byteOffset: 8, item: duplicate, isFatal: false))
        }
        if let metadataNode { readMetadata(metadataNode, into: &header) }
        if !replaced.isEmpty {
            let dropped = Set(replaced)
            header.tensors = header.tensors.indices.filter { !dropped.contains($0) }.map { header.tensors[$0] }
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

    private static func readTensor(_ member: JSONMember, problems: inout [FormatProblem]) -> SafetensorsHeader.Tensor? {
        let name = member.key
        guard let dtype = member.node["dtype"]?.string,
            let shapeNodes = member.node["shape"]?.elements,
            let offsets = member.node["data_offsets"]?.elements, offsets.count == 2,
            let begin = offsets[0].uint64, let end = offsets[1].uint64
        else {
            problems.append(FormatProblem("tensor entry needs dtype, shape and two data_offsets", byteOffset: 8, item: name))
            return nil
        }
        var shape: [UInt64] = []
        for node in shapeNodes {
            guard let dimension = node.uint64 else {
                problems.append(FormatProblem("shape holds a value that is not an unsigned integer", byteOffset: 8, item: name))
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
            problems.append(FormatProblem("shape \(shape) overflows a 64-bit element count", byteOffset: 8, item: name))
        }
        if end < begin {
            problems.append(FormatProblem("data_offsets end before they begin", byteOffset: 8, item: name))
        }
        return SafetensorsHeader.Tensor(name: name, dtype: dtype, shape: shape, begin: begin, end: end, elementCount: elements)
    }

    /// Offsets must tile the buffer exactly: no overlap, no hole, sizes that match shapes, and the
    /// buffer must end where the file ends (trailing bytes would allow polyglot files).
    private static func validateLayout(_ header: inout SafetensorsHeader, fileSize: UInt64) {
        // Sorted by position through an index, not by copying every tensor.
        let tensors = header.tensors
        let ordered = tensors.indices.sorted { left, right in
            let (a, b) = (tensors[left], tensors[right])
            return (a.begin, a.end) != (b.begin, b.end) ? (a.begin, a.end) < (b.begin, b.end) : a.name < b.name
        }
        var expectedBegin: UInt64 = 0
        var previous: String?
        for index in ordered {
            let tensor = tensors[index]
            if tensor.begin < expectedBegin {
                header.problems.append(
                    FormatProblem(
                        "data overlaps \(previous ?? "the previous tensor")", byteOffset: header.dataStart + tensor.begin, item: tensor.name))
                return
            }
            if tensor.begin > expectedBegin {
                header.problems.append(
                    FormatProblem(
                        "\(tensor.begin - expectedBegin) unused bytes before this tensor's data", byteOffset: header.dataStart + expectedBegin,
                        item: tensor.name))
                return
            }
            if let bits = SafetensorsDType.bits[tensor.dtype], let count = tensor.elementCount {
                let (totalBits, overflow) = count.multipliedReportingOverflow(by: bits)
                if overflow || totalBits % 8 != 0 {
                    header.problems.append(
                        FormatProblem(
                            "\(count) elements of \(tensor.dtype) do not fill whole bytes", byteOffset: header.dataStart + tensor.begin,
                            item: tensor.name))
                    return
                }
                if tensor.end - tensor.begin != totalBits / 8 {
                    header.problems.append(
                        FormatProblem(
                            "holds \(tensor.end - tensor.begin) bytes, but shape \(tensor.shape) of \(tensor.dtype) needs \(totalBits / 8)",
                            byteOffset: header.dataStart + tensor.begin, item: tensor.name))
                    return
                }
            } else if SafetensorsDType.bits[tensor.dtype] == nil {
                header.problems.append(
                    FormatProblem(
                        "dtype \(tensor.dtype) is unknown to Trustmark; its size was not checked", byteOffset: 8, item: tensor.name, isFatal: false))
            }
            expectedBegin = tensor.end
            previous = tensor.name
        }
        let (dataEnd, overflow) = header.dataStart.addingReportingOverflow(expectedBegin)
        if overflow || dataEnd > fileSize {
            header.problems.append(
                FormatProblem(
                    "tensor data should end at byte \(overflow ? "beyond 2^64" : String(dataEnd)), but the file has \(fileSize) bytes (truncated)",
                    byteOffset: fileSize))
        } else if dataEnd < fileSize {
            header.problems.append(
                FormatProblem("\(fileSize - dataEnd) bytes follow the last tensor; the format forbids trailing data", byteOffset: dataEnd))
        }
    }
}

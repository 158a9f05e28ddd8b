import TrustmarkCore

/// Walks an HDF5 file's group tree (HDF5 File Format Specification v3: superblocks 0-3, object headers
/// v1/v2 with continuations, old-style symbol-table groups and compact link messages) looking for what
/// Keras 3.12.3 refuses to load: soft and external links, virtual datasets and external raw-data files
/// (rule H5-LINK). Only structure is read; datasets' bytes never are.
public enum HDF5LinkCheck {
    public static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
    static let maxObjects = 100_000
    static let maxBlock = 1 << 20

    public static func scan(_ file: BinaryFile, path: String) -> [SafetyFinding] {
        walk(file, path: path).findings
    }

    /// A dataset's path, element type and element count (from its dataspace and datatype messages).
    public struct Dataset: Sendable, Equatable {
        public var path: String
        public var dtype: String
        public var elements: UInt64
    }

    public struct Walk: Sendable {
        public var findings: [SafetyFinding]
        /// Object headers read.
        public var objects: Int
        public var datasets: [Dataset]

        /// Weights by dtype: numeric datasets outside optimizer state (Keras keeps slots under `optimizer*`).
        public var parametersByDtype: [String: UInt64] {
            var result: [String: UInt64] = [:]
            for dataset in datasets where !dataset.path.lowercased().includes("optimizer") && dataset.dtype != "STRING" && dataset.dtype != "OTHER" {
                result[dataset.dtype, default: 0] &+= dataset.elements
            }
            return result
        }
    }

    /// Walks the HDF5 file that starts at `origin` (0, or a member's offset inside a `.keras` zip).
    public static func walk(_ file: BinaryFile, path: String, origin: UInt64 = 0) -> Walk {
        var walker = Walker(file: file, path: path)
        walker.origin = origin
        walker.run()
        return Walk(findings: walker.findings, objects: walker.visited.count, datasets: walker.datasets)
    }

    struct Failure: Error { var message: String }

    struct Walker {
        let file: BinaryFile
        let path: String
        var findings: [SafetyFinding] = []
        var offsetSize = 8
        var lengthSize = 8
        var base: UInt64 = 0
        var pending: [(address: UInt64, name: String)] = []
        var visited = Set<UInt64>()
        var denseGroups = 0
        var origin: UInt64 = 0
        var datasets: [Dataset] = []
        /// What the object header being read says about a dataset.
        var shape: (elements: UInt64?, dtype: String?, isDataset: Bool) = (nil, nil, false)

        mutating func run() {
            do throws(Failure) {
                guard let root = try superblock() else { return }
                pending.append((root, "/"))
                while let (address, name) = pending.popLast() {
                    guard visited.insert(address).inserted else { continue }
                    guard visited.count <= HDF5LinkCheck.maxObjects else { throw Failure(message: "more than \(HDF5LinkCheck.maxObjects) objects") }
                    try objectHeader(at: address, name: name)
                }
                if denseGroups > 0 {
                    findings.append(
                        SafetyFinding(
                            rule: "COV", severity: .coverage,
                            message:
                                "\(denseGroups) HDF5 group(s) keep their links in dense storage (a fractal heap), which is not walked; links there were not checked",
                            path: path))
                }
            } catch {
                findings.append(
                    SafetyFinding(
                        rule: "COV", severity: .coverage,
                        message: "the HDF5 structure could not be walked: \(error.message); links were not fully checked", path: path))
            }
        }

        func read(_ address: UInt64, _ count: Int) throws(Failure) -> [UInt8] {
            let (absolute, overflow) = address.addingReportingOverflow(base)
            guard !overflow, count >= 0, count <= HDF5LinkCheck.maxBlock, let bytes = try? file.read(at: absolute, count: count), bytes.count == count
            else {
                throw Failure(message: "a structure at \(address) runs past the end of the file")
            }
            return bytes
        }

        func integer(_ bytes: [UInt8], _ at: Int, _ width: Int) throws(Failure) -> UInt64 {
            guard at >= 0, at + width <= bytes.count else { throw Failure(message: "truncated field") }
            var value: UInt64 = 0
            for index in 0..<width { value |= UInt64(bytes[at + index]) << (8 * UInt64(index)) }
            return value
        }

        /// A length or offset used for reading: refused when it cannot be one (lying fields do not trap).
        func sizeField(_ bytes: [UInt8], _ at: Int, _ width: Int) throws(Failure) -> Int {
            let value = try integer(bytes, at, width)
            guard value <= UInt64(Int32.max) else { throw Failure(message: "implausible size \(value)") }
            return Int(value)
        }

        func isUndefined(_ address: UInt64) -> Bool { address == (offsetSize == 8 ? UInt64.max : (1 << UInt64(offsetSize * 8)) - 1) }

        /// The root group's object header address, after finding the superblock (at 0, 512, 1024, ...).
        mutating func superblock() throws(Failure) -> UInt64? {
            var at: UInt64 = 0
            while origin + at < file.size {
                if let head = try? file.read(at: origin + at, count: 8), head == HDF5LinkCheck.signature { break }
                at = at == 0 ? 512 : at * 2
            }
            guard origin + at < file.size else { return nil }
            base = origin
            let block = try read(at, 128)
            let version = block[8]
            switch version {
            case 0, 1:
                offsetSize = Int(block[13])
                lengthSize = Int(block[14])
                guard [2, 4, 8].contains(offsetSize), [2, 4, 8].contains(lengthSize) else { throw Failure(message: "bad superblock sizes") }
                var position = 24 + (version == 1 ? 4 : 0)
                base = origin &+ (try integer(block, position, offsetSize))
                position += 4 * offsetSize  // base, free-space, end-of-file, driver
                // The root group's symbol table entry: name offset, then the object header address.
                return try integer(block, position + offsetSize, offsetSize)
            case 2, 3:
                offsetSize = Int(block[9])
                lengthSize = Int(block[10])
                guard [2, 4, 8].contains(offsetSize), [2, 4, 8].contains(lengthSize) else { throw Failure(message: "bad superblock sizes") }
                let root = try integer(block, 12 + 3 * offsetSize, offsetSize)
                base = origin &+ (try integer(block, 12, offsetSize))
                return root
            default:
                throw Failure(message: "superblock version \(version)")
            }
        }

        mutating func objectHeader(at address: UInt64, name: String) throws(Failure) {
            shape = (nil, nil, false)
            defer {
                if shape.isDataset, let elements = shape.elements, datasets.count < HDF5LinkCheck.maxObjects {
                    datasets.append(Dataset(path: name, dtype: shape.dtype ?? "OTHER", elements: elements))
                }
            }
            let prefix = try read(address, 16)
            if Array(prefix[0..<4]) == Array("OHDR".utf8) {
                let flags = prefix[5]
                var position = 6 + (flags & 0x20 != 0 ? 16 : 0) + (flags & 0x10 != 0 ? 4 : 0)
                let head = try read(address, position + 8)
                let sizeWidth = 1 << Int(flags & 0x03)
                let chunkSize = try sizeField(head, position, sizeWidth)
                position += sizeWidth
                try messagesV2(try read(address + UInt64(position), chunkSize), flags: flags, object: name)
            } else if prefix[0] == 1 {
                let headerSize = try sizeField(prefix, 8, 4)
                try messagesV1(try read(address + 16, headerSize), object: name)
            } else {
                throw Failure(message: "unknown object header at \(address)")
            }
        }

        mutating func messagesV1(_ block: [UInt8], object: String) throws(Failure) {
            var position = 0
            while position + 8 <= block.count {
                let type = try sizeField(block, position, 2)
                let size = try sizeField(block, position + 2, 2)
                guard position + 8 + size <= block.count else { throw Failure(message: "a message runs past its object header") }
                try message(type, Array(block[(position + 8)..<(position + 8 + size)]), object: object, version: 1)
                position += 8 + size
            }
        }

        mutating func messagesV2(_ block: [UInt8], flags: UInt8, object: String) throws(Failure) {
            var position = 0
            let headerSize = 4 + (flags & 0x04 != 0 ? 2 : 0)
            while position + headerSize <= block.count {
                let type = Int(block[position])
                let size = try sizeField(block, position + 1, 2)
                guard position + headerSize + size <= block.count else { break }  // the gap before the checksum
                try message(
                    type, Array(block[(position + headerSize)..<(position + headerSize + size)]), object: object, version: 2, headerFlags: flags)
                position += headerSize + size
            }
        }

        mutating func message(_ type: Int, _ data: [UInt8], object: String, version: Int, headerFlags: UInt8 = 0) throws(Failure) {
            switch type {
            case 0x0006: try link(data, group: object)
            case 0x0011:
                let tree = try integer(data, 0, offsetSize)
                let heap = try integer(data, offsetSize, offsetSize)
                try symbolTable(tree: tree, heap: heap, group: object, depth: 0)
            case 0x0002:
                var position = 2 + (data.count > 1 && data[1] & 0x01 != 0 ? 8 : 0)
                let fractalHeap = try integer(data, position, offsetSize)
                position += offsetSize
                if !isUndefined(fractalHeap) { denseGroups += 1 }
            case 0x0001:
                shape.elements = try dataspaceElements(data)
            case 0x0003:
                shape.dtype = datatypeName(data)
            case 0x0008:
                shape.isDataset = true
                if data.count > 1, data[0] == 4, data[1] == 3 {
                    add("the dataset \(object) is a virtual dataset: its values come from other files when it is read")
                }
            case 0x0007:
                add("the dataset \(object) keeps its raw data in external files (an external file list)")
            case 0x0010:
                let address = try integer(data, 0, offsetSize)
                let length = try sizeField(data, offsetSize, lengthSize)
                let block = try read(address, length)
                if version == 2 {
                    guard block.count >= 8, Array(block[0..<4]) == Array("OCHK".utf8) else { throw Failure(message: "bad continuation block") }
                    try messagesV2(Array(block[4..<(block.count - 4)]), flags: headerFlags, object: object)
                } else {
                    try messagesV1(block, object: object)
                }
            default:
                break
            }
        }

        /// Elements in a dataspace: 1 for a scalar, 0 for a null space, else the product of the dimensions.
        func dataspaceElements(_ data: [UInt8]) throws(Failure) -> UInt64? {
            guard data.count >= 4 else { throw Failure(message: "bad dataspace message") }
            let version = data[0], rank = Int(data[1])
            guard rank <= 32 else { throw Failure(message: "dataspace of rank \(rank)") }
            if version == 2 && data[3] == 2 { return 0 }
            let start = version == 1 ? 8 : 4
            var total: UInt64 = 1
            for index in 0..<rank {
                let (product, overflow) = total.multipliedReportingOverflow(by: try integer(data, start + index * lengthSize, lengthSize))
                guard !overflow else { return nil }
                total = product
            }
            return total
        }

        /// A safetensors-style name for an HDF5 datatype: class and size.
        func datatypeName(_ data: [UInt8]) -> String {
            guard data.count >= 8 else { return "OTHER" }
            let typeClass = data[0] & 0x0F
            let size = Int(data[4]) | Int(data[5]) << 8 | Int(data[6]) << 16 | Int(data[7]) << 24
            switch typeClass {
            case 0: return (data[1] & 0x08 != 0 ? "I" : "U") + String(size * 8)
            case 1: return "F" + String(size * 8)
            case 3: return "STRING"
            default: return "OTHER"
            }
        }

        /// Soft links stay inside the file (a parser differential: medium); external links, external raw data and
        /// virtual datasets make the loader read other files, the same threat as ONNX-PATH (high).
        mutating func add(_ message: String, severity: SafetySeverity = .high) {
            guard findings.count < 50 else { return }
            findings.append(SafetyFinding(rule: "H5-LINK", severity: severity, message: message + " (Keras 3.12.3 refuses to load it)", path: path))
        }

        /// A link message: hard links are followed; soft and external links are findings.
        mutating func link(_ data: [UInt8], group: String) throws(Failure) {
            guard data.count >= 2, data[0] == 1 else { throw Failure(message: "bad link message") }
            let flags = data[1]
            var position = 2
            var linkType: UInt8 = 0
            if flags & 0x08 != 0 {
                linkType = data.count > position ? data[position] : 0
                position += 1
            }
            if flags & 0x04 != 0 { position += 8 }
            if flags & 0x10 != 0 { position += 1 }
            let nameWidth = 1 << Int(flags & 0x03)
            let nameLength = try sizeField(data, position, nameWidth)
            position += nameWidth
            guard position + nameLength <= data.count else { throw Failure(message: "bad link name") }
            let name = String(decoding: data[position..<(position + nameLength)], as: UTF8.self)
            position += nameLength
            let full = (group == "/" ? "/" : group + "/") + name
            switch linkType {
            case 0:
                pending.append((try integer(data, position, offsetSize), full))
            case 1:
                let length = try sizeField(data, position, 2)
                let target = String(decoding: data.dropFirst(position + 2).prefix(length), as: UTF8.self)
                add("\(full) is a soft link to \(target.prefix(200))", severity: .medium)
            case 64:
                let length = try sizeField(data, position, 2)
                let payload = Array(data.dropFirst(position + 3).prefix(max(0, length - 1)))
                let parts = payload.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
                add("\(full) is an external link to \(parts.first ?? "?"):\(parts.dropFirst().first ?? "?"), another file read when the model loads")
            default:
                add("\(full) is a user-defined link (type \(linkType))", severity: .medium)
            }
        }

        /// An old-style group: a v1 B-tree of symbol-table nodes whose names live in a local heap.
        mutating func symbolTable(tree: UInt64, heap: UInt64, group: String, depth: Int) throws(Failure) {
            guard depth < 16 else { throw Failure(message: "group B-tree deeper than 16 levels") }
            let header = try read(tree, 8 + 2 * offsetSize)
            guard Array(header[0..<4]) == Array("TREE".utf8), header[4] == 0 else { throw Failure(message: "bad group B-tree node") }
            let level = header[5]
            let entries = try sizeField(header, 6, 2)
            guard entries <= 4096 else { throw Failure(message: "implausible B-tree node") }
            let body = try read(tree + UInt64(8 + 2 * offsetSize), (entries + 1) * lengthSize + entries * offsetSize)
            for index in 0..<entries {
                let child = try integer(body, lengthSize + index * (lengthSize + offsetSize), offsetSize)
                if level > 0 {
                    try symbolTable(tree: child, heap: heap, group: group, depth: depth + 1)
                } else {
                    try symbolNode(child, heap: heap, group: group)
                }
            }
        }

        mutating func symbolNode(_ address: UInt64, heap: UInt64, group: String) throws(Failure) {
            let header = try read(address, 8)
            guard Array(header[0..<4]) == Array("SNOD".utf8) else { throw Failure(message: "bad symbol table node") }
            let count = try sizeField(header, 6, 2)
            let entrySize = 2 * offsetSize + 24
            guard count <= 4096 else { throw Failure(message: "implausible symbol table node") }
            let body = try read(address + 8, count * entrySize)
            let heapData = try localHeapData(heap)
            for index in 0..<count {
                let entry = index * entrySize
                let nameOffset = try sizeField(body, entry, offsetSize)
                let objectAddress = try integer(body, entry + offsetSize, offsetSize)
                let cacheType = try integer(body, entry + 2 * offsetSize, 4)
                let name = heapString(heapData, at: nameOffset)
                let full = (group == "/" ? "/" : group + "/") + name
                if cacheType == 2 {
                    let valueOffset = try sizeField(body, entry + 2 * offsetSize + 8, 4)
                    add("\(full) is a soft link to \(heapString(heapData, at: valueOffset).prefix(200))", severity: .medium)
                } else {
                    pending.append((objectAddress, full))
                }
            }
        }

        func localHeapData(_ address: UInt64) throws(Failure) -> [UInt8] {
            let header = try read(address, 8 + 2 * lengthSize + offsetSize)
            guard Array(header[0..<4]) == Array("HEAP".utf8) else { throw Failure(message: "bad local heap") }
            let size = try sizeField(header, 8, lengthSize)
            let dataAddress = try integer(header, 8 + 2 * lengthSize, offsetSize)
            return try read(dataAddress, min(size, HDF5LinkCheck.maxBlock))
        }

        func heapString(_ heap: [UInt8], at offset: Int) -> String {
            guard offset >= 0, offset < heap.count else { return "?" }
            return String(decoding: heap[offset...].prefix(while: { $0 != 0 }).prefix(256), as: UTF8.self)
        }
    }
}

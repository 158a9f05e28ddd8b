import TrustmarkCore

/// A ZIP archive's central directory, read the way PyTorch's reader (miniz) finds members: from the
/// end-of-central-directory record, with ZIP64 sizes and offsets. Member data is located through the
/// local header and never read here.
public struct ZipArchive {
    public struct Member: Sendable, Equatable {
        public var name: String
        public var localName: String?
        public var method: UInt16
        public var flags: UInt16
        public var compressedSize: UInt64
        public var uncompressedSize: UInt64
        public var crc: UInt32
        public var localHeaderOffset: UInt64
        /// Where the member's bytes start (after the local header), when the local header is valid.
        public var dataOffset: UInt64?

        public var isStored: Bool { method == 0 }
        public var isEncrypted: Bool { flags & 1 != 0 }
    }

    public var members: [Member]
    public var problems: [String]

    public static let maxMembers = 200_000

    public enum Failure: Error, Equatable {
        case notAZip
        case truncated(String)
    }

    public static func read(_ file: BinaryFile) throws(Failure) -> ZipArchive {
        var archive = try directory(file)
        archive.locateMembers(in: file)
        return archive
    }

    /// The central directory alone: names, sizes and local-header offsets, without touching the local headers
    /// (a remote reader uses the offsets to fetch every local header at once).
    public static func directory(_ file: BinaryFile) throws(Failure) -> ZipArchive {
        let tailLength = Int(min(file.size, 65_557))
        guard let tail = try? file.read(at: file.size - UInt64(tailLength), count: tailLength), tail.count >= 22 else { throw .notAZip }
        guard
            let eocd = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
                tail[$0] == 0x50 && tail[$0 + 1] == 0x4B && tail[$0 + 2] == 5 && tail[$0 + 3] == 6
            })
        else {
            throw .notAZip
        }
        let eocdOffset = file.size - UInt64(tailLength) + UInt64(eocd)
        var count = UInt64(le(tail, eocd + 10, 2))
        var directorySize = UInt64(le(tail, eocd + 12, 4))
        var directoryOffset = UInt64(le(tail, eocd + 16, 4))
        var problems: [String] = []
        // ZIP64: a locator 20 bytes before the EOCD points at the ZIP64 end record.
        if eocd >= 20, tail[eocd - 20] == 0x50, tail[eocd - 19] == 0x4B, tail[eocd - 18] == 6, tail[eocd - 17] == 7 {
            let recordOffset = le(tail, eocd - 12, 8)
            if let record = try? file.read(at: recordOffset, count: 56), record.count == 56, record[0] == 0x50, record[1] == 0x4B, record[2] == 6,
                record[3] == 6
            {
                count = le(record, 32, 8)
                directorySize = le(record, 40, 8)
                directoryOffset = le(record, 48, 8)
            } else {
                problems.append("ZIP64 locator points at no ZIP64 record")
            }
        }
        guard count <= UInt64(maxMembers) else { throw .truncated("central directory claims \(count) members") }
        guard directoryOffset < eocdOffset, directorySize <= eocdOffset - directoryOffset, directorySize <= 64 << 20 else {
            throw .truncated("central directory lies outside the file")
        }
        guard let directory = try? file.read(at: directoryOffset, count: Int(directorySize)), directory.count == Int(directorySize) else {
            throw .truncated("central directory cannot be read")
        }
        var members: [Member] = []
        var position = 0
        while members.count < Int(count), position + 46 <= directory.count {
            guard le(directory, position, 4) == 0x0201_4B50 else {
                problems.append("central directory entry \(members.count + 1) has a bad signature")
                break
            }
            let flags = UInt16(le(directory, position + 8, 2))
            let method = UInt16(le(directory, position + 10, 2))
            let crc = UInt32(le(directory, position + 16, 4))
            var compressed = le(directory, position + 20, 4)
            var uncompressed = le(directory, position + 24, 4)
            let nameLength = Int(le(directory, position + 28, 2))
            let extraLength = Int(le(directory, position + 30, 2))
            let commentLength = Int(le(directory, position + 32, 2))
            var localOffset = le(directory, position + 42, 4)
            let nameStart = position + 46
            guard nameStart + nameLength + extraLength <= directory.count else {
                problems.append("central directory entry \(members.count + 1) is truncated")
                break
            }
            let name = String(decoding: directory[nameStart..<(nameStart + nameLength)], as: UTF8.self)
            // ZIP64 extended information (extra field 0x0001) replaces 0xFFFFFFFF values, in order.
            var extra = nameStart + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = le(directory, extra, 2)
                let size = Int(le(directory, extra + 2, 2))
                if id == 1 {
                    var field = extra + 4
                    if uncompressed == 0xFFFF_FFFF, field + 8 <= extraEnd {
                        uncompressed = le(directory, field, 8)
                        field += 8
                    }
                    if compressed == 0xFFFF_FFFF, field + 8 <= extraEnd {
                        compressed = le(directory, field, 8)
                        field += 8
                    }
                    if localOffset == 0xFFFF_FFFF, field + 8 <= extraEnd { localOffset = le(directory, field, 8) }
                }
                extra += 4 + size
            }
            members.append(
                Member(
                    name: name, localName: nil, method: method, flags: flags, compressedSize: compressed, uncompressedSize: uncompressed,
                    crc: crc, localHeaderOffset: localOffset, dataOffset: nil))
            position = extraEnd + commentLength
        }
        if members.count < Int(count) { problems.append("central directory lists \(count) members but holds \(members.count)") }
        return ZipArchive(members: members, problems: problems)
    }

    /// Reads each member's local header: its own name and where its data starts.
    mutating func locateMembers(in file: BinaryFile) {
        for index in members.indices {
            let offset = members[index].localHeaderOffset
            guard let header = try? file.read(at: offset, count: 30), header.count == 30, ZipArchive.le(header, 0, 4) == 0x0403_4B50 else {
                problems.append("\(members[index].name): no local header at byte \(offset)")
                continue
            }
            let nameLength = Int(ZipArchive.le(header, 26, 2))
            let extraLength = Int(ZipArchive.le(header, 28, 2))
            if let localName = try? file.read(at: offset + 30, count: nameLength) {
                members[index].localName = String(decoding: localName, as: UTF8.self)
            }
            let data = offset + 30 + UInt64(nameLength) + UInt64(extraLength)
            if data <= file.size { members[index].dataOffset = data }
        }
    }

    /// How many members start inside the bytes (local header and data) of another member, or share its local header.
    /// Archive writers lay members end to end, so any overlap is deliberate.
    public static func overlappingMembers(_ members: [Member]) -> Int {
        let located = members.compactMap { member -> [UInt64]? in
            guard let data = member.dataOffset else { return nil }
            return [member.localHeaderOffset, data &+ member.compressedSize]
        }
        let spans = Set(located).sorted { $0[0] < $1[0] }
        var count = located.count - Set(located.map { $0[0] }).count
        var end: UInt64 = 0
        for span in spans {
            if span[0] < end { count += 1 }
            end = max(end, span[1])
        }
        return count
    }

    static func le(_ bytes: [UInt8], _ offset: Int, _ width: Int) -> UInt64 {
        guard offset >= 0, offset + width <= bytes.count else { return 0 }
        var value: UInt64 = 0
        for index in 0..<width { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        return value
    }
}

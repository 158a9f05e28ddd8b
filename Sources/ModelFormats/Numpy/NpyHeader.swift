import TrustmarkCore

/// The header of a NumPy `.npy` file: `\x93NUMPY`, a version, a length, and a Python dict literal
/// with `descr`, `fortran_order` and `shape`. An `O` in `descr` means the data is a pickle.
public struct NpyHeader: Sendable, Equatable {
    public var major: UInt8
    public var descr: String
    public var dataOffset: UInt64
    public var isObjectArray: Bool

    public static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    public static func read(_ cursor: inout ByteCursor) -> NpyHeader? {
        let start = cursor.offset
        guard cursor.read(6) == magic, let major = cursor.readByte(), cursor.readByte() != nil else { return nil }
        guard let length = cursor.readLittleEndian(major == 1 ? 2 : 4), length <= 1 << 20 else { return nil }
        let header = String(decoding: cursor.read(Int(length)), as: UTF8.self)
        guard let descrRange = header.range(of: "'descr':") else { return nil }
        let rest = header[descrRange.upperBound...]
        let descr = String(rest.prefix { $0 != "," && $0 != "}" }).trimmingSpaces()
        return NpyHeader(major: major, descr: descr, dataOffset: cursor.offset - start, isObjectArray: descr.includes("O"))
    }
}

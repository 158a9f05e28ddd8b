#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a file's bytes come from when they are not on the local disk: HTTP range requests to the
/// Hub, or the ranges an evidence bundle recorded. Reads are positioned, like `pread`.
public protocol ByteSource: AnyObject, Sendable {
    /// Up to `count` bytes at `offset`; fewer only at the end of the file.
    func read(at offset: UInt64, count: Int) throws(BinaryFileError) -> [UInt8]
}

/// A read-only file read with positioned reads, so readers fetch exactly the bytes they need
/// (a header, a central directory) and never map or load a whole weight file.
public final class BinaryFile {
    public let path: String
    public let size: UInt64
    private let descriptor: Int32
    private let source: (any ByteSource)?

    /// A file whose bytes come from `source` (a remote repository), with the size its listing gives.
    public init(path: String, size: UInt64, source: any ByteSource) {
        self.path = path
        self.size = size
        self.source = source
        descriptor = -1
    }

    public init(path: String) throws(BinaryFileError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BinaryFileError(path: path, message: BinaryFileError.describe(errno: errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let message = BinaryFileError.describe(errno: errno)
            close(descriptor)
            throw BinaryFileError(path: path, message: message)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw BinaryFileError(path: path, message: "not a regular file")
        }
        self.descriptor = descriptor
        self.size = UInt64(status.st_size)
        source = nil
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Reads up to `count` bytes at `offset`; fewer only at the end of the file.
    public func read(at offset: UInt64, count: Int) throws(BinaryFileError) -> [UInt8] {
        guard count > 0 else { return [] }
        if let source {
            guard offset < size else { return [] }
            return try source.read(at: offset, count: Int(min(UInt64(count), size - offset)))
        }
        var buffer = [UInt8](repeating: 0, count: count)
        let result: Result<Int, BinaryFileError> = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(BinaryFileError) -> Int in try readFully(into: raw, at: offset) }
        }
        let filled = try result.get()
        if filled < count { buffer.removeLast(count - filled) }
        return buffer
    }

    /// Fills `buffer` from `offset`, returning the number of bytes read (short only at end of file).
    public func readFully(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(BinaryFileError) -> Int {
        // Offsets come from untrusted headers: one past the end (or past off_t's range) reads nothing.
        guard offset < size, offset <= UInt64(Int64.max) - UInt64(buffer.count) else { return 0 }
        if let source {
            let bytes = try source.read(at: offset, count: Int(min(UInt64(buffer.count), size - offset)))
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
            return bytes.count
        }
        var filled = 0
        while filled < buffer.count {
            let result = pread(descriptor, buffer.baseAddress! + filled, buffer.count - filled, off_t(offset) + off_t(filled))
            if result < 0 {
                if errno == EINTR { continue }
                throw BinaryFileError(path: path, message: BinaryFileError.describe(errno: errno))
            }
            if result == 0 { break }
            filled += result
        }
        return filled
    }

    /// Hints the kernel that the file will be read front to back once.
    public func adviseSequential() {
        #if canImport(Glibc)
        guard descriptor >= 0 else { return }
        _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
    }
}

/// A file could not be opened or read.
public struct BinaryFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }

    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }
}

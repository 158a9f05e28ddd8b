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
    /// Size and modification times when the file was opened.
    private let opened: [Int]

    /// A file whose bytes come from `source` (a remote repository), with the size its listing gives.
    public init(path: String, size: UInt64, source: any ByteSource) {
        self.path = path
        self.size = size
        self.source = source
        descriptor = -1
        opened = []
    }

    public convenience init(path: String) throws(BinaryFileError) {
        try self.init(name: FileName(path), path: path)
    }

    /// Opens the file named by `name`'s bytes; `path` is how it is shown. Only a regular file opens: the open itself
    /// never waits (`O_NONBLOCK`, so a FIFO cannot hang it) and `fstat` on the open descriptor decides, so a file
    /// swapped for something else between a listing and the open is caught too.
    public init(name: FileName, path: String) throws(BinaryFileError) {
        self.path = path
        let descriptor = name.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard descriptor >= 0 else { throw BinaryFileError(path: path, message: BinaryFileError.describe(errno: errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let message = BinaryFileError.describe(errno: errno)
            close(descriptor)
            throw BinaryFileError(path: path, message: message)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw BinaryFileError(path: path, message: "not a regular file (\(BinaryFile.kind(status.st_mode))); not read")
        }
        self.descriptor = descriptor
        self.size = UInt64(status.st_size)
        opened = BinaryFile.stamp(status)
        source = nil
    }

    static func stamp(_ status: stat) -> [Int] {
        #if canImport(Darwin)
            return [Int(status.st_size), Int(status.st_mtimespec.tv_sec), Int(status.st_mtimespec.tv_nsec), Int(status.st_ctimespec.tv_nsec)]
        #else
            return [Int(status.st_size), Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec), Int(status.st_ctim.tv_nsec)]
        #endif
    }

    /// True when the file's size or modification time is no longer what it was when it was opened: bytes read from it
    /// may then belong to neither version, so a digest or a parse of them must not be used.
    public var hasChanged: Bool {
        guard descriptor >= 0 else { return false }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return true }
        return BinaryFile.stamp(status) != opened
    }

    /// What a file that is not a regular file is, in words.
    public static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFLNK: return "a symbolic link"
        default: return "a special file"
        }
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

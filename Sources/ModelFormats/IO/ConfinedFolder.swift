#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A folder the user named, read and written without ever leaving it: an evidence bundle's folder.
///
/// Names are single components or `sub/name` with a real (not linked) subfolder; `..`, `/` and empty parts are
/// refused. Files are opened with `O_NOFOLLOW` relative to the folder's descriptor, so a symbolic link planted inside
/// is never followed, on reading or on writing. A file is written to a new temporary name (`O_EXCL`) and renamed over
/// the old one, so neither a planted link nor a hard link to a file elsewhere lets a write reach outside the folder.
public final class ConfinedFolder {
    public let path: String
    private let descriptor: Int32

    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Opens `path` (creating it when `create`; the folder itself may be a link the user made).
    public init(_ path: String, create: Bool) throws(Failure) {
        self.path = path
        if create, mkdir(path, 0o755) != 0, errno != EEXIST {
            throw Failure(path: path, message: "cannot be created (\(ConfinedFolder.describe(errno)))")
        }
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(path: path, message: "cannot be opened as a folder (\(ConfinedFolder.describe(errno)))") }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The whole file at `name`, a regular file of at most `limit` bytes.
    public func read(_ name: String, limit: Int) throws(Failure) -> [UInt8] {
        let (folder, leaf) = try locate(name, create: false)
        defer { if folder != descriptor { close(folder) } }
        let file = leaf.withCString { openat(folder, $0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) }
        guard file >= 0 else {
            throw Failure(path: shown(name), message: errno == ELOOP ? "is a symbolic link; not followed" : ConfinedFolder.describe(errno))
        }
        defer { close(file) }
        var status = stat()
        guard fstat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { throw Failure(path: shown(name), message: "not a regular file") }
        guard status.st_size >= 0, UInt64(status.st_size) <= UInt64(max(0, limit)) else {
            throw Failure(path: shown(name), message: "\(status.st_size) bytes, more than the \(limit) it may have; not read")
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { pread(file, $0.baseAddress! + filled, $0.count - filled, off_t(filled)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw Failure(path: shown(name), message: "changed while it was read") }
            filled += count
        }
        return bytes
    }

    /// Whether `name` exists (without following a link at its last part).
    public func exists(_ name: String) -> Bool {
        guard let (folder, leaf) = try? locate(name, create: false) else { return false }
        defer { if folder != descriptor { close(folder) } }
        var status = stat()
        return leaf.withCString { fstatat(folder, $0, &status, AT_SYMLINK_NOFOLLOW) } == 0
    }

    /// Writes `bytes` as `name`, creating `sub/` when needed: to a temporary file first, then renamed into place.
    public func write(_ name: String, _ bytes: [UInt8]) throws(Failure) {
        let (folder, leaf) = try locate(name, create: true)
        defer { if folder != descriptor { close(folder) } }
        var temporary = ""
        var file: Int32 = -1
        for attempt in 0..<100 {
            temporary = ".\(leaf).\(getpid()).\(attempt).tmp"
            file = temporary.withCString { openat(folder, $0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644) }
            if file >= 0 || errno != EEXIST { break }
        }
        guard file >= 0 else { throw Failure(path: shown(name), message: "cannot be written (\(ConfinedFolder.describe(errno)))") }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { writeBytes(file, $0.baseAddress! + written, $0.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let message = ConfinedFolder.describe(errno)
                close(file)
                _ = temporary.withCString { unlinkat(folder, $0, 0) }
                throw Failure(path: shown(name), message: "cannot be written (\(message))")
            }
            written += count
        }
        close(file)
        let renamed = temporary.withCString { from in leaf.withCString { to in renameat(folder, from, folder, to) } }
        guard renamed == 0 else {
            let message = ConfinedFolder.describe(errno)
            _ = temporary.withCString { unlinkat(folder, $0, 0) }
            throw Failure(path: shown(name), message: "cannot be written (\(message))")
        }
    }

    /// The descriptor of the folder holding `name`, and its last part.
    private func locate(_ name: String, create: Bool) throws(Failure) -> (Int32, String) {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !$0.utf8Contains("\0") }) else {
            throw Failure(path: shown(name), message: "is not a name inside the folder")
        }
        guard parts.count == 2 else { return (descriptor, parts[0]) }
        if create, parts[0].withCString({ mkdirat(descriptor, $0, 0o755) }) != 0, errno != EEXIST {
            throw Failure(path: shown(parts[0]), message: "cannot be created (\(ConfinedFolder.describe(errno)))")
        }
        let folder = parts[0].withCString { openat(descriptor, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        guard folder >= 0 else {
            let linked = errno == ELOOP || errno == ENOTDIR
            throw Failure(
                path: shown(parts[0]), message: linked ? "is a symbolic link or not a folder; not followed" : ConfinedFolder.describe(errno))
        }
        return (folder, parts[1])
    }

    private func shown(_ name: String) -> String { path.hasSuffix("/") ? path + name : path + "/" + name }

    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }
}

/// `write(2)`, named apart from `ConfinedFolder.write`.
private func writeBytes(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.write(descriptor, buffer, count)
    #elseif canImport(Musl)
        return Musl.write(descriptor, buffer, count)
    #else
        return Darwin.write(descriptor, buffer, count)
    #endif
}

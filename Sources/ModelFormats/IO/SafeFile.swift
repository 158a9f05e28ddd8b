#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a small file whole — a policy, a Model Openness Tool file, a key, an attestation, a bundle's manifest, a cache
/// ref, a token — for the commands that take one. The file must be a regular file (a FIFO or a device is refused
/// without waiting on it) of at most `limit` bytes (a larger one is refused before anything is read), and must not
/// change while it is read.
public enum SafeFile {
    public static func read(_ path: String, limit: Int) throws(BinaryFileError) -> [UInt8] {
        try read(FileName(path), shownAs: path, limit: limit)
    }

    public static func read(_ name: FileName, shownAs path: String, limit: Int) throws(BinaryFileError) -> [UInt8] {
        let file = try BinaryFile(name: name, path: path)
        guard file.size <= UInt64(max(0, limit)) else {
            throw BinaryFileError(path: path, message: "\(file.size) bytes, larger than the \(SafeFile.describe(limit)) this file may have; not read")
        }
        let bytes = try file.read(at: 0, count: Int(file.size))
        guard UInt64(bytes.count) == file.size, !file.hasChanged else {
            throw BinaryFileError(path: path, message: "changed while it was read; not used")
        }
        return bytes
    }

    /// Nil for a regular file (after following symbolic links); else why it is not one ("a FIFO", "a folder", ...).
    public static func notARegularFile(_ path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return BinaryFileError.describe(errno: errno) }
        return (status.st_mode & S_IFMT) == S_IFREG ? nil : "not a regular file (\(BinaryFile.kind(status.st_mode)))"
    }

    static func describe(_ limit: Int) -> String {
        limit >= 1 << 20 && limit % (1 << 20) == 0
            ? "\(limit >> 20) MiB" : limit >= 1024 && limit % 1024 == 0 ? "\(limit >> 10) KiB" : "\(limit) bytes"
    }
}

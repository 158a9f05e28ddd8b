import Crypto
import ModelFormats

/// Streams a file through SHA-256 once, in large reads, reporting progress.
public enum FileHasher {
    /// 4 MiB reads keep syscall overhead negligible and memory constant whatever the file size.
    public static let chunkSize = 4 * 1024 * 1024

    /// A read buffer to reuse across files. One buffer per file, allocated and freed each time, let glibc's heap
    /// grow by 4 MiB a file on some runs (aligned allocations it could not reuse): 600 files, 2.4 GB resident.
    public final class Buffer {
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: FileHasher.chunkSize, alignment: MemoryLayout<UInt64>.alignment)
        public init() {}
        deinit { bytes.deallocate() }
    }

    public static func sha256(
        of file: BinaryFile, buffer reused: Buffer? = nil, progress: ((UInt64) -> Void)? = nil
    ) throws(BinaryFileError) -> String {
        file.adviseSequential()
        var hasher = SHA256()
        let owned = reused ?? Buffer()
        let buffer = owned.bytes
        var offset: UInt64 = 0
        while true {
            let count = try file.readFully(into: buffer, at: offset)
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            offset += UInt64(count)
            progress?(UInt64(count))
            if count < chunkSize { break }
        }
        // A file that grew, shrank or was rewritten while it was hashed has a digest of neither version.
        guard offset == file.size, !file.hasChanged else {
            throw BinaryFileError(
                path: file.path, message: "changed while it was read (\(offset) of \(file.size) bytes hashed); its digest is not used")
        }
        withExtendedLifetime(owned) {}
        return hex(hasher.finalize())
    }

    public static func sha256(of bytes: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return hex(hasher.finalize())
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The subject digest: SHA-256 over `path NUL sha256 LF` for every file, sorted by path bytes.
    /// `nil` if any file has no digest, because a partial digest would identify nothing.
    public static func rootDigest(_ files: [(path: String, sha256: String?)]) -> String? {
        var hasher = SHA256()
        for file in files.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            guard let digest = file.sha256 else { return nil }
            hasher.update(data: Array(file.path.utf8) + [0] + Array(digest.utf8) + [0x0A])
        }
        return "sha256:" + hex(hasher.finalize())
    }
}

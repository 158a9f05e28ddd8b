/// How much work loading may do.
public struct LoadOptions: Sendable {
    /// Hash weight files and other large files. Off with `--no-hash`; small files are always hashed.
    public var hashLargeFiles: Bool
    /// Files above this size count as large for `hashLargeFiles`.
    public var largeFileThreshold: UInt64
    /// Text files larger than this are hashed but not read into memory.
    public var maxDocumentBytes: Int
    /// Refuse trees with more files than this.
    public var maxFiles: Int
    /// Text files (cards, configs, licences, code) read in all; past it, further ones are listed and hashed but not read.
    public var maxTextBytes: Int = 64 << 20
    /// Lines of those text files in all (a line costs a 32-byte slice besides its bytes: 64 MiB of one-word lines
    /// would be 350 MB of slices).
    public var maxTextLines: Int = 2_000_000
    /// Remote files read (each at least one request); the rest of a larger listing is listed, not fetched.
    public var maxRemoteReads: Int = 2000
    /// Called as bytes are hashed: (path, bytes of this file done, file size).
    public var progress: (@Sendable (String, UInt64, UInt64) -> Void)?

    public init(
        hashLargeFiles: Bool = true, largeFileThreshold: UInt64 = 16 * 1024 * 1024, maxDocumentBytes: Int = 4 * 1024 * 1024,
        maxFiles: Int = 100_000, progress: (@Sendable (String, UInt64, UInt64) -> Void)? = nil
    ) {
        self.hashLargeFiles = hashLargeFiles
        self.largeFileThreshold = largeFileThreshold
        self.maxDocumentBytes = maxDocumentBytes
        self.maxFiles = maxFiles
        self.progress = progress
    }
}

import Crypto
import Foundation
import ModelFormats

/// The bytes of one file in a Hub repository, fetched on demand with range requests and kept, so
/// each byte crosses the network once. Whole-file reads are checked against the tree's digests
/// (the LFS SHA-256, or the git blob id); every fetched range is handed to the recorder for the
/// evidence bundle.
final class RemoteFileSource: ByteSource, @unchecked Sendable {
    /// Downloads a path, whole or one range, from wherever the repository lives.
    let fetch: @Sendable (String, Range<UInt64>?) throws(HubError) -> [UInt8]
    let entry: HubClient.TreeEntry
    let recorder: EvidenceRecorder
    /// Ranges smaller than this are widened (a header length is followed by the header).
    static let minimumFetch: UInt64 = 16 * 1024
    private let lock = NSLock()
    private var segments: [(offset: UInt64, bytes: [UInt8])] = []

    init(entry: HubClient.TreeEntry, recorder: EvidenceRecorder, fetch: @escaping @Sendable (String, Range<UInt64>?) throws(HubError) -> [UInt8]) {
        self.fetch = fetch
        self.entry = entry
        self.recorder = recorder
    }

    func read(at offset: UInt64, count: Int) throws(BinaryFileError) -> [UInt8] {
        let end = min(entry.size, offset + UInt64(count))
        guard offset < end else { return [] }
        // The lock guards the cache, not the fetch: reads of one file at different places (every member of a
        // PyTorch zip) go out in parallel.
        lock.lock()
        if let cached = cachedSlice(offset, end) {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let whole = offset == 0 && end == entry.size || entry.size <= RemoteFileSource.minimumFetch
        let fetchStart = whole ? 0 : offset
        let fetchEnd = whole ? entry.size : min(entry.size, max(end, offset + RemoteFileSource.minimumFetch))
        let bytes: [UInt8]
        do {
            bytes = try fetch(entry.path, whole ? nil : fetchStart..<fetchEnd)
        } catch {
            throw BinaryFileError(path: entry.path, message: "could not be fetched: \(error.description)")
        }
        if whole {
            guard UInt64(bytes.count) == entry.size else {
                throw BinaryFileError(path: entry.path, message: "the server sent \(bytes.count) bytes where the file listing says \(entry.size)")
            }
            if let problem = RemoteFileSource.verify(bytes, against: entry) { throw BinaryFileError(path: entry.path, message: problem) }
        }
        lock.lock()
        segments.append((fetchStart, bytes))
        let slice = cachedSlice(offset, end) ?? []
        lock.unlock()
        recorder.record(path: entry.path, offset: fetchStart, bytes: bytes)
        return slice
    }

    private func cachedSlice(_ start: UInt64, _ end: UInt64) -> [UInt8]? {
        for segment in segments where segment.offset <= start && segment.offset + UInt64(segment.bytes.count) >= end {
            return Array(segment.bytes[Int(start - segment.offset)..<Int(end - segment.offset)])
        }
        return nil
    }

    /// Nil when the content matches the digest the tree gives for it.
    static func verify(_ bytes: [UInt8], against entry: HubClient.TreeEntry) -> String? {
        if let lfs = entry.lfsSHA256 {
            let digest = FileHasher.sha256(of: bytes)
            return digest == lfs.lowercased() ? nil : "content does not match the SHA-256 the file listing gives (\(lfs.prefix(12))…); not used"
        }
        if let oid = entry.oid, oid.count == 40 {
            var hasher = Insecure.SHA1()
            hasher.update(data: Array("blob \(bytes.count)\u{0}".utf8))
            hasher.update(data: bytes)
            let digest = FileHasher.hex(hasher.finalize())
            return digest == oid.lowercased() ? nil : "content does not match its git blob id (\(oid.prefix(12))…); not used"
        }
        return nil
    }
}

/// Everything a remote rating read, kept so it can be saved as an evidence bundle.
public final class EvidenceRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var ranges: [String: [(offset: UInt64, bytes: [UInt8])]] = [:]

    public init() {}

    func record(path: String, offset: UInt64, bytes: [UInt8]) {
        lock.lock()
        ranges[path, default: []].append((offset, bytes))
        lock.unlock()
    }

    var snapshot: [String: [(offset: UInt64, bytes: [UInt8])]] {
        lock.lock()
        defer { lock.unlock() }
        return ranges
    }
}

import Crypto
import Foundation

/// Which catalog texts hold which word bigrams: the postings the matcher ranks texts with.
///
/// Why a file: building these postings means normalising and tokenising every catalog text (about 1 MB), which took
/// some 100 ms — every `rate`, `license` and `check` paid it before reading a single file of its own. The postings are
/// instead built once, by `LicenseCatalog.buildBigramIndex`, checked in as `Resources/bigram-index.bin`, and read as
/// flat little-endian arrays (no parsing). A test rebuilds them from the texts and fails when the file is stale; an index
/// that does not belong to the `catalog.json` beside it is ignored and the postings are built from the texts instead.
///
/// Layout (all integers little-endian):
/// `"TMBI"`, format `UInt32` (1), SHA-256 of `catalog.json` (32 bytes), reference count `n` (`UInt32`), `n` bigram
/// counts (`UInt32`, one per reference in catalog order), posting count `m` (`UInt32`), `m` bigrams (`UInt64`, ascending,
/// ties by reference), `m` reference numbers (`UInt16`).
struct BigramIndex: Sendable {
    static let magic: [UInt8] = Array("TMBI".utf8)
    static let format: UInt32 = 1
    static let fileName = "bigram-index.bin"

    /// Distinct bigrams of each reference text.
    let bigramCounts: [Int]
    /// Every (bigram, reference) pair, sorted by bigram: the file's bytes (mapped, not copied), or arrays built here.
    private let postings: Postings

    private enum Postings: Sendable {
        case built(keys: [UInt64], owners: [UInt16])
        /// `data` holds `count` little-endian `UInt64` keys from `keysAt`, then `count` `UInt16` owners.
        case file(data: Data, keysAt: Int, count: Int)
    }

    init(bigramSets: [Set<UInt64>]) {
        var pairs: [(UInt64, UInt16)] = []
        pairs.reserveCapacity(bigramSets.reduce(0) { $0 + $1.count })
        for (reference, set) in bigramSets.enumerated() {
            for bigram in set { pairs.append((bigram, UInt16(reference))) }
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        bigramCounts = bigramSets.map(\.count)
        postings = .built(keys: pairs.map(\.0), owners: pairs.map(\.1))
    }

    /// The index in `data`, when it is one and was built for the catalog whose SHA-256 is `catalogDigest`. The postings
    /// stay in `data` (a mapped file is read only where a lookup lands); every reference number is checked here.
    init?(data: Data, catalogDigest: [UInt8], referenceCount: Int) {
        let data = data.startIndex == 0 ? data : Data(data)  // Offsets below count from 0.
        var reader = ByteReader(data: data)
        guard reader.bytes(4) == BigramIndex.magic, reader.uint32() == BigramIndex.format, reader.bytes(32) == catalogDigest,
            let count = reader.uint32(), Int(count) == referenceCount,
            let counts = reader.array(count: Int(count), as: UInt32.self), let postingCount = reader.uint32().map(Int.init)
        else { return nil }
        let keysAt = reader.offset
        guard postingCount <= (data.count - keysAt) / 10, data.count == keysAt + postingCount * 10 else { return nil }
        let ownersValid = data.withUnsafeBytes { raw in
            (0..<postingCount).allSatisfy {
                Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: keysAt + postingCount * 8 + $0 * 2, as: UInt16.self)))
                    < referenceCount
            }
        }
        guard ownersValid else { return nil }
        bigramCounts = counts.map(Int.init)
        postings = .file(data: data, keysAt: keysAt, count: postingCount)
    }

    func encoded(catalogDigest: [UInt8]) -> Data {
        var bytes = BigramIndex.magic
        func append<T: FixedWidthInteger>(_ value: T) {
            for shift in stride(from: 0, to: T.bitWidth, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        append(BigramIndex.format)
        bytes += catalogDigest
        append(UInt32(bigramCounts.count))
        for count in bigramCounts { append(UInt32(count)) }
        let (keys, owners) = allPostings
        append(UInt32(keys.count))
        for key in keys { append(key) }
        for owner in owners { append(owner) }
        return Data(bytes)
    }

    private var allPostings: (keys: [UInt64], owners: [UInt16]) {
        switch postings {
        case .built(let keys, let owners): return (keys, owners)
        case .file(let data, let keysAt, let count):
            return data.withUnsafeBytes { raw in
                (
                    (0..<count).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: keysAt + $0 * 8, as: UInt64.self)) },
                    (0..<count).map { UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: keysAt + count * 8 + $0 * 2, as: UInt16.self)) }
                )
            }
        }
    }

    /// For every reference, how many of `bigrams` it contains.
    func commonCounts(_ bigrams: Set<UInt64>) -> [Int] {
        var counts = [Int](repeating: 0, count: bigramCounts.count)
        func count(_ total: Int, key: (Int) -> UInt64, owner: (Int) -> Int) {
            for bigram in bigrams {
                var low = 0
                var high = total
                while low < high {
                    let middle = (low + high) / 2
                    if key(middle) < bigram { low = middle + 1 } else { high = middle }
                }
                while low < total, key(low) == bigram {
                    counts[owner(low)] += 1
                    low += 1
                }
            }
        }
        switch postings {
        case .built(let keys, let owners):
            count(keys.count, key: { keys[$0] }, owner: { Int(owners[$0]) })
        case .file(let data, let keysAt, let total):
            data.withUnsafeBytes { raw in
                count(
                    total, key: { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: keysAt + $0 * 8, as: UInt64.self)) },
                    owner: { Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: keysAt + total * 8 + $0 * 2, as: UInt16.self))) })
            }
        }
        return counts
    }

    static func digest(_ data: Data) -> [UInt8] { Array(SHA256.hash(data: data)) }
}

/// Reads the index's little-endian fields; every read is bounds-checked (the file is data, not trusted to be intact).
private struct ByteReader {
    let data: Data
    private(set) var offset = 0

    init(data: Data) { self.data = data }

    var atEnd: Bool { offset == data.count }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, data.count - offset >= count else { return nil }
        defer { offset += count }
        let start = data.startIndex + offset
        return Array(data[start..<(start + count)])
    }

    mutating func uint32() -> UInt32? { array(count: 1, as: UInt32.self)?.first }

    mutating func array<T: FixedWidthInteger>(count: Int, as type: T.Type) -> [T]? {
        let size = MemoryLayout<T>.size
        guard count >= 0, count <= (data.count - offset) / size else { return nil }
        let start = offset
        offset += count * size
        return data.withUnsafeBytes { raw in
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    buffer[index] = T(littleEndian: raw.loadUnaligned(fromByteOffset: start + index * size, as: T.self))
                }
                initialized = count
            }
        }
    }
}

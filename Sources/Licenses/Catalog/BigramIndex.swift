import Crypto
import Foundation

/// Which catalog texts hold which word bigrams: the postings the matcher ranks texts with.
///
/// Why a file: building these postings means normalising and tokenising every catalog text (about 1 MB), which took
/// some 100 ms — every `rate`, `license` and `check` paid it before reading a single file of its own. The postings are
/// instead built once, by `LicenseCatalog.buildBigramIndex`, checked in as `Resources/bigram-index.bin`, and read as
/// flat little-endian arrays, searched in the bytes read (no parsing). A test rebuilds them from the texts and fails
/// when the file is stale; an index that does not belong to the `catalog.json` beside it is ignored and the postings
/// are built from the texts instead.
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
    /// Every (bigram, reference) pair, sorted by bigram, in the file's layout: `count` little-endian `UInt64` bigrams,
    /// then `count` `UInt16` reference numbers, from byte `start` on. One representation whether read or built,
    /// searched where it lies: the file's bytes as read (copying 900 KB out of them was a tenth of a `license` run).
    /// A plain byte array, not `Data`: the process-wide catalog holds it, and `Data`'s enum payload hides that
    /// reference from LeakSanitizer (docs/fuzzing.md).
    private let postings: [UInt8]
    private let start: Int
    private let count: Int

    init(bigramSets: [Set<UInt64>]) {
        var pairs: [(UInt64, UInt16)] = []
        pairs.reserveCapacity(bigramSets.reduce(0) { $0 + $1.count })
        for (reference, set) in bigramSets.enumerated() {
            for bigram in set { pairs.append((bigram, UInt16(reference))) }
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pairs.count * 10)
        for (key, _) in pairs { BigramIndex.append(key, to: &bytes) }
        for (_, owner) in pairs { BigramIndex.append(owner, to: &bytes) }
        bigramCounts = bigramSets.map(\.count)
        postings = bytes
        start = 0
        count = pairs.count
    }

    /// The index in `data`, when it is one and was built for the catalog whose SHA-256 is `catalogDigest`; every
    /// reference number is checked here.
    init?(data: Data, catalogDigest: [UInt8], referenceCount: Int) {
        self.init(bytes: Array(data), catalogDigest: catalogDigest, referenceCount: referenceCount)
    }

    init?(bytes: [UInt8], catalogDigest: [UInt8], referenceCount: Int) {
        var reader = ByteReader(bytes: bytes)
        guard reader.bytes(4) == BigramIndex.magic, reader.uint32() == BigramIndex.format, reader.bytes(32) == catalogDigest,
            let references = reader.uint32(), Int(references) == referenceCount,
            let counts = reader.array(count: Int(references), as: UInt32.self), let postingCount = reader.uint32().map(Int.init),
            postingCount <= reader.remaining / 10, reader.remaining == postingCount * 10
        else { return nil }
        let start = reader.offset
        let ownersValid = bytes.withUnsafeBytes { raw in
            (0..<postingCount).allSatisfy {
                Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: start + postingCount * 8 + $0 * 2, as: UInt16.self))) < referenceCount
            }
        }
        guard ownersValid else { return nil }
        bigramCounts = counts.map(Int.init)
        postings = bytes
        self.start = start
        count = postingCount
    }

    func encoded(catalogDigest: [UInt8]) -> Data {
        var bytes = BigramIndex.magic
        BigramIndex.append(BigramIndex.format, to: &bytes)
        bytes += catalogDigest
        BigramIndex.append(UInt32(bigramCounts.count), to: &bytes)
        for count in bigramCounts { BigramIndex.append(UInt32(count), to: &bytes) }
        BigramIndex.append(UInt32(count), to: &bytes)
        bytes += postings[start...]
        return Data(bytes)
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: T.bitWidth, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    /// For every reference, how many of `bigrams` it contains.
    func commonCounts(_ bigrams: Set<UInt64>) -> [Int] {
        var counts = [Int](repeating: 0, count: bigramCounts.count)
        let total = count
        postings.withUnsafeBytes { raw in
            let start = self.start
            func key(_ index: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + index * 8, as: UInt64.self)) }
            func owner(_ index: Int) -> Int {
                Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: start + total * 8 + index * 2, as: UInt16.self)))
            }
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
        return counts
    }

    static func digest(_ data: Data) -> [UInt8] { Array(SHA256.hash(data: data)) }
}

/// Reads the index's little-endian fields; every read is bounds-checked (the file is data, not trusted to be intact).
private struct ByteReader {
    let data: [UInt8]
    private(set) var offset = 0

    init(bytes: [UInt8]) { data = bytes }

    var remaining: Int { data.count - offset }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, data.count - offset >= count else { return nil }
        defer { offset += count }
        return Array(data[offset..<(offset + count)])
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

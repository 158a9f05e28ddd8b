import Foundation
import Testing

@testable import Licenses

/// The checked-in bigram index (`Sources/Licenses/Resources/bigram-index.bin`) is what the texts give, and a catalog
/// that cannot use it still ranks the same. Regenerate after changing the catalog:
/// `TRUSTMARK_WRITE_BIGRAM_INDEX=1 swift test --filter BigramIndexTests`.
@Suite("Bigram index")
struct BigramIndexTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Licenses/Resources")

    @Test func theCheckedInIndexIsBuiltFromTheShippedTexts() throws {
        let built = try LicenseCatalog.buildBigramIndex(directory: BigramIndexTests.sources)
        let file = BigramIndexTests.sources.appendingPathComponent(BigramIndex.fileName)
        if ProcessInfo.processInfo.environment["TRUSTMARK_WRITE_BIGRAM_INDEX"] == "1" { try built.write(to: file) }
        let checkedIn = try Data(contentsOf: file)
        #expect(
            checkedIn == built,
            "bigram-index.bin is stale: run TRUSTMARK_WRITE_BIGRAM_INDEX=1 swift test --filter BigramIndexTests")
        let prebuilt = LicenseCatalog.shipped.bigramIndexIsPrebuilt
        #expect(prebuilt, "the shipped catalog should read its index, not build it")
    }

    /// The resources are found beside the executable (here the test bundle), the way an installed copy finds them,
    /// rather than through `Bundle`, whose set-up lists the executable's whole folder.
    @Test func resourcesAreFoundBesideTheExecutable() throws {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let folder = URL(fileURLWithPath: executable).deletingLastPathComponent().path
        let found = LicenseCatalog.resourceDirectory.standardizedFileURL.path
        #expect(found == folder + "/Trustmark_Licenses.resources/Resources")
    }

    @Test func thePrebuiltIndexCountsWhatTheTextsHold() throws {
        let catalog = LicenseCatalog.shipped
        let probe = try #require(catalog.references.first { $0.entry.id == "apache-2.0" })
        // A file made of half of Apache-2.0 and words of its own.
        let half = probe.full
        let text = (0..<(half.count / 2)).map(half.token).joined(separator: " ") + " some words of our own that no licence holds"
        let bigrams = NormalizedLicense.both(text).bigrams
        let counts = catalog.commonBigramCounts(bigrams)
        for (position, reference) in catalog.references.enumerated() {
            #expect(reference.bigramCount == reference.bigrams.count, "\(reference.reference.key)")
            #expect(counts[position] == bigrams.intersection(reference.bigrams).count, "\(reference.reference.key)")
        }
    }

    @Test func anIndexForAnotherCatalogOrADamagedOneIsNotUsed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bigram-index-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: BigramIndexTests.sources, to: folder)
        let indexFile = folder.appendingPathComponent(BigramIndex.fileName)
        let intact = try Data(contentsOf: indexFile)
        let intactIsUsed = try LicenseCatalog(directory: folder).bigramIndexIsPrebuilt
        #expect(intactIsUsed)

        // The catalog changed (one byte of catalog.json): the index belongs to another catalog.
        let catalogFile = folder.appendingPathComponent("catalog.json")
        try (Data(contentsOf: catalogFile) + Data(" ".utf8)).write(to: catalogFile)
        let rebuilt = try LicenseCatalog(directory: folder)
        let staleIsUsed = rebuilt.bigramIndexIsPrebuilt
        #expect(!staleIsUsed)
        #expect(rebuilt.references.map(\.bigramCount) == LicenseCatalog.shipped.references.map(\.bigramCount))

        // Truncated, or with a reference number out of range: not an index.
        #expect(
            BigramIndex(
                data: intact.prefix(intact.count - 1), catalogDigest: Array(intact[8..<40]), referenceCount: LicenseCatalog.shipped.references.count)
                == nil)
        var damaged = intact
        damaged[damaged.count - 1] = 0xFF
        damaged[damaged.count - 2] = 0xFF
        let count = LicenseCatalog.shipped.references.count
        #expect(BigramIndex(data: damaged, catalogDigest: Array(intact[8..<40]), referenceCount: count) == nil)
        #expect(BigramIndex(data: intact, catalogDigest: Array(intact[8..<40]), referenceCount: count) != nil)
    }
}

import Foundation
import Licenses
import ModelFormats
import RatingPipeline
import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import Reports

/// Every JSON document the reports write comes from `StableJSONEncoder`; Foundation's `JSONEncoder` is the reference
/// (`JSONText.referenceEncoder`). Ratings, SARIF and CycloneDX of the examples and of the real repositories, stored
/// records of earlier schema versions, scan reports of the safety corpus, licence reports of every licence file
/// there, and every methodology: the same bytes both ways.
@Suite("JSON text parity with JSONEncoder")
struct JSONTextParityTests {
    static func bothWays(_ render: () throws -> String) throws -> (ours: String, reference: String) {
        let ours = try render()
        let reference = try JSONText.$referenceEncoder.withValue(true) { try render() }
        return (ours, reference)
    }

    static func expectParity(_ label: String, _ render: () throws -> String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (ours, reference) = try bothWays(render)
        #expect(!ours.isEmpty)
        if ours != reference {
            let line = zip(
                ours.split(separator: "\n", omittingEmptySubsequences: false), reference.split(separator: "\n", omittingEmptySubsequences: false)
            )
            .enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record(
                "\(label): differs at line \((line?.offset ?? -1) + 1): \(line.map { "\($0.element.0) vs \($0.element.1)" } ?? "length")",
                sourceLocation: sourceLocation)
        }
    }

    static func expectRecordParity(_ label: String, _ record: RatingRecord) throws {
        try expectParity("\(label) record") { try record.json() }
        try expectParity("\(label) SARIF") { try RatingSARIF.render(record) }
        try expectParity("\(label) CycloneDX") { try CycloneDXReport.render(record) }
    }

    @Test(arguments: ["open-tiny-lm", "community-chat", "contradicting-card"])
    func examples(name: String) throws {
        try Self.expectRecordParity(name, try rated(name))
    }

    @Test(.enabled(if: SharedData.has("real-repos"), "needs ../shared/real-repos"))
    func realRepositories() throws {
        #expect(SharedData.realRepositories.count >= 30)
        let matcher = LicenseMatcher()
        for name in SharedData.realRepositories {
            let folder = SharedData.url("real-repos").appendingPathComponent(name).path
            try Self.expectRecordParity(name, try RatingPipeline().rate(.target(folder)))
            let licences = LicenseFileReader.candidates(inFolder: folder).map {
                LicenseFileReader.identify(fileAt: folder + "/" + $0, displayPath: $0, matcher: matcher)
            }
            try Self.expectParity("\(name) licences") { try LicenseReport.json(licences, catalogVersion: matcher.catalog.version) }
        }
    }

    @Test(arguments: ["rating-1.0.json", "rating-1.0-with-frameworks.json", "rating-1.1.json"])
    func storedRecordsOfEarlierSchemas(file: String) throws {
        let data = try Data(contentsOf: ProjectFolders.root.appendingPathComponent("Tests/Fixtures/ratings/\(file)"))
        try Self.expectRecordParity(file, try RatingRecord.read(json: data))
    }

    @Test(.enabled(if: SharedData.has("safety-corpus"), "needs ../shared/safety-corpus"))
    func scanReportsOfTheSafetyCorpus() throws {
        let root = SharedData.url("safety-corpus").path
        let reports = FolderListing.regularFiles(in: root).map {
            ModelFileScanner.scan(name: $0.name, displayPath: $0.relative, budget: DecompressionBudget())
        }
        #expect(reports.count > 100)
        let unsafe = reports.filter { $0.isUnsafe }.count
        #expect(unsafe > 10)
        try Self.expectParity("safety corpus scan") { try ScanReport.json(reports) }
        try Self.expectParity("safety corpus SARIF") { try ScanReport.sarif(reports) }
    }

    @Test func licenceReportsOfTheCatalogTexts() throws {
        let matcher = LicenseMatcher()
        let folder = ProjectFolders.root.appendingPathComponent("Sources/Licenses/Resources/texts").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().prefix(40)
        #expect(files.count >= 20)
        let results = files.map { LicenseFileReader.identify(fileAt: folder + "/" + $0, displayPath: $0, matcher: matcher) }
        try Self.expectParity("catalog texts") { try LicenseReport.json(results, catalogVersion: matcher.catalog.version) }
    }

    @Test func everyMethodology() throws {
        for methodology in Methodology.versions {
            try Self.expectParity(methodology.identity.name) { try MethodologyReport.json(methodology) }
        }
    }
}

import Foundation
import RatingPipeline
import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import Reports

/// The rating record is the stored and exchanged format: it validates against its published schema, reads back to
/// the same value and bytes, and every earlier published version still reads.
@Suite("Rating record")
struct RatingRecordTests {
    static let examples = ["open-tiny-lm", "community-chat", "contradicting-card"]

    static func schema(_ version: String) throws -> JSONSchema {
        try JSONSchema(file: ProjectFolders.docs("schemas/rating-\(version).json"))
    }

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: ProjectFolders.root.appendingPathComponent("Tests/Fixtures/ratings/\(name)"))
    }

    @Test(arguments: examples)
    func currentOutputValidatesAgainstTheCurrentSchema(example: String) throws {
        let text = try rated(example).json()
        #expect(try Self.schema(RatingRecord.schemaVersion).violations(ofJSON: text) == [])
    }

    /// The validator is not vacuous: documents that break the schema in each way it checks are refused.
    @Test func theSchemaRefusesBrokenDocuments() throws {
        let schema = try Self.schema(RatingRecord.schemaVersion)
        let text = try rated("open-tiny-lm").json()
        let broken = [
            text.replacingOccurrences(of: "\"frameworks\" :", with: "\"frameworkz\" :"),
            text.replacingOccurrences(of: "\"schemaVersion\" : \"\(RatingRecord.schemaVersion)\"", with: "\"schemaVersion\" : \"9.9\""),
            text.replacingOccurrences(of: "\"outcome\" : \"PASS\"", with: "\"outcome\" : \"FINE\""),
            text.replacingOccurrences(of: "\"coverage\" : 1,", with: "\"coverage\" : 7,"),
            text.replacingOccurrences(of: "\"kind\" : \"file\"", with: "\"kind\" : 1"),
        ]
        for document in broken {
            #expect(document != text)
            #expect(try !schema.violations(ofJSON: document).isEmpty)
        }
    }

    @Test(arguments: examples)
    func readsBackToTheSameRecordAndBytes(example: String) throws {
        let record = try rated(example)
        let text = try record.json()
        let read = try RatingRecord.read(json: Data(text.utf8))
        #expect(read == record)
        #expect(try read.json() == text)
        for format in RecordFormat.allCases {
            #expect(try format.render(read, colors: true, verbose: true) == format.render(record, colors: true, verbose: true), "\(format)")
        }
    }

    @Test func recordsEveryFindingsCreditAndTheVersionsThatMadeIt() throws {
        let record = try rated("community-chat")  // its licence earns a graded credit below 1
        let root = try JSONParser.parse(try record.json())
        #expect(root["methodology"]?["name"]?.string == record.rating.methodology.name)
        #expect(root["licenseCatalog"]?["version"]?.string?.isEmpty == false)
        #expect(root["tool"]?["version"]?.string == ToolIdentity.version)
        let graded = try #require(record.rating.findings.first { $0.credit != nil && $0.credit != 1 })
        let entry = try #require(root["findings"]?.elements?.first { $0["id"]?.string == graded.id })
        #expect(entry["credit"]?.double == graded.credit)
    }

    /// Every version this build says it reads has its schema published, and a stored document of it reads back.
    @Test func everyPublishedVersionReadsBack() throws {
        for version in RatingRecord.readableSchemaVersions {
            #expect(FileManager.default.fileExists(atPath: ProjectFolders.docs("schemas/rating-\(version).json").path), "rating-\(version).json")
        }
        let first = try Self.fixture("rating-1.0.json")
        #expect(try Self.schema("1.0").violations(ofJSON: String(decoding: first, as: UTF8.self)) == [])
        let later = try Self.fixture("rating-1.0-with-frameworks.json")
        // The shape that kept the 1.0 label after fields were added: why 1.1 exists.
        #expect(try !Self.schema("1.0").violations(ofJSON: String(decoding: later, as: UTF8.self)).isEmpty)
        for data in [first, later] {
            let record = try RatingRecord.read(json: data)
            #expect(record.schemaVersion == "1.0")
            #expect(record.rating.methodology.name == "TM-1.0")
            #expect(record.card == nil && record.licenseCatalogVersion == nil)
            #expect(record.rating.label == "C" && record.rating.score == 64.5)
            #expect(TerminalReport.render(record, style: TerminalStyle(colors: false)).contains("Grade  C"))
            // Read back, it is written in the current shape, which validates.
            #expect(try Self.schema(RatingRecord.schemaVersion).violations(ofJSON: try record.json()) == [])
        }
        #expect(try RatingRecord.read(json: later).rating.frameworks.count == 5)
        #expect(try RatingRecord.read(json: first).rating.frameworks.isEmpty)
        // 1.1, as 0.2.0 wrote it (no `commercialUse`): it validates against its own schema, and read back it answers
        // the commercial-use question from its findings, as a 1.2 record of the same rating does.
        let previous = try Self.fixture("rating-1.1.json")
        #expect(try Self.schema("1.1").violations(ofJSON: String(decoding: previous, as: UTF8.self)) == [])
        #expect(try !Self.schema("1.2").violations(ofJSON: String(decoding: previous, as: UTF8.self)).isEmpty)
        let read = try RatingRecord.read(json: previous)
        #expect(read.schemaVersion == "1.1")
        #expect(read.rating.commercialUse.answer == .capped)
        #expect(TerminalReport.render(read, style: TerminalStyle(colors: false)).contains("Commercial use  capped"))
        #expect(try Self.schema(RatingRecord.schemaVersion).violations(ofJSON: try read.json()) == [])
    }

    @Test func refusesWhatIsNotARating() throws {
        let cases: [(String, String)] = [
            ("[]", "not a Trustmark rating"),
            ("{\"schemaVersion\": \"1.0\"}", "missing tool"),
            ("not json", "not JSON"),
        ]
        for (text, reason) in cases {
            #expect(throws: RecordError.self) { try RatingRecord.read(json: Data(text.utf8)) }
            do { _ = try RatingRecord.read(json: Data(text.utf8)) } catch { #expect(error.description.contains(reason), "\(error)") }
        }
        var future = try rated("open-tiny-lm").json()
        future = future.replacingOccurrences(of: "\"schemaVersion\" : \"\(RatingRecord.schemaVersion)\"", with: "\"schemaVersion\" : \"2.0\"")
        do {
            _ = try RatingRecord.read(json: Data(future.utf8))
            Issue.record("a record of an unknown schema version was read")
        } catch {
            #expect(error.description.contains("2.0"))
        }
        let bad = try rated("open-tiny-lm").json().replacingOccurrences(of: "\"outcome\" : \"PASS\"", with: "\"outcome\" : \"FINE\"")
        do {
            _ = try RatingRecord.read(json: Data(bad.utf8))
            Issue.record("an unknown outcome was read")
        } catch {
            #expect(error.description.contains("FINE"))
        }
    }
}

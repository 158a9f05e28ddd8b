import Foundation
import Testing

@testable import Licenses

/// The hand-written reader of `catalog.json` gives what Foundation's JSON parser sees, field by field.
@Suite("Catalog file reader")
struct CatalogFileReaderTests {
    static var catalogFile: URL { LicenseCatalog.resourceDirectory.appendingPathComponent("catalog.json") }

    @Test func everyEntryHoldsWhatTheFileSays() throws {
        let data = try Data(contentsOf: CatalogFileReaderTests.catalogFile)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let licenses = try #require(root["licenses"] as? [[String: Any]])
        let read = try CatalogFileReader.read(Array(data))
        #expect(read.version == root["version"] as? String)
        #expect(read.entries.count == licenses.count)
        for (entry, raw) in zip(read.entries, licenses) {
            #expect(entry.id == raw["id"] as? String)
            #expect(entry.name == raw["name"] as? String, "\(entry.id)")
            #expect(entry.family == raw["family"] as? String, "\(entry.id)")
            #expect(entry.spdx == raw["spdx"] as? String, "\(entry.id)")
            #expect(entry.licenseRef == raw["licenseRef"] as? String, "\(entry.id)")
            #expect(entry.hubTags == raw["hubTags"] as? [String], "\(entry.id)")
            #expect(entry.licenseNames == raw["licenseNames"] as? [String], "\(entry.id)")
            #expect(entry.versionDate == raw["versionDate"] as? String, "\(entry.id)")
            #expect(entry.grade.rawValue == raw["grade"] as? String, "\(entry.id)")
            #expect(entry.osiApproved == raw["osiApproved"] as? Bool, "\(entry.id)")
            #expect(entry.osaidTermsOK == raw["osaidTermsOK"] as? Bool, "\(entry.id)")
            #expect(entry.confidence == raw["confidence"] as? String, "\(entry.id)")
            let texts = raw["texts"] as? [[String: Any]] ?? []
            #expect(entry.texts.map(\.key) == texts.compactMap { $0["key"] as? String }, "\(entry.id)")
            #expect(entry.texts.map(\.sha256) == texts.compactMap { $0["sha256"] as? String }, "\(entry.id)")
            #expect(entry.texts.map(\.tokens) == texts.compactMap { ($0["tokens"] as? NSNumber)?.intValue }, "\(entry.id)")
            let terms = raw["terms"] as? [String: Any] ?? [:]
            #expect(entry.terms.commercialUse == terms["commercial_use"] as? String, "\(entry.id)")
            #expect(entry.terms.governingLaw == terms["governing_law"] as? String, "\(entry.id)")
            #expect(entry.terms.outputsForTraining == terms["outputs_for_training"] as? String, "\(entry.id)")
            #expect(entry.terms.fieldOfUseRestrictions == terms["field_of_use_restrictions"] as? [String], "\(entry.id)")
            #expect(entry.terms.territoryRestrictions == terms["territory_restrictions"] as? [String], "\(entry.id)")
            let thresholds = terms["thresholds"] as? [[String: Any]]
            #expect(entry.terms.thresholds?.map(\.metric) == thresholds?.compactMap { $0["metric"] as? String }, "\(entry.id)")
            #expect(
                entry.terms.thresholds?.map(\.value) == thresholds?.map { ($0["value"] as? NSNumber)?.doubleValue }, "\(entry.id)")
        }
    }

    @Test func aFieldOfTheWrongTypeIsAnErrorThatNamesIt() {
        let bad = #"{"version": "x", "licenses": [{"id": "a", "name": 3, "family": "f", "grade": "A"}]}"#
        #expect {
            try CatalogFileReader.read(Array(bad.utf8))
        } throws: { error in
            String(describing: error).contains("a: name")
        }
        let unknownGrade = #"{"version": "x", "licenses": [{"id": "a", "name": "n", "family": "f", "grade": "Z"}]}"#
        #expect(throws: CatalogFileReader.Failure.self) { try CatalogFileReader.read(Array(unknownGrade.utf8)) }
    }
}

import Foundation
import RatingPipeline
import Testing
import TrustmarkCore
import TrustmarkTestSupport

/// Every real repository of the development set (`../shared/real-repos`, third-party files kept there, never copied
/// here) rated as a user would rate the folder: the record validates against the published schema, a folder without
/// weights earns at most C, and no framework verdict reads "not in these files" as closed. The agreement with the
/// expert panel is measured by `../shared/tools/osai-agreement` (docs/validation.md); this test holds the promises
/// that do not need the panel.
@Suite("Real repositories (development set)")
struct RealRepositoryTests {
    static let root = SharedData.url("real-repos")
    static let folders = SharedData.realRepositories

    @Test(.enabled(if: SharedData.has("real-repos"), "needs ../shared/real-repos"), arguments: folders)
    func ratesAsTheMethodologyPromises(folder: String) throws {
        let path = Self.root.appendingPathComponent(folder).path
        let record = try RatingPipeline().rate(.target(path))
        let rating = record.rating
        let violations = try JSONSchema(file: ProjectFolders.docs("schemas/rating-1.2.json")).violations(ofJSON: try record.json())
        #expect(violations.isEmpty, "\(folder): \(violations.prefix(3))")
        // No weights in these folders: the partial-evidence gate holds the grade at C or below, and Artifact safety is
        // not rated unless a file that could run code is there.
        #expect(rating.evidence?.weights == false)
        #expect(rating.grade.map { $0 >= .c } == true, "\(folder): \(rating.label)")
        let osai = try #require(rating.frameworks.first { $0.id == "osai-index" })
        #expect(osai.values["weights_endmodel"] == "not judged", "\(folder)")
        let config = FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(folder).appendingPathComponent("config.json").path)
        if !config { #expect(osai.values["hardware_architecture"] == "not judged", "\(folder)") }
        // A shard index naming files this folder lacks is a partial download, never a contradiction.
        #expect(rating.outcome(.weightIntegrity) != .contradicted, "\(folder)")
        // Evidence snippets stay within the schema's 200 code points (checked by the schema too).
        #expect(rating.findings.allSatisfy { $0.evidence.allSatisfy { ($0.snippet?.unicodeScalars.count ?? 0) <= 200 } })
    }

    @Test(.enabled(if: SharedData.has("real-repos"), "needs ../shared/real-repos"))
    func theDevelopmentSetIsThere() {
        #expect(Self.folders.count >= 30)
    }
}

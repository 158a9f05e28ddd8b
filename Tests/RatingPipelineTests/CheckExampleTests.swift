import Foundation
import RatingPipeline
import Testing
import TrustmarkCore
import TrustmarkTestSupport

/// Every check of the current methodology carries a passing and a failing example, and each example gets the outcome
/// its check's definition says, when it is written to a folder and rated the way a user's folder is.
@Suite("Check examples")
struct CheckExampleTests {
    static let checks = Methodology.current.checks.map(\.id.rawValue)

    /// The example's files: a copy of the bundled example with the changes applied.
    static func materialise(_ example: CheckExample) throws -> TemporaryFolder {
        let folder = try TemporaryFolder(prefix: "trustmark-example")
        let base = ProjectFolders.example(example.base)
        for name in try FileManager.default.contentsOfDirectory(atPath: base.path) {
            try FileManager.default.copyItem(at: base.appendingPathComponent(name), to: folder.url.appendingPathComponent(name))
        }
        for change in example.changes {
            switch change {
            case .remove(let path):
                try FileManager.default.removeItem(at: folder.url.appendingPathComponent(path))
            case .write(let path, let text):
                try folder.write(path, text)
            case .writeBytes(let path, let bytes):
                try folder.write(path, bytes)
            case .replace(let path, let old, let new):
                let url = folder.url.appendingPathComponent(path)
                let text = try String(contentsOf: url, encoding: .utf8)
                let range = try #require(text.range(of: old), "\(example.name): \(path) does not contain \(old)")
                try folder.write(path, text.replacingCharacters(in: range, with: new))
            }
        }
        return folder
    }

    @Test(arguments: checks)
    func examplesGetTheirOutcomes(check: String) throws {
        let definition = try #require(Methodology.current.checks.first { $0.id.rawValue == check })
        #expect(definition.examples.contains { $0.outcome == .pass }, "\(check) has no passing example")
        #expect(definition.examples.contains { $0.outcome != .pass && $0.outcome != .notApplicable }, "\(check) has no failing example")
        for example in definition.examples {
            #expect(definition.outcomes.contains(example.outcome), "\(check): \(example.outcome) is not among its declared outcomes")
            let folder = try Self.materialise(example)
            let record = try withExtendedLifetime(folder) { try RatingPipeline().rate(.target(folder.url.path)) }
            let result = try #require(record.rating.checks.first { $0.id == definition.id })
            let messages = record.rating.findings.filter { $0.check == definition.id }.map(\.message).joined(separator: " | ")
            #expect(result.outcome == example.outcome, "\(check) on \"\(example.name)\": \(result.outcome), expected \(example.outcome); \(messages)")
        }
    }

    /// The examples really differ: the failing one changes the outcome of its own check.
    @Test func everyCheckHasExamples() {
        #expect(Methodology.current.checks.allSatisfy { $0.examples.count >= 2 })
        #expect(Set(Self.checks).count == Self.checks.count)
    }
}

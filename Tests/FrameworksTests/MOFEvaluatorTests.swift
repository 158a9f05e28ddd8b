import Foundation
import Testing
import TrustmarkTestSupport

@testable import Frameworks

/// The Model Openness Tool's own expected results (../shared/eval/mof_algorithm_test_vectors.csv, from
/// lfai/model_openness_tool `Test_Data/expected_results.json`, MIT) reproduced through the evaluator.
@Suite("MOF evaluator")
struct MOFEvaluatorTests {
    struct Vector {
        var name: String
        var model: MOFModel
        var expectedClass: Int
        var expectedProgress: [Int: Double]
    }

    static func vectors() -> [Vector]? {
        var folder = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { folder.deleteLastPathComponent() }
        guard let text = try? String(contentsOf: folder.appendingPathComponent("shared/eval/mof_algorithm_test_vectors.csv"), encoding: .utf8) else {
            return nil
        }
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var licenses: [String: String] = [:]
            for (index, key) in ["distribution", "code", "data", "document"].enumerated() where !fields[1 + index].isEmpty {
                licenses[key] = fields[1 + index]
            }
            let components = fields[5].split(separator: ";").map { entry -> MOFModel.Component in
                let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return MOFModel.Component(MOFComponent(name: parts[0])!, license: parts.count > 1 ? parts[1] : nil)
            }
            var model = MOFModel(name: fields[0], producer: "test", licenses: licenses, components: components)
            model.version = "1"
            return Vector(
                name: fields[0], model: model, expectedClass: Int(fields[6])!,
                expectedProgress: [3: Double(fields[7])!, 2: Double(fields[8])!, 1: Double(fields[9])!])
        }
    }

    @Test(.enabled(if: SharedData.has("eval/mof_algorithm_test_vectors.csv"), "needs ../shared/eval/mof_algorithm_test_vectors.csv"))
    func reproducesAllTwentySevenExpectedResults() throws {
        guard let vectors = Self.vectors() else {
            Issue.record("../shared/eval/mof_algorithm_test_vectors.csv is not readable")
            return
        }
        #expect(vectors.count == 27)
        for vector in vectors {
            let result = MOFEvaluator.evaluate(vector.model)
            #expect(result.mofClass == vector.expectedClass, "\(vector.name)")
            for mofClass in 1...3 {
                #expect(
                    abs((result.progress[mofClass] ?? -1) - vector.expectedProgress[mofClass]!) < 0.001,
                    "\(vector.name) class \(mofClass): \(result.progress[mofClass] ?? -1) vs \(vector.expectedProgress[mofClass]!)")
            }
        }
    }

    @Test func resolvesLicencesAsTheToolDoes() {
        var model = MOFModel(
            name: "m", producer: "p", licenses: ["distribution": "Apache-2.0", "data": "CC-BY-NC-4.0"],
            components: [
                MOFModel.Component(.modelArchitecture), MOFModel.Component(.finalParameters),
                MOFModel.Component(.modelCard, license: ""),
            ])
        let result = MOFEvaluator.evaluate(model)
        #expect(result.statuses[.modelArchitecture]?.status == .included)  // distribution licence
        #expect(result.statuses[.finalParameters]?.status == .invalid)  // the data licence wins, and NC is not open
        #expect(result.statuses[.modelCard]?.status == .unlicensed)  // explicitly unlicensed: no fallback
        #expect(result.statuses[.dataCard]?.status == .missing)
        model.components[1].license = "MIT"
        #expect(MOFEvaluator.evaluate(model).typeWarnings == [.finalParameters])
    }
}

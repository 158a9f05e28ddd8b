import Foundation
import Testing
import TrustmarkTestSupport

/// The Model Openness Tool's 27 expected results (../shared/eval/mof_algorithm_test_vectors.csv), each written as
/// a model file in the tool's YAML layout and run through `trustmark mof`, as a user would.
@Suite("trustmark mof", .serialized)
struct MOFCommandLineTests {
    static func yaml(_ fields: [String]) -> String {
        var lines = [
            "framework: {name: 'Model Openness Framework', version: '1.0', date: '2024-12-15'}", "release:",
            "  name: '\(fields[0])'", "  producer: 'Test Data'", "  license:",
        ]
        for (index, key) in ["distribution", "code", "data", "document"].enumerated() where !fields[1 + index].isEmpty {
            lines.append("    \(key): {name: '\(fields[1 + index])', path: ''}")
        }
        if lines.last == "  license:" { lines[lines.count - 1] = "  license: {}" }
        lines.append("  components:")
        for entry in fields[5].split(separator: ";") {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            lines.append("    - {name: '\(parts[0])'" + (parts.count > 1 ? ", license: '\(parts[1])'" : "") + "}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(.enabled(if: SharedData.has("eval/mof_algorithm_test_vectors.csv"), "needs ../shared/eval/mof_algorithm_test_vectors.csv"))
    func reproducesTheToolsExpectedResults() throws {
        let csv = CLI.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/eval/mof_algorithm_test_vectors.csv")
        guard let text = try? String(contentsOf: csv, encoding: .utf8) else {
            Issue.record("../shared/eval/mof_algorithm_test_vectors.csv is not readable")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-mof-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var checked = 0
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let file = folder.appendingPathComponent("\(checked).yml")
            try Self.yaml(fields).write(to: file, atomically: true, encoding: .utf8)
            let result = try CLI.run(["mof", file.path, "--format", "json"])
            #expect(result.status == 0, "\(fields[0]): \(result.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let progress = try #require(json["progress"] as? [String: Double])
            #expect(json["class"] as? Int == Int(fields[6]), "\(fields[0])")
            for (key, column) in [("classIII", 7), ("classII", 8), ("classI", 9)] {
                #expect(abs((progress[key] ?? -1) - Double(fields[column])!) < 0.001, "\(fields[0]) \(key)")
            }
            checked += 1
        }
        #expect(checked == 27)
    }

    @Test func aRatedRepositoryWritesAModelFileThatReadsBackToItsClass() throws {
        let written = try CLI.run(["rate", "Examples/open-tiny-lm", "--format", "mof"])
        #expect(written.status == 0, "\(written.stderr)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-mof-\(UUID().uuidString).yml")
        try written.stdout.write(to: file, atomically: true, encoding: .utf8)
        let read = try CLI.run(["mof", file.path])
        #expect(read.status == 0)
        #expect(read.stdout.hasPrefix("open-tiny-lm: Class III (Open Model)"))
        let bad = try CLI.run(["mof", CLI.repositoryRoot.appendingPathComponent("README.md").path])
        #expect(bad.status == 2)
    }
}

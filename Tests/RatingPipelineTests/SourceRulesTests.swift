import Foundation
import Testing
import TrustmarkCore
import TrustmarkTestSupport

/// Lints over the source tree: identifiers that must come from one definition, never be spelled out elsewhere.
@Suite("Source rules")
struct SourceRulesTests {
    /// Every Swift file under `folder` (Sources or Tests), with its path relative to the package root.
    static func sources(_ folder: String = "Sources") throws -> [(path: String, text: String)] {
        let root = ProjectFolders.root.appendingPathComponent(folder)
        var files: [(String, String)] = []
        let walker = try #require(FileManager.default.enumerator(atPath: root.path))
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            files.append((folder + "/" + relative, try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    static func matches(_ pattern: String, in text: String) throws -> [String] {
        let expression = try NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        }
    }

    /// A check id appears as a string only in its check's own definition (Sources/TrustmarkCore/Checks/<id>-*/…Check.swift).
    @Test func checkIDsAreSpelledOnlyInTheirDefinitions() throws {
        let literal = #""(L[0-9]+|D[0-9]+|A[0-9]+|P[0-9]+|S[0-9]+)(\.[a-z-]*)?"|"D2\.\\\("#
        var offenders: [String] = []
        for (path, text) in try Self.sources() {
            let found = try Self.matches(literal, in: text)
            guard !found.isEmpty else { continue }
            let isDefinition = path.hasPrefix("Sources/TrustmarkCore/Checks/") && path.hasSuffix("Check.swift")
            let allowed =
                isDefinition
                && found.allSatisfy { id in
                    let folder = path.split(separator: "/")[3]
                    return folder.hasPrefix(id.dropFirst().prefix { $0 != "." && $0 != "\"" })
                }
            if !allowed { offenders.append("\(path): \(found.joined(separator: ", "))") }
        }
        // Tests too, outside comments; the engine's own tests score a made-up methodology whose ids are not checks.
        for (path, text) in try Self.sources("Tests") where !path.hasSuffix("RatingEngineTests.swift") {
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            let found = try Self.matches(literal, in: code)
            if !found.isEmpty { offenders.append("\(path): \(found.joined(separator: ", "))") }
        }
        #expect(offenders == [], "check ids spelled outside their definitions: use the CheckID constants")
        // The lint is not vacuous: the definitions themselves are found.
        let definitions = try Self.sources().filter { $0.path.hasPrefix("Sources/TrustmarkCore/Checks/") && $0.path.hasSuffix("Check.swift") }
        #expect(try definitions.reduce(0) { $0 + (try Self.matches(literal, in: $1.text)).count } >= Methodology.current.checks.count - 7)
    }

    /// Every rule id a scanner emits has a summary in `SafetyRules.table`, and every rule there is emitted somewhere.
    @Test func everyScanRuleHasASummary() throws {
        let pattern = #""(COV|(PKL|PT|CTR|ST|GGUF|ONNX|KERAS|H5|TF|TPL|PY)-[A-Z0-9-]+)""#
        var emitted = Set<String>()
        // The scanners, and the Python rules `rate` (A3) and `scan` share.
        let scanners = ["Sources/ModelFormats/", "Sources/ModelRepository/", "Sources/TrustmarkCore/Snapshot/RemoteCodeRules.swift"]
        for (path, text) in try Self.sources() where scanners.contains(where: { path.hasPrefix($0) }) {
            emitted.formUnion(try Self.matches(pattern, in: text).map { String($0.dropFirst().dropLast()) })
        }
        let table = Set(SafetyRules.table.map(\.id))
        #expect(emitted.subtracting(table).sorted() == [], "rules without a summary")
        #expect(table.subtracting(emitted).sorted() == [], "summaries of rules nothing emits")
        #expect(table.count == SafetyRules.table.count, "a rule listed twice")
        #expect(emitted.count >= 30)
    }
}

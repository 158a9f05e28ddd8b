import Foundation
import TrustmarkCore

/// Output of `trustmark license`.
public enum LicenseReport {
    public static func text(_ results: [LicenseFileAnalysis]) -> String {
        var out: [String] = []
        for result in results {
            out.append(result.path)
            switch result.verdict {
            case .exact:
                out.append("  exact: \(result.name ?? "?") [\(result.expressionID ?? result.catalogID ?? "?")]")
            case .variant where result.byTitle || result.statedOn != nil:
                out.append("  \(result.name ?? "?") (family \(result.family ?? "?")): \(result.problem!)")
            case .variant:
                out.append(
                    "  variant of \(result.name ?? "?") (family \(result.family ?? "?"); similarity \(result.similarity), contains \(Int(result.containment * 100))% of it)"
                )
            case .unknown:
                // A nearest text below 0.3 similarity is noise ("nearest zlib at similarity 0.055"), not a lead.
                let nearest = result.similarity >= 0.3 ? result.nearestID.map { "; nearest \($0) at similarity \(result.similarity)" } ?? "" : ""
                out.append("  unknown\(result.problem.map { ": \($0)" } ?? "")\(nearest)")
            }
            if let grade = result.grade { out.append("  grade \(grade.rawValue): \(grade.meaning)") }
            for passage in result.added.prefix(10) {
                out.append("  + line \(passage.lineStart)\(passage.lineEnd != passage.lineStart ? "-\(passage.lineEnd)" : ""): \(passage.text)")
            }
            for passage in result.removed.prefix(10) { out.append("  − catalog line \(passage.lineStart): \(passage.text)") }
            if result.diffTruncated { out.append("  (too many differences to list)") }
            for term in result.terms {
                out.append("  • \(term.kind.rawValue)\(term.value.map { ": \($0)" } ?? "")\(term.metric.map { " (\($0))" } ?? "")  line \(term.line)")
            }
            if let appended = result.appendedFrom {
                out.append("  appended from line \(appended): other licences (of components), not this licence's terms:")
                for term in result.appendedTerms {
                    out.append(
                        "    • \(term.kind.rawValue)\(term.value.map { ": \($0)" } ?? "")\(term.metric.map { " (\($0))" } ?? "")  line \(term.line)")
                }
            }
            out.append("")
        }
        // Passages and names come from the files: no control character reaches the terminal, none starts a line.
        return out.map { TerminalText.finalLine($0, allowingColor: false) }.joined(separator: "\n")
    }

    struct Document: Encodable {
        struct Result: Encodable {
            var path: String
            var role: String
            var verdict: String
            var license: String?
            var name: String?
            var family: String?
            var expressionID: String?
            var grade: String?
            var similarity: Double
            var containment: Double
            var nearest: String?
            var added: [DiffPassage]
            var removed: [DiffPassage]
            var diffTruncated: Bool
            var terms: [LicenseTerm]
            var problem: String?
            var appendedFrom: Int?
            var appendedTerms: [LicenseTerm]
        }

        var catalogVersion: String
        var results: [Result]
    }

    public static func json(_ results: [LicenseFileAnalysis], catalogVersion: String) throws -> String {
        let document = Document(
            catalogVersion: catalogVersion,
            results: results.map {
                Document.Result(
                    path: $0.path, role: $0.role.rawValue, verdict: $0.verdict.rawValue, license: $0.catalogID, name: $0.name, family: $0.family,
                    expressionID: $0.expressionID, grade: $0.grade?.rawValue, similarity: $0.similarity, containment: $0.containment,
                    nearest: $0.nearestID, added: $0.added, removed: $0.removed, diffTruncated: $0.diffTruncated, terms: $0.terms,
                    problem: $0.problem,
                    appendedFrom: $0.appendedFrom, appendedTerms: $0.appendedTerms
                )
            })
        return try JSONText.encode(document)
    }
}

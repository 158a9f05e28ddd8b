import Foundation
import Testing
import TrustmarkCore

@testable import Licenses

/// Every text shipped in the catalog must identify as itself, exactly, also after formatting changes.
@Suite("Catalog texts identify exactly")
struct CatalogIdentityTests {
    static let catalog = LicenseCatalog.shipped
    static let matcher = LicenseMatcher()
    static var references: [String] { catalog.references.map(\.reference.key) }

    static func text(_ key: String) throws -> String {
        let reference = try #require(catalog.references.first { $0.reference.key == key })
        let url = LicenseCatalog.resourceDirectory.appendingPathComponent("texts").appendingPathComponent(reference.reference.file)
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func hashesAgreeWithTheCatalogBuilder() {
        for reference in CatalogIdentityTests.catalog.references {
            #expect(reference.normalized.sha256 == reference.reference.sha256, "\(reference.reference.key)")
            #expect(reference.normalized.count == reference.reference.tokens, "\(reference.reference.key)")
        }
    }

    @Test(arguments: references)
    func identifiesItsOwnTextAndReformattedCopies(key: String) throws {
        let original = try CatalogIdentityTests.text(key)
        let entry = try #require(CatalogIdentityTests.catalog.references.first { $0.reference.key == key }).entry
        let forms: [(String, String)] = [
            ("verbatim", original),
            ("CRLF", original.replacingOccurrences(of: "\n", with: "\r\n")),
            ("reflowed", Reformat.reflow(original, width: 50)),
            ("markdown", Reformat.markdown(original)),
            (
                "new copyright line",
                "Copyright (c) 2031 Someone Else, Inc.\n\n"
                    + original.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !NormalizedLicense.isCopyrightLine(Array($0.utf8), from: 0) }.joined(separator: "\n")
            ),
        ]
        for (form, text) in forms {
            let result = CatalogIdentityTests.matcher.identify(TextDocument(path: "LICENSE", text: text))
            #expect(result.verdict == .exact, "\(key) \(form): \(result.verdict) nearest \(result.nearestID ?? "-") \(result.similarity)")
            #expect(result.catalogID == entry.id, "\(key) \(form)")
        }
    }
}

/// Formatting changes that must not change a license's identity.
enum Reformat {
    static func reflow(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: \.isWhitespace) {
            if current.count + word.count + 1 > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// Headings, bold and list markers, as a README-style copy would have.
    static func markdown(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if index == 0 || (trimmed.count < 60 && trimmed == trimmed.uppercased() && trimmed.contains(where: \.isLetter)) { return "## " + trimmed }
            if trimmed.hasPrefix("(") { return "- " + trimmed }
            return trimmed.isEmpty ? "" : "> " + trimmed.replacingOccurrences(of: "“", with: "**\"").replacingOccurrences(of: "”", with: "\"**")
        }.joined(separator: "\n")
    }
}

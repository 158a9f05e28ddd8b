import Foundation
import Testing
import TrustmarkCore

@testable import Licenses

/// Verbatim licence texts as publishers ship them are exact, not variants (issue 13: MIT files with a title and a
/// year-less "Copyright (c) Microsoft Corporation." line, and Apache files with https:// URLs, were variants — and
/// a variant made L2 CONTRADICTED). A clause added on a copyright line still makes a variant.
@Suite("Verbatim copies")
struct VerbatimCopyTests {
    func identify(_ text: String) -> LicenseFileAnalysis { VariantTests.matcher.identify(TextDocument(path: "LICENSE", text: text)) }

    @Test(arguments: [
        "MIT License\n\nCopyright (c) Example Corporation.\n\n",
        "MIT License\n\nCopyright (c) Example Labs, Inc. and affiliates.\n\n",
        "    MIT License\n\n    Copyright (c) Example Corporation.\n\n",
        "Copyright © Example Corporation\n\n",
        "MIT License\n\nCopyright (c) 2024 Example Corporation\n\n",
    ])
    func anMITTextWithATitleAndAnyCopyrightLineIsExact(header: String) throws {
        let result = identify(header + (try CatalogIdentityTests.text("mit")))
        #expect(result.verdict == .exact, "\(result.added.map(\.text))")
        #expect(result.catalogID == "mit" && result.grade == .a)
    }

    @Test func anApacheTextWithHTTPSURLsIsExact() throws {
        let text = try CatalogIdentityTests.text("apache-2.0").replacingOccurrences(of: "http://www.apache.org", with: "https://www.apache.org")
        #expect(text.contains("https://www.apache.org/licenses/"))
        let result = identify(text)
        #expect(result.verdict == .exact, "\(result.added.map(\.text)) \(result.removed.map(\.text))")
        #expect(result.catalogID == "apache-2.0")
    }

    @Test func aClauseOnACopyrightLineOrAnotherWordIsStillAVariant() throws {
        let mit = try CatalogIdentityTests.text("mit")
        let clause = identify("MIT License\n\nCopyright (c) Example Corporation. You may not use it for commercial purposes.\n\n" + mit)
        #expect(clause.verdict == .variant)
        #expect(clause.terms.contains { $0.kind == .nonCommercial })
        let changed = identify(mit.replacingOccurrences(of: "free of charge", with: "for a fee"))
        #expect(changed.verdict == .variant)
        let apache = try CatalogIdentityTests.text("apache-2.0").replacingOccurrences(of: "http://www.apache.org", with: "ftp://www.apache.org")
        #expect(identify(apache).verdict == .variant)
    }
}

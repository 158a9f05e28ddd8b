import Foundation
import Testing
import TrustmarkCore

@testable import Licenses

/// Variants built from the catalog texts: each must be reported as a variant of the right family,
/// with the terms of the variant itself and a diff that shows the change — never as an exact match.
@Suite("License variants")
struct VariantTests {
    static let matcher = LicenseMatcher()

    func identify(_ text: String) -> LicenseFileAnalysis { VariantTests.matcher.identify(TextDocument(path: "LICENSE", text: text)) }

    @Test func qwenWithTheUserCapEditedTo10Million() throws {
        let text = try CatalogIdentityTests.text("qwen-2024").replacingOccurrences(
            of: "more than 100 million monthly", with: "more than 10 million monthly")
        let result = identify(text)
        #expect(result.verdict == .variant)
        #expect(result.family == "qwen" && result.catalogID == "qwen")
        #expect(result.terms.contains { $0.kind == .threshold && $0.metric == "MAU" && $0.value == "10000000" })
        #expect(!result.terms.contains { $0.kind == .threshold && $0.value == "100000000" })
        #expect(result.added.map(\.text) == ["10"])
        #expect(result.removed.map(\.text) == ["100"])
        #expect(result.added.first?.lineStart == 29)
    }

    @Test func qwenWithANonCommercialClauseInserted() throws {
        let original = try CatalogIdentityTests.text("qwen-2024")
        let text = original.replacingOccurrences(
            of: "If you are commercially using the Materials,",
            with: "You may not use the Materials for commercial purposes. If you are commercially using the Materials,")
        let result = identify(text)
        #expect(result.verdict == .variant)
        #expect(result.family == "qwen")
        #expect(result.terms.contains { $0.kind == .nonCommercial && $0.line == 29 })
        #expect(result.grade == .g)
        #expect(result.added.first?.text == "you may not use the materials for commercial purposes")
        #expect(identify(original).terms.allSatisfy { $0.kind != .nonCommercial })
    }

    /// Open-Sora's LICENSE is Apache-2.0 followed by "This project is … subject to the following licenses:" and the
    /// licences of the projects it uses (a Tencent Hunyuan community licence among them): the file is Apache-2.0, and
    /// the appended clauses are listed apart, not as its terms (our own text in that shape).
    @Test func apacheWithThirdPartyLicencesAppended() throws {
        let appended = """

            =========================================================================
            This project is inspired by the listed projects and is subject to the following licenses:

            14. [SomeVideo](https://example.org/somevideo)

            SOMEVIDEO COMMUNITY LICENSE AGREEMENT
            THIS LICENSE AGREEMENT DOES NOT APPLY IN THE EUROPEAN UNION, UNITED KINGDOM AND SOUTH KOREA.
            If you have more than 100 million monthly active users in the preceding month, you must request a license.
            You must not use the Works or any Output to improve any other AI model.
            You shall not use the Works for military purposes.
            """
        let result = identify(try CatalogIdentityTests.text("apache-2.0") + appended)
        #expect(result.verdict == .exact)
        #expect(result.catalogID == "apache-2.0" && result.grade == .a)
        #expect(result.terms.isEmpty)
        let start = try #require(result.appendedFrom)
        #expect(result.appendedTerms.contains { $0.kind == .territoryExclusion && $0.line > start })
        #expect(result.appendedTerms.contains { $0.kind == .threshold && $0.value == "100000000" })
    }

    @Test func apacheWithAUsagePolicyAppended() throws {
        let policy = """

            USAGE POLICY
            You may not use the model to develop weapons, for military purposes, or to generate content that violates
            applicable law. See https://example.org/usage-policy for the full acceptable use policy, which is incorporated
            by reference into this license.
            """
        let result = identify(try CatalogIdentityTests.text("apache-2.0") + policy)
        #expect(result.verdict == .variant)
        #expect(result.catalogID == "apache-2.0")
        #expect(result.removed.isEmpty)
        #expect(result.added.count == 1)
        #expect(result.added.first?.text.hasPrefix("usage policy you may not use the model") == true)
        #expect(result.terms.contains { $0.kind == .fieldOfUseBan && $0.value == "military" })
        #expect(result.terms.contains { $0.kind == .acceptableUsePolicy && $0.value == "https://example.org/usage-policy" })
        #expect(result.grade.map { $0 >= .d } == true)
    }

    @Test func llamaTitlesSwappedBetweenVersions() throws {
        let text = try CatalogIdentityTests.text("llama-3.2-license-2024")
            .replacingOccurrences(of: "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT", with: "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT")
        let result = identify(text)
        #expect(result.verdict == .variant)
        #expect(result.family == "llama")
        #expect(result.catalogID == "llama3.2")
        #expect(result.added.first?.text == "1")
        #expect(result.added.first?.lineStart == 2)
        #expect(result.terms.contains { $0.kind == .threshold && $0.value == "700000000" })
        #expect(result.terms.contains { $0.kind == .attribution && $0.value == "Built with Llama" })
    }

    @Test func mitWithARiderAdded() throws {
        let rider = """

            Additional term: if the Software is used in products or services with more than 50 million monthly active users,
            you shall prominently display "Powered by Example" in the product's user interface.
            """
        let result = identify("MIT License\n\nCopyright (c) 2025 Example Corp\n\n" + (try CatalogIdentityTests.text("mit")) + rider)
        #expect(result.verdict == .variant)
        #expect(result.family == "mit")
        #expect(result.terms.contains { $0.kind == .threshold && $0.value == "50000000" })
        #expect(result.terms.contains { $0.kind == .attribution && $0.value == "Powered by Example" })
        #expect(result.grade.map { $0 >= .c } == true)
        #expect(result.added.count == 1)
    }

    @Test func kimiModifiedMITIsNotPlainMIT() throws {
        let result = identify(try CatalogIdentityTests.text("moonshot-ai-modified-mit-2025"))
        #expect(result.verdict == .exact)
        #expect(result.catalogID == "modified-mit-kimi-k2")
        #expect(result.terms.contains { $0.kind == .threshold && $0.metric == "MAU" && $0.value == "100000000" })
        #expect(result.terms.contains { $0.kind == .threshold && $0.metric == "monthly_revenue_usd" && $0.value == "20000000" })
        #expect(result.terms.contains { $0.kind == .attribution && $0.value == "Kimi K2" })
    }

    @Test func unrelatedTextIsUnknown() {
        let result = identify(String(repeating: "The quick brown fox jumps over the lazy dog near the river bank. ", count: 40))
        #expect(result.verdict == .unknown)
        #expect(result.catalogID == nil)
    }

    /// One inserted word in a line of license text (not a copyright notice, which is ignored by design)
    /// must never leave a text "exact", for every catalog text.
    @Test func noVariantIsEverExact() throws {
        for reference in LicenseCatalog.shipped.references {
            var lines = try CatalogIdentityTests.text(reference.reference.key).split(separator: "\n", omittingEmptySubsequences: false).map(
                String.init)
            let candidates = lines.indices.filter {
                lines[$0].split(separator: " ").count >= 4 && !NormalizedLicense.isCopyrightLine(Array(lines[$0].utf8), from: 0)
            }
            guard let line = candidates.dropFirst(candidates.count / 2).first else { continue }
            var words = lines[line].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            words.insert("notwithstanding", at: words.count / 2)
            lines[line] = words.joined(separator: " ")
            let result = identify(lines.joined(separator: "\n"))
            #expect(result.verdict != .exact, "\(reference.reference.key)")
            #expect(result.verdict == .unknown || result.added.contains { $0.text.contains("notwithstanding") }, "\(reference.reference.key)")
        }
    }

    @Test func hugeAndBinaryInputsAreUnknownQuickly() {
        let hugeDocument = TextDocument(path: "LICENSE", text: String(repeating: "x", count: 50 * 1024 * 1024))
        let junkDocument = TextDocument(
            path: "LICENSE", text: String(decoding: (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }, as: UTF8.self))
        let clock = ContinuousClock()
        let started = clock.now
        let huge = VariantTests.matcher.identify(hugeDocument)
        #expect(huge.verdict == .unknown && huge.problem != nil)
        let junk = VariantTests.matcher.identify(junkDocument)
        #expect(junk.verdict == .unknown)
        // A bound against hangs in a debug build; release speed is measured by scripts/bench-licenses.py.
        #expect(clock.now - started < .seconds(10))
    }
}

import Testing
import TrustmarkCore

@testable import Licenses

/// A commercial-use cap by revenue, written as a defined term (the LFM Open License's "Threshold": annual revenue of
/// $10M or more), is a cap — grade E — not a non-commercial licence (issue 13: lfm2-1.2b was graded G). Our own text,
/// in the shape of that licence.
@Suite("Commercial thresholds")
struct CommercialThresholdTests {
    static let text = """
        "Commercial Use" shall mean any use of the Work for direct or indirect commercial advantage or monetary compensation.

        "Non-Commercial or Research Purposes" shall mean purposes that do not involve any use of the Work for Commercial Use.

        "Threshold" shall mean annual revenue of 10 million United States dollars ($10,000,000) or more.

        5. Commercial Use Limitation.

        (a) The rights granted under this License for Commercial Use are conditioned upon You not exceeding the Threshold.

        (b) Any Commercial Use of the Work by a Legal Entity that exceeds the Threshold is not licensed under this Agreement.

        (c) The Threshold shall not apply to a Qualified Non-Profit Organization's use of the Work for Non-Commercial or Research Purposes.
        """

    static func terms(_ text: String) -> [LicenseTerm] { TermExtractor.terms(in: TextDocument(path: "LICENSE", text: text)) }

    /// A digit run too long to be an amount (FuzzLicense found it trapping on conversion to Int64) is no cap; a real
    /// one beside it still is.
    @Test func anAmountTooLargeForAnyCapIsNotOne() {
        let digits = String(repeating: "4", count: 70)
        let text = """
            If the product or service has more than \(digits) million monthly active users, you shall request a license.
            If your annual revenue exceeds $\(digits), you need another licence. An annual revenue above $5,000,000 USD needs one too.
            """
        let terms = TermExtractor.terms(in: TextDocument(path: "LICENSE", text: text))
        #expect(!terms.contains { ($0.value ?? "").utf8.count > 18 })
        #expect(terms.contains { $0.kind == .threshold && $0.value == "5000000" }, "\(terms)")
    }

    @Test func aRevenueThresholdDefinedAsATermIsACap() {
        let terms = Self.terms(Self.text)
        #expect(terms.contains { $0.kind == .threshold && $0.value == "10000000" && $0.metric == "annual_revenue_usd" && $0.line == 5 }, "\(terms)")
    }

    @Test func definedTermsAndCappedCommercialUseAreNotNonCommercialClauses() {
        let terms = Self.terms(Self.text)
        #expect(!terms.contains { $0.kind == .nonCommercial }, "\(terms)")
        #expect(VariantGrade.grade(base: .a, terms: terms) == .e)
    }

    /// A copy of a catalog licence keeps the catalog's grade for the clauses the catalog text has too: MiniMax-M2's
    /// copy of Kimi K2's modified MIT (display duty above 100M users or $20M a month) is C like Kimi's, not a cap (E).
    @Test func aVariantIsNotGradedDownForClausesItsCatalogTextHasToo() throws {
        let catalog = LicenseCatalog.shipped
        let matcher = LicenseMatcher(catalog: catalog)
        let kimi = try #require(catalog.references.first { $0.entry.id == "modified-mit-kimi-k2" })
        let copy =
            kimi.text.replacingOccurrences(of: "Kimi K2", with: "Other M2").replacingOccurrences(of: "Moonshot AI", with: "Other AI")
            + "\nThis notice is added by Other AI.\n"
        let result = matcher.identify(TextDocument(path: "LICENSE", text: copy))
        #expect(result.verdict == .variant && result.catalogID == "modified-mit-kimi-k2")
        #expect(result.grade == .c)
    }

    @Test func domiciledInNamesThePlaceNotThePhrase() {
        let eu = Self.terms(
            "The rights are not granted to you if you are an individual domiciled in, or a company with a principal place of business in, the European Union.\n"
        )
        #expect(eu.filter { $0.kind == .territoryExclusion }.map(\.value) == ["european union"])
        let other = Self.terms("The rights are not granted to an individual domiciled in the Republic of Examplia.\n")
        #expect(other.filter { $0.kind == .territoryExclusion }.map(\.value) == ["the republic of examplia"])
    }

    @Test func aPlainNonCommercialClauseStillIs() {
        let terms = Self.terms("You may use the Model for non-commercial purposes only.\n\nYou may not use the Model for commercial purposes.\n")
        #expect(terms.contains { $0.kind == .nonCommercial })
    }
}

import Testing
import TrustmarkCore

@testable import Licenses

/// The governing-law clause names the whole place (issue 13: "the Hong Kong Special Administrative Region of the." was
/// cut after eight words).
@Suite("Governing law")
struct GoverningLawTests {
    static func place(_ text: String) -> String? {
        TermExtractor.terms(in: TextDocument(path: "LICENSE", text: text)).first { $0.kind == .governingLaw }?.value
    }

    @Test func theWholePlaceIsNamed() {
        let clause =
            "This Agreement shall be governed by and construed in accordance with the laws of the Hong Kong Special Administrative Region of the People's Republic of China, without regard to conflict of law principles."
        #expect(Self.place(clause) == "the Hong Kong Special Administrative Region of the People's Republic of China")
        #expect(
            Self.place("This License is governed by the laws of the State of California, without regard to its conflict of laws.")
                == "the State of California")
        #expect(Self.place("Governed by the laws of England and Wales.") == "England")
    }
}

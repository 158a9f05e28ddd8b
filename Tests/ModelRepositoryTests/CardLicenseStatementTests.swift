import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelRepository

/// A licence stated in the card's text when the metadata declares none (issue 13, yi-coder's shape: "The code and
/// weights … are distributed under the Apache 2.0 license" was rated "no licence", grade I).
@Suite("Licences stated in the card's text")
struct CardLicenseStatementTests {
    static func rating(_ body: String) throws -> Rating { try TemporaryRepository(["README.md": "# m\n\n## License\n\n" + body + "\n"]).rating() }

    @Test func aSentenceAboutTheModelIsAClaimedDeclaration() throws {
        let rating = try Self.rating("The code and weights of the Example-Coder models are distributed under the Apache 2.0 license.")
        #expect(rating.outcome(.licenseDeclared) == .claimed)
        #expect(rating.findings(.licenseDeclared).first?.evidence.first?.lineStart == 5)
        #expect(rating.outcome(.licenseGrade) == .claimed && rating.findings(.licenseGrade).first?.values["grade"] == "A")
        #expect(rating.gates.first { $0.gate == .noLicense }?.triggered == false)
        #expect(try Self.rating("本模型权重遵循 MIT 许可证。").outcome(.licenseDeclared) == .claimed)
    }

    @Test(arguments: [
        "The training dataset is released under CC-BY-4.0.",  // a dataset's licence, not the model's
        "This model is not licensed under the MIT license.",  // negated
        "We thank the community. Please submit issues on GitHub.",  // no statement ("submit" is not MIT)
    ])
    func otherSentencesAreNot(body: String) throws {
        #expect(try Self.rating(body).outcome(.licenseDeclared) == .absent)
    }
}

/// A code licence (`LICENSE-CODE`) does not cover the weights (issue 13: sd3.5's MIT code licence was graded A as the
/// model's licence); `MODEL_LICENSE` and `LICENSE_weights` are the model's.
@Suite("Licence roles")
struct LicenceRoleTests {
    @Test(arguments: [
        ("LICENSE-CODE", LicenseFileAnalysis.Role.code), ("CODE_LICENSE.md", .code), ("LICENSE_code.txt", .code), ("LICENSE", .license),
        ("MODEL_LICENSE", .license), ("LICENSE_weights", .license), ("LICENSE-MODEL.md", .license), ("USE_POLICY.md", .policy),
        ("NOTICE", .notice), ("LICENSE.barcode", .license),
    ])
    func roleFromTheName(name: String, role: LicenseFileAnalysis.Role) {
        #expect(LicenseFileAnalysis.Role(path: name) == role)
    }

    @Test func aCodeLicenceAloneIsNotTheModelsLicence() throws {
        let mit = "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software.\n"
        let rating = try TemporaryRepository(["README.md": "# m\n", "LICENSE-CODE": mit]).rating()
        #expect(rating.outcome(.licenseDeclared) == .absent)
        #expect(rating.findings(.licenseDeclared).first?.message.contains("Only the code's licence") == true)
        #expect(rating.facts.licenseGrade == nil)
        let both = try TemporaryRepository(["README.md": "---\nlicense: cc-by-nc-4.0\n---\n# m\n", "LICENSE-CODE": mit]).rating()
        #expect(both.outcome(.licenseDeclared) == .pass)
    }
}

/// L2: License declaration matches the license text.
extension CheckID {
    public static let licenseConsistency: CheckID = "L2"
}

extension CheckDefinition {
    static func licenseConsistency(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .licenseConsistency, .license, .high, "License declaration matches the license text",
            rationale: "A tag that says one license over a file that holds another misleads every tool that reads the tag.",
            reads: "card `license` against the licence texts identified in LICENSE* files",
            outcomes: [.pass, .claimed, .contradicted, .notApplicable],
            examples: CheckExample.licenseConsistency,
            probe: LicenseConsistencyProbe())
    }
}

extension CheckExample {
    static let licenseConsistency: [CheckExample] = [
        CheckExample("the card and LICENSE both say Apache-2.0", base: "open-tiny-lm", outcome: .pass),
        CheckExample(
            "the card says MIT over an Apache LICENSE", base: "open-tiny-lm", [.replace("README.md", "license: apache-2.0", with: "license: mit")],
            outcome: .contradicted),
    ]
}

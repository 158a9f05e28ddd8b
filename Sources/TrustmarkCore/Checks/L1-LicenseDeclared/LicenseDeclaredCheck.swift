/// L1: License declared.
extension CheckID {
    public static let licenseDeclared: CheckID = "L1"
}

extension CheckDefinition {
    static func licenseDeclared(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .licenseDeclared, .license, .critical, "License declared",
            rationale: "Nobody can adopt a model whose terms are unknown.",
            reads: "card front matter `license`, `license_name`, `license_link`; LICENSE* files",
            outcomes: [.pass, .claimed, .absent],
            examples: CheckExample.licenseDeclared,
            probe: LicenseDeclaredProbe())
    }
}

extension CheckExample {
    static let licenseDeclared: [CheckExample] = [
        CheckExample("an Apache-2.0 card and LICENSE", base: "open-tiny-lm", outcome: .pass),
        CheckExample(
            "no licence anywhere", base: "open-tiny-lm", [.remove("LICENSE"), .replace("README.md", "license: apache-2.0\n", with: "")],
            outcome: .absent),
    ]
}

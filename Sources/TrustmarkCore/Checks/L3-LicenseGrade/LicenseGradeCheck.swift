/// L3: License openness grade.
extension CheckID {
    public static let licenseGrade: CheckID = "L3"
}

extension CheckDefinition {
    static func licenseGrade(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .licenseGrade, .license, .high, "License openness grade",
            rationale: "How freely the model may be used, changed and shared, from A (permissive) to I (none).",
            reads: "the licence texts identified against the catalog, else the card's declaration",
            outcomes: [.pass, .claimed, .absent, .unknown],
            examples: CheckExample.licenseGrade,
            probe: LicenseGradeProbe(rules: rules))
    }
}

extension CheckExample {
    static let licenseGrade: [CheckExample] = [
        CheckExample("the Apache-2.0 text: grade A", base: "open-tiny-lm", outcome: .pass),
        CheckExample("a declaration without a text: half credit", base: "open-tiny-lm", [.remove("LICENSE")], outcome: .claimed),
        CheckExample(
            "no licence at all: grade I", base: "open-tiny-lm", [.remove("LICENSE"), .replace("README.md", "license: apache-2.0\n", with: "")],
            outcome: .absent),
    ]
}

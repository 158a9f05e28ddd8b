/// L4: License restrictions.
extension CheckID {
    public static let licenseRestrictions: CheckID = "L4"
}

extension CheckDefinition {
    static func licenseRestrictions(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .licenseRestrictions, .license, .medium, "License restrictions",
            rationale: "Caps, bans, naming duties and policies that can change are what adopters must comply with.",
            reads: "clauses of LICENSE*, USE_POLICY* and similar texts, with their lines; the catalog's terms for a declaration alone",
            outcomes: [.pass, .claimed, .notApplicable],
            examples: CheckExample.licenseRestrictions,
            probe: LicenseRestrictionsProbe(rules: rules))
    }
}

extension CheckExample {
    static let licenseRestrictions: [CheckExample] = [
        CheckExample("no restrictive clause in the Apache text", base: "open-tiny-lm", outcome: .pass),
        CheckExample(
            "Llama 3.1 terms from the catalog, no text to read them from", base: "community-chat", [.remove("LICENSE"), .remove("USE_POLICY.md")],
            outcome: .claimed),
    ]
}

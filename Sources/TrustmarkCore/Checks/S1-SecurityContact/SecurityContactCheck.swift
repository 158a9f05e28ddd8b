/// S1: Security contact.
extension CheckID {
    public static let securityContact: CheckID = "S1"
}

extension CheckDefinition {
    static func securityContact(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .securityContact, .stewardship, .medium, "Security contact",
            rationale: "Vulnerabilities and harmful behaviour need somewhere to be reported.",
            reads: "SECURITY* files, security and contact lines in the card",
            outcomes: [.pass, .claimed, .absent],
            examples: CheckExample.securityContact,
            probe: SecurityContactProbe())
    }
}

extension CheckExample {
    static let securityContact: [CheckExample] = [
        CheckExample("a SECURITY.md", base: "open-tiny-lm", outcome: .pass),
        CheckExample("no way to report anything", base: "contradicting-card", outcome: .absent),
    ]
}

/// D1: Model card parses.
extension CheckID {
    public static let cardParses: CheckID = "D1"
}

extension CheckDefinition {
    static func cardParses(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .cardParses, .documentation, .high, "Model card parses",
            rationale: "Tools read the card's metadata; broken YAML hides every declaration in it.",
            reads: "README.md and its YAML front matter",
            outcomes: [.pass, .claimed, .absent],
            examples: CheckExample.cardParses,
            probe: CardParsesProbe())
    }
}

extension CheckExample {
    static let cardParses: [CheckExample] = [
        CheckExample("valid front matter", base: "open-tiny-lm", outcome: .pass),
        CheckExample("no README.md", base: "open-tiny-lm", [.remove("README.md")], outcome: .absent),
    ]
}

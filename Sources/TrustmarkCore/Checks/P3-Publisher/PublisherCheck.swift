/// P3: Publisher identified.
extension CheckID {
    public static let publisher: CheckID = "P3"
}

extension CheckDefinition {
    static func publisher(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .publisher, .provenance, .low, "Publisher identified",
            rationale: "Someone must be accountable for the model.",
            reads: "the card's developer, author and citation lines",
            outcomes: [.pass, .absent],
            examples: CheckExample.publisher,
            probe: PublisherProbe())
    }
}

extension CheckExample {
    static let publisher: [CheckExample] = [
        CheckExample("\"Developed by\" names the team", base: "open-tiny-lm", outcome: .pass),
        CheckExample("\"Developed by: [More Information Needed]\"", base: "community-chat", outcome: .absent),
    ]
}

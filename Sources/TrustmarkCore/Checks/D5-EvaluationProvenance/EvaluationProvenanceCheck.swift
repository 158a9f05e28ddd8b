/// D5: Evaluation provenance.
extension CheckID {
    public static let evaluationProvenance: CheckID = "D5"
}

extension CheckDefinition {
    static func evaluationProvenance(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .evaluationProvenance, .documentation, .medium, "Evaluation provenance",
            rationale: "Results with a source can be reproduced; tables typed into a card are self-reported.",
            reads: "card `model-index` results and their `source`, result tables in the card",
            outcomes: [.pass, .claimed, .absent],
            examples: CheckExample.evaluationProvenance,
            probe: EvaluationProvenanceProbe())
    }
}

extension CheckExample {
    static let evaluationProvenance: [CheckExample] = [
        CheckExample("model-index results with a source", base: "open-tiny-lm", outcome: .pass),
        CheckExample("a results table typed into the card", base: "community-chat", outcome: .claimed),
        CheckExample("no evaluation results", base: "open-tiny-lm", [.write("README.md", CheckExample.stubCard)], outcome: .absent),
    ]
}

/// D3.architecture: Architecture matches config and weights.
extension CheckID {
    public static let architecture: CheckID = "D3.architecture"
}

extension CheckDefinition {
    static func architecture(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .architecture, .documentation, .high, "Architecture matches config and weights",
            rationale: "The architecture the card names must be the one config.json and the weights implement.",
            reads: "the card's architecture words, config.json `architectures`/`model_type`/layer count, tensor names in weight headers",
            outcomes: [.pass, .claimed, .absent, .contradicted, .unknown, .notApplicable],
            examples: CheckExample.architecture,
            probe: ArchitectureProbe(rules: rules))
    }
}

extension CheckExample {
    static let architecture: [CheckExample] = [
        CheckExample("Llama in the card, the config and the weights", base: "open-tiny-lm", outcome: .pass),
        CheckExample("Mistral in the card over a Llama config", base: "contradicting-card", outcome: .contradicted),
    ]
}

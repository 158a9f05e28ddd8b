/// D3.parameters: Parameter count matches the weights.
extension CheckID {
    public static let parameterCount: CheckID = "D3.parameters"
}

extension CheckDefinition {
    static func parameterCount(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .parameterCount, .documentation, .high, "Parameter count matches the weights",
            rationale: "A size stated in the card or the name must agree with the tensor headers.",
            reads: "sizes claimed in the card text and the model name; tensor shapes in weight headers",
            outcomes: [.pass, .claimed, .absent, .contradicted, .unknown, .notApplicable],
            examples: CheckExample.parameterCount,
            probe: ParameterCountProbe(rules: rules))
    }
}

extension CheckExample {
    static let parameterCount: [CheckExample] = [
        CheckExample("164.7K claimed, 164.7K in the headers", base: "open-tiny-lm", outcome: .pass),
        CheckExample("7 billion claimed, 164.7K in the headers", base: "contradicting-card", outcome: .contradicted),
    ]
}

/// D4: Training data disclosed.
extension CheckID {
    public static let trainingData: CheckID = "D4"
}

extension CheckDefinition {
    static func trainingData(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .trainingData, .documentation, .high, "Training data disclosed",
            rationale: "Data is the largest unknown in a model; named, resolvable datasets let others check it.",
            reads: "card `datasets`, dataset links, the training-data section, open/proprietary statements",
            outcomes: [.pass, .claimed, .absent, .contradicted],
            examples: CheckExample.trainingData,
            probe: TrainingDataProbe(rules: rules))
    }
}

extension CheckExample {
    static let trainingData: [CheckExample] = [
        CheckExample("datasets named in the metadata", base: "open-tiny-lm", outcome: .pass),
        CheckExample("\"open data\" next to \"proprietary\"", base: "contradicting-card", outcome: .contradicted),
    ]
}

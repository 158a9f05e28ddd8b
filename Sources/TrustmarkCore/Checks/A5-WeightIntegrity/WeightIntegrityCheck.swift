/// A5: Weight files are intact.
extension CheckID {
    public static let weightIntegrity: CheckID = "A5"
}

extension CheckDefinition {
    static func weightIntegrity(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .weightIntegrity, .artifactSafety, .medium, "Weight files are intact",
            rationale: "Headers must follow the format rules and shard indexes must match the shards.",
            reads: "weight headers; shard index files against the shards listed",
            outcomes: [.pass, .claimed, .contradicted, .unknown, .notApplicable],
            examples: CheckExample.weightIntegrity,
            probe: WeightIntegrityProbe(rules: rules))
    }
}

extension CheckExample {
    static let weightIntegrity: [CheckExample] = [
        CheckExample("valid headers; the index matches its shards", base: "open-tiny-lm", outcome: .pass),
        CheckExample(
            "a header that is not JSON", base: "open-tiny-lm",
            [.writeBytes("model-00002-of-00002.safetensors", [8, 0, 0, 0, 0, 0, 0, 0] + Array("not json".utf8))], outcome: .contradicted),
    ]
}

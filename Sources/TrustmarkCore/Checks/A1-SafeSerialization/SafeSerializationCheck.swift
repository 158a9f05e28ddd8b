/// A1: Safe serialization.
extension CheckID {
    public static let safeSerialization: CheckID = "A1"
}

extension CheckDefinition {
    static func safeSerialization(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .safeSerialization, .artifactSafety, .high, "Safe serialization",
            rationale: "Pickle-based weights (.bin, .pt, .ckpt) can run code when loaded; safetensors and GGUF cannot.",
            reads: "weight files, by content",
            outcomes: [.pass, .absent, .notApplicable],
            examples: CheckExample.safeSerialization,
            probe: SafeSerializationProbe())
    }
}

extension CheckExample {
    static let safeSerialization: [CheckExample] = [
        CheckExample("safetensors shards", base: "open-tiny-lm", outcome: .pass),
        CheckExample(
            "only a pickled checkpoint", base: "open-tiny-lm",
            [
                .remove("model-00001-of-00002.safetensors"), .remove("model-00002-of-00002.safetensors"), .remove("model.safetensors.index.json"),
                .writeBytes("pytorch_model.bin", CheckExample.benignPickle),
            ], outcome: .absent),
    ]
}

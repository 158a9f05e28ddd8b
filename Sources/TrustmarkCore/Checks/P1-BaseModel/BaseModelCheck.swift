/// P1: Base model declared.
extension CheckID {
    public static let baseModel: CheckID = "P1"
}

extension CheckDefinition {
    static func baseModel(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .baseModel, .provenance, .high, "Base model declared",
            rationale: "A derivative inherits its base model's license, data and risks; the base must be named.",
            reads: "card `base_model`, adapter configs, derivation phrases and tags",
            outcomes: [.pass, .claimed, .absent, .notApplicable],
            examples: CheckExample.baseModel,
            probe: BaseModelProbe())
    }
}

extension CheckExample {
    static let baseModel: [CheckExample] = [
        CheckExample("base_model in the metadata", base: "community-chat", outcome: .pass),
        CheckExample(
            "\"fine-tuned from\" in prose, no base_model", base: "community-chat",
            [.replace("README.md", "base_model: meta-llama/Llama-3.1-8B-Instruct\n", with: "")], outcome: .claimed),
    ]
}

/// L5: License compatible with the base model.
extension CheckID {
    public static let baseLicense: CheckID = "L5"
}

extension CheckDefinition {
    static func baseLicense(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .baseLicense, .license, .high, "License compatible with the base model",
            rationale: "A derivative cannot shed the obligations of its base model's license.",
            reads: "card `base_model`, the base model's licence family, this model's licence",
            outcomes: [.pass, .contradicted, .notApplicable],
            examples: CheckExample.baseLicense,
            probe: BaseLicenseProbe())
    }
}

extension CheckExample {
    static let baseLicense: [CheckExample] = [
        CheckExample("a Llama 3.1 fine-tune under the Llama 3.1 licence", base: "community-chat", outcome: .pass),
        CheckExample(
            "a Llama 3.1 fine-tune relabelled MIT", base: "community-chat",
            [.remove("LICENSE"), .remove("USE_POLICY.md"), .replace("README.md", "license: llama3.1", with: "license: mit")], outcome: .contradicted),
    ]
}

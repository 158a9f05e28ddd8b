/// A9: Chat templates are inert.
extension CheckID {
    public static let chatTemplate: CheckID = "A9"
}

extension CheckDefinition {
    static func chatTemplate(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .chatTemplate, .artifactSafety, .medium, "Chat templates are inert",
            rationale: "Jinja templates rendered without a sandbox can reach Python (CVE-2024-34359); hidden URLs can steer a model.",
            reads: "`chat_template` in configs, chat_template.* files, GGUF metadata",
            outcomes: [.pass, .claimed, .unsafe, .notApplicable],
            examples: CheckExample.chatTemplate,
            probe: ChatTemplateProbe())
    }
}

extension CheckExample {
    static let chatTemplate: [CheckExample] = [
        CheckExample("a template that only formats messages", base: "community-chat", outcome: .pass),
        CheckExample(
            "a template that reaches Python's object graph", base: "open-tiny-lm",
            [.write("tokenizer_config.json", #"{"chat_template": "{{ ''.__class__.__mro__[1].__subclasses__() }}"}"#)], outcome: .unsafe),
    ]
}

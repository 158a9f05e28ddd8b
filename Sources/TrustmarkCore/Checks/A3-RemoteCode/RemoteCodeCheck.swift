/// A3: No repository code runs on load.
extension CheckID {
    public static let remoteCode: CheckID = "A3"
}

extension CheckDefinition {
    static func remoteCode(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .remoteCode, .artifactSafety, .medium, "No repository code runs on load",
            rationale: "auto_map and *.py files run with trust_remote_code; dangerous calls in them are a direct risk.",
            reads: "`auto_map` in config.json and other configs; *.py files",
            outcomes: [.pass, .absent, .unknown, .unsafe],
            examples: CheckExample.remoteCode,
            probe: RemoteCodeProbe())
    }
}

extension CheckExample {
    static let remoteCode: [CheckExample] = [
        CheckExample("no auto_map and no Python files", base: "open-tiny-lm", outcome: .pass),
        CheckExample("auto_map to repository code", base: "community-chat", outcome: .absent),
    ]
}

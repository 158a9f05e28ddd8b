/// A2: No model file runs code on load.
extension CheckID {
    public static let artifactCode: CheckID = "A2"
}

extension CheckDefinition {
    static func artifactCode(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .artifactCode, .artifactSafety, .critical, "No model file runs code on load",
            rationale: "Pickles import and call Python when loaded; archives and H5 files can hide them. Files are read statically, by content.",
            reads: "static scans of every file that could carry code (pickles, archives, H5, unknown binaries); listing gaps",
            outcomes: [.pass, .unsafe, .unknown, .notApplicable],
            examples: CheckExample.artifactCode,
            probe: ArtifactCodeProbe(rules: rules))
    }
}

extension CheckExample {
    static let artifactCode: [CheckExample] = [
        CheckExample("a pickle of plain data", base: "open-tiny-lm", [.writeBytes("pytorch_model.bin", CheckExample.benignPickle)], outcome: .pass),
        CheckExample(
            "a pickle that calls os.system", base: "open-tiny-lm", [.writeBytes("pytorch_model.bin", CheckExample.maliciousPickle)],
            outcome: .unsafe),
        CheckExample("no file that could carry code", base: "open-tiny-lm", outcome: .notApplicable),
    ]
}

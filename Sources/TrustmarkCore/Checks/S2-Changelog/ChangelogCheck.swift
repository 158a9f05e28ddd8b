/// S2: Changelog and versioning.
extension CheckID {
    public static let changelog: CheckID = "S2"
}

extension CheckDefinition {
    static func changelog(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .changelog, .stewardship, .low, "Changelog and versioning",
            rationale: "Users need to know what changed between revisions.",
            reads: "CHANGELOG* files, dated news or changelog sections in the card",
            outcomes: [.pass, .absent],
            examples: CheckExample.changelog,
            probe: ChangelogProbe())
    }
}

extension CheckExample {
    static let changelog: [CheckExample] = [
        CheckExample("a CHANGELOG.md", base: "open-tiny-lm", outcome: .pass),
        CheckExample(
            "no changelog file or section", base: "open-tiny-lm", [.remove("CHANGELOG.md"), .write("README.md", CheckExample.stubCard)],
            outcome: .absent),
    ]
}

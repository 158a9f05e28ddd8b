/// D7: Technical report linked.
extension CheckID {
    public static let technicalReport: CheckID = "D7"
}

extension CheckDefinition {
    static func technicalReport(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .technicalReport, .documentation, .medium, "Technical report linked",
            rationale: "A paper or report is where methods are described in enough detail to scrutinise.",
            reads:
                "paper links the card presents as the model's report (in a citation entry, its header, or called its paper or report); links to others' work do not count",
            outcomes: [.pass, .absent],
            examples: CheckExample.technicalReport,
            probe: TechnicalReportProbe())
    }
}

extension CheckExample {
    static let technicalReport: [CheckExample] = [
        CheckExample("an arXiv paper linked", base: "open-tiny-lm", outcome: .pass),
        CheckExample("no paper or report", base: "community-chat", outcome: .absent),
        CheckExample(
            "only a BibTeX citation of the report", base: "open-tiny-lm",
            [.replace("README.md", "- **Paper:** https://arxiv.org/abs/2403.13784", with: "- **Paper:** see the citation below")], outcome: .pass),
        CheckExample(
            "only a method paper of others, linked for a number", base: "community-chat",
            [
                .replace(
                    "README.md", "## Uses",
                    with: "## Uses\n\nThe methodology used to estimate emissions can be found [here](https://arxiv.org/pdf/2204.05149).\n")
            ], outcome: .absent),
    ]
}

/// D7: Technical report linked.
extension CheckID {
    public static let technicalReport: CheckID = "D7"
}

extension CheckDefinition {
    static func technicalReport(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .technicalReport, .documentation, .medium, "Technical report linked",
            rationale: "A paper or report is where methods are described in enough detail to scrutinise.",
            reads: "links in the card (arXiv, DOI, Hub papers)",
            outcomes: [.pass, .absent],
            examples: CheckExample.technicalReport,
            probe: TechnicalReportProbe())
    }
}

extension CheckExample {
    static let technicalReport: [CheckExample] = [
        CheckExample("an arXiv paper linked", base: "open-tiny-lm", outcome: .pass),
        CheckExample("no paper or report", base: "community-chat", outcome: .absent),
    ]
}

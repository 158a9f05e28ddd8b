/// D2.<section>: one check per card section the methodology asks for.
extension CheckID {
    /// `D2.uses`, `D2.limitations`, ...
    public static func section(_ kind: SectionKind) -> CheckID { CheckID(sectionPrefix + kind.rawValue) }

    static let sectionPrefix = "D2."

    /// Whether this is one of the card-section checks.
    public var isCardSection: Bool { rawValue.hasPrefix(CheckID.sectionPrefix) }
}

extension CheckDefinition {
    /// The sections TM-1 asks for, with their severities.
    static let cardSections: [(SectionKind, Severity)] = [
        (.uses, .medium), (.outOfScope, .medium), (.limitations, .medium), (.trainingData, .medium),
        (.trainingProcedure, .medium), (.evaluation, .medium), (.gettingStarted, .medium), (.contact, .low),
    ]

    static func cardSection(_ kind: SectionKind, _ severity: Severity, _ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .section(kind), .documentation, severity, "Card section: \(kind.title)",
            rationale: "A section counts when it says something specific, not when a template heading is present.",
            reads:
                "the card's headings and bold field labels classified as \(kind.title.lowercased()); the words and specific items (numbers, links, tables, code) under them",
            outcomes: [.pass, .absent],
            examples: CheckExample.cardSection(kind),
            probe: SectionSubstanceProbe(kind: kind, rules: rules))
    }
}

extension CheckExample {
    /// Each section of the open example says something specific; the stub card has every heading and nothing under them.
    static func cardSection(_ kind: SectionKind) -> [CheckExample] {
        [
            CheckExample("the open example's \(kind.title.lowercased()) section", base: "open-tiny-lm", outcome: .pass),
            CheckExample(
                "a template card with the heading and nothing under it", base: "open-tiny-lm", [.write("README.md", stubCard)], outcome: .absent),
        ]
    }

    static let stubCard = """
        ---
        license: apache-2.0
        ---
        # A model

        ## Uses

        [More Information Needed]

        ## Out-of-Scope Use

        [More Information Needed]

        ## Bias, Risks, and Limitations

        [More Information Needed]

        ## Training Data

        [More Information Needed]

        ## Training Procedure

        [More Information Needed]

        ## Evaluation

        [More Information Needed]

        ## How to Get Started with the Model

        [More Information Needed]

        ## Model Card Contact

        [More Information Needed]

        """
}

/// D6: Compute and energy disclosed.
extension CheckID {
    public static let computeDisclosure: CheckID = "D6"
}

extension CheckDefinition {
    static func computeDisclosure(_ rules: RatingRules) -> CheckDefinition {
        CheckDefinition(
            .computeDisclosure, .documentation, .low, "Compute and energy disclosed",
            rationale: "Training compute decides systemic-risk status (EU AI Act Art. 51) and environmental cost.",
            reads: "card `co2_eq_emissions`; GPU hours, FLOPs, kWh stated in the card",
            outcomes: [.pass, .absent],
            examples: CheckExample.computeDisclosure,
            probe: ComputeDisclosureProbe())
    }
}

extension CheckExample {
    static let computeDisclosure: [CheckExample] = [
        CheckExample("co2_eq_emissions in the metadata", base: "open-tiny-lm", outcome: .pass),
        CheckExample("no compute or energy figure", base: "community-chat", outcome: .absent),
    ]
}

/// D6: training compute or energy is disclosed (`co2_eq_emissions`, GPU hours, FLOPs, kWh).
struct ComputeDisclosureProbe: Probe {
    static let phrases = ["gpu hours", "gpu-hours", "gpu hour", "flop", "kwh", "mwh", "co2", "tco2", "carbon emitted", "h100 hours",
                          "a100 hours", "tpu hours", "hours of training", "petaflop", "compute budget"]

    func observe(_ snapshot: Snapshot) -> [Observation] {
        let remediation = "Disclose training compute (GPU hours or FLOPs) and energy or `co2_eq_emissions` in the card."
        guard let card = snapshot.card else { return [snapshot.noCardObservation("compute", remediation: remediation)] }
        if let co2 = card.metadata.co2Emissions {
            return [Observation(.pass, "`co2_eq_emissions` is declared in the card metadata.", evidence: [co2.evidence])]
        }
        let lines = card.lines(containingAny: ComputeDisclosureProbe.phrases).filter { line in
            line.text.contains { $0.isNumber }
        }
        if !lines.isEmpty {
            return [Observation(.pass, "Training compute or energy is stated with numbers.",
                                evidence: lines.prefix(3).map { card.evidence(line: $0.number) })]
        }
        return [Observation(.absent, "Training compute and energy are not disclosed.", remediation: remediation,
                            evidence: [.lines(card.path, 1, card.document.lines.count, snippet: "searched `co2_eq_emissions`, GPU hours, FLOPs, kWh")])]
    }
}

/// D6: training compute or energy is disclosed (`co2_eq_emissions`, GPU hours, FLOPs, kWh).
struct ComputeDisclosureProbe: Probe {
    /// Phrases that state compute with a number. "FLOPs" alone is not one of them: a FLOP count is read as a
    /// quantity ("comparable FLOPs of a 2B LLaMA" compares inference cost, it discloses no training compute).
    static let phrases = [
        "gpu hours", "gpu-hours", "gpu hour", "kwh", "mwh", "co2", "tco2", "carbon emitted", "h100 hours",
        "a100 hours", "tpu hours", "hours of training", "compute budget",
    ]

    func observe(_ snapshot: Snapshot) -> [Observation] {
        let remediation = "Disclose training compute (GPU hours or FLOPs) and energy or `co2_eq_emissions` in the card."
        guard let card = snapshot.card else { return [snapshot.noCardObservation("compute", remediation: remediation)] }
        // The numbers the EU AI Act's systemic-risk threshold needs, with the lines they come from.
        var values: [String: String] = [:]
        var quantityLines: [Int] = []
        for line in card.lines(containingAny: ["flop", "pf-day", "pfs-day"]) {
            if let flop = ComputeQuantities.flop(in: String(line.text)), flop > Double(values["flop"] ?? "0") ?? 0 {
                values["flop"] = String(flop)
                quantityLines.append(line.number)
            }
        }
        for line in card.lines(containingAny: ["token"]) {
            if let tokens = ComputeQuantities.trainingTokens(in: String(line.text)), tokens > Double(values["trainingTokens"] ?? "0") ?? 0 {
                values["trainingTokens"] = String(tokens)
                quantityLines.append(line.number)
            }
        }
        let quantityEvidence = Array(Set(quantityLines)).sorted().prefix(3).map { card.evidence(line: $0) }
        if let co2 = card.metadata.co2Emissions {
            return [
                Observation(
                    .pass, "`co2_eq_emissions` is declared in the card metadata.", evidence: [co2.evidence] + quantityEvidence, values: values)
            ]
        }
        var lines = card.lines(containingAny: ComputeDisclosureProbe.phrases).filter { line in
            line.text.contains { $0.isNumber }
        }
        lines += card.lines(containingAny: ["flop", "pf-day", "pfs-day"]).filter { quantityLines.contains($0.number) }
        // The accelerators training ran on ("384 H100", "4 to 16 Cloud TPUs"), in a training or hardware section or on
        // a line about training; a GPU count for inference ("runs on 8 GPUs") is not training compute.
        let trainingSections = card.sections.filter { !$0.kinds.isDisjoint(with: [.trainingProcedure, .environmentalImpact]) }
        lines += card.bodyLines.filter { line in
            let lower = line.text.lowercased()
            guard ComputeQuantities.acceleratorCount(in: lower) != nil, !lower.utf8Contains("inference") else { return false }
            return lower.utf8Contains("train") || trainingSections.contains { $0.lineRange.contains(line.number) }
        }
        lines.sort { $0.number < $1.number }
        if !lines.isEmpty {
            let numbers = Set(lines.prefix(3).map(\.number) + quantityLines).sorted().prefix(4)
            return [
                Observation(
                    .pass, "Training compute or energy is stated with numbers\(values["flop"].map { " (\($0) FLOP)" } ?? "").",
                    evidence: numbers.map { card.evidence(line: $0) }, values: values)
            ]
        }
        return [
            Observation(
                .absent, "Training compute and energy are not disclosed.", remediation: remediation,
                evidence: [.lines(card.path, 1, card.document.lines.count, snippet: "searched `co2_eq_emissions`, GPU hours, FLOPs, kWh")])
        ]
    }
}

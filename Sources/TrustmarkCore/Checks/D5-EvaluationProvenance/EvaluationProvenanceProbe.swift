/// D5: evaluation results have a source (`model-index` with `source.url` or a Hub `verifyToken`);
/// tables typed into the card are self-reported.
struct EvaluationProvenanceProbe: Probe {
    func observe(_ snapshot: Snapshot) -> [Observation] {
        let remediation = "Publish results in `model-index` with `source.url` (or have them verified), and link the evaluation code."
        guard let card = snapshot.card else { return [snapshot.noCardObservation("evaluation", remediation: remediation)] }
        let results = card.metadata.evaluationResults
        let sourced = results.filter { $0.sourceURL != nil || $0.verified }
        func evidence(_ result: EvaluationResult) -> Evidence { card.document.evidence(lines: result.line) }
        if !sourced.isEmpty {
            let verified = sourced.filter(\.verified).count
            return [
                Observation(
                    .pass,
                    "\(sourced.count) of \(results.count) model-index results name their source\(verified > 0 ? " (\(verified) verified by the Hub)" : "").",
                    evidence: sourced.prefix(4).map(evidence), values: ["results": String(results.count), "sourced": String(sourced.count)])
            ]
        }
        if !results.isEmpty {
            return [
                Observation(
                    .claimed, "\(results.count) model-index results without a source: self-reported.", remediation: remediation,
                    evidence: results.prefix(4).map(evidence))
            ]
        }
        let tables = card.sections(.evaluation).flatMap { card.tables(in: $0) }.filter { $0.numericCells > 0 }
        let anyNumericTable = tables.first ?? card.tables.first { $0.numericCells >= 4 }
        if let table = anyNumericTable {
            return [
                Observation(
                    .claimed, "Evaluation numbers appear in a table in the card: self-reported, with no source.",
                    remediation: remediation, evidence: [card.document.evidence(lines: table.lineStart, table.lineEnd)])
            ]
        }
        if let section = card.sections(.evaluation).first(where: { $0.specificItems > 0 }) {
            return [
                Observation(
                    .claimed, "\"\(section.title)\" reports results in prose: self-reported.", remediation: remediation,
                    evidence: [card.evidence(section: section)])
            ]
        }
        return [
            Observation(
                .absent, "No evaluation results.", remediation: remediation,
                evidence: [.lines(card.path, 1, card.document.lines.count, snippet: "searched `model-index`, evaluation sections and tables")])
        ]
    }
}

/// D7: the card links a technical report or paper (arXiv, DOI, Hub papers page).
struct TechnicalReportProbe: Probe {
    func observe(_ snapshot: Snapshot) -> [Observation] {
        let remediation = "Link the technical report or paper (arXiv id or DOI) in the card."
        guard let card = snapshot.card else { return [snapshot.noCardObservation("a technical report", remediation: remediation)] }
        let papers = card.links.filter { [.arxiv, .doi, .hubPaper].contains($0.kind) }
        if !papers.isEmpty {
            var seen = Set<String>()
            let unique = papers.filter { seen.insert($0.url).inserted }
            return [
                Observation(
                    .pass, "Paper linked: \(unique.prefix(3).map(\.url).joined(separator: ", ")) (not resolved offline).",
                    evidence: unique.prefix(4).map { card.evidence(line: $0.line) }, values: ["papers": String(unique.count)])
            ]
        }
        return [
            Observation(
                .absent, "No technical report or paper is linked.", remediation: remediation,
                evidence: [.lines(card.path, 1, card.document.lines.count, snippet: "searched arXiv, DOI and Hub paper links")])
        ]
    }
}

/// D1: the card exists and its YAML front matter is valid Hub metadata.
struct CardParsesProbe: Probe {
    func observe(_ snapshot: Snapshot) -> [Observation] {
        guard let card = snapshot.card else {
            if let readme = snapshot.files(of: .card).first, let problem = snapshot.problems.first(where: { $0.path == readme.path }) {
                return [
                    Observation(
                        .absent, "\(readme.path) cannot be read as a model card: \(problem.message).",
                        remediation: "Publish the model card as UTF-8 Markdown.", evidence: [.file(readme.path, snippet: problem.message)])
                ]
            }
            return [snapshot.noCardObservation("nothing about the model", remediation: "Add a README.md model card with Hub metadata.")]
        }
        guard let fence = card.frontMatterLines else {
            return [
                Observation(
                    .absent, "The card has no YAML metadata block, so license, datasets and base model are not machine-readable.",
                    remediation: "Start README.md with a `---` YAML block (license, datasets, base_model, ...).",
                    evidence: [card.document.evidence(lines: 1)])
            ]
        }
        if let fatal = card.metadataProblems.first, card.metadata.keys.isEmpty {
            return [
                Observation(
                    .absent, "The card metadata cannot be read: \(fatal.message).",
                    remediation: "Fix the YAML front matter so that it parses.", evidence: [card.document.evidence(lines: fatal.line)])
            ]
        }
        if !card.metadataProblems.isEmpty {
            return card.metadataProblems.map { problem in
                Observation(
                    .claimed, "Card metadata is partly unusable: \(problem.message).",
                    remediation: "Use the types the Hub metadata spec expects.", evidence: [card.document.evidence(lines: problem.line)])
            }
        }
        return [
            Observation(
                .pass, "Card metadata parses (\(card.metadata.keys.count) keys).",
                evidence: [card.document.evidence(lines: fence.lowerBound, fence.upperBound)],
                values: ["keys": card.metadata.keys.map(\.value).joined(separator: ",")])
        ]
    }
}

/// D4: training data is named in a way others can check — `datasets:` ids or dataset links. Prose
/// alone is CLAIMED; "open data" next to "proprietary data" is CONTRADICTED.
struct TrainingDataProbe: Probe {
    let rules: RatingRules

    static let openPhrases = [
        "open data", "open dataset", "open-source data", "open source data", "publicly available data",
        "publicly available dataset", "public data", "public dataset", "fully open", "openly licensed data",
    ]
    static let closedPhrases = [
        "proprietary data", "proprietary dataset", "proprietary mix", "proprietary", "internal data",
        "in-house data", "private data", "not publicly available", "undisclosed", "non-public",
    ]

    func observe(_ snapshot: Snapshot) -> [Observation] {
        let remediation = "List the training datasets in the `datasets:` metadata (Hub ids) or link them from a Training Data section."
        guard let card = snapshot.card else { return [snapshot.noCardObservation("the training data", remediation: remediation)] }
        let datasetLinks = card.links.filter { $0.kind == .hubDataset }
        let declared = card.metadata.datasets.map(\.evidence) + datasetLinks.map { card.evidence(line: $0.line) }

        let dataLines = card.lines(containingAny: ["data", "corpus", "corpora", "trained on"])
        let openClaims = dataLines.filter { line in
            let lower = line.text.lowercased()
            return TrainingDataProbe.openPhrases.contains { lower.contains($0) && !isNegated(lower, before: $0) }
        }
        let closedClaims = dataLines.filter { line in
            let lower = line.text.lowercased()
            return TrainingDataProbe.closedPhrases.contains { lower.contains($0) }
                || TrainingDataProbe.openPhrases.contains { lower.contains($0) && isNegated(lower, before: $0) }
        }
        if let open = openClaims.first, let closed = closedClaims.first(where: { $0.number != open.number }) {
            return [
                Observation(
                    .contradicted, "The card calls the training data open, and elsewhere proprietary or not public.",
                    remediation: "Say plainly which data is public (with links) and which is not.",
                    evidence: [card.evidence(line: open.number), card.evidence(line: closed.number)])
            ]
        }
        if !declared.isEmpty {
            let names = card.metadata.datasets.map(\.value) + datasetLinks.map(\.url)
            return [
                Observation(
                    .pass, "Training data named: \(names.prefix(5).joined(separator: ", "))\(names.count > 5 ? ", …" : "").",
                    evidence: declared, values: ["datasets": String(names.count)])
            ]
        }
        if let open = openClaims.first {
            return [
                Observation(
                    .claimed, "The card calls the training data open but names no dataset that can be checked.",
                    remediation: remediation, evidence: [card.evidence(line: open.number)])
            ]
        }
        if let section = card.sections(.trainingData).first(where: { $0.wordCount >= rules.sectionMinimumWords }) {
            return [
                Observation(
                    .claimed, "The training data is described in prose only (\"\(section.title)\"), with no dataset ids or links.",
                    remediation: remediation, evidence: [card.evidence(section: section)])
            ]
        }
        return [
            Observation(
                .absent, "The training data is not disclosed.", remediation: remediation,
                evidence: [.lines(card.path, 1, card.document.lines.count, snippet: "searched `datasets:`, dataset links, training-data sections")])
        ]
    }
}

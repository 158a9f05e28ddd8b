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
        let datasetLinks = Self.trainingDataLinks(card)
        let declared = card.metadata.datasets.map(\.evidence) + datasetLinks.map { card.evidence(line: $0.line) }

        let dataLines = card.lines(containingAny: ["data", "corpus", "corpora", "trained on"])
        let openClaims = dataLines.filter { line in
            let lower = line.text.lowercased()
            return TrainingDataProbe.openPhrases.contains { lower.utf8Contains($0) && !isNegated(lower, before: $0) }
        }
        let closedClaims = dataLines.filter { line in
            let lower = line.text.lowercased()
            return TrainingDataProbe.closedPhrases.contains {
                lower.utf8Contains($0) && !isNegated(lower, before: $0) && !Self.aboutModels(lower, $0)
            }
                || TrainingDataProbe.openPhrases.contains { lower.utf8Contains($0) && isNegated(lower, before: $0) }
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
            // Every name here is a Hub dataset or collection: shared. A card that also says some data is
            // proprietary or not public shares only part of it.
            let withheld = closedClaims.first
            return [
                Observation(
                    .pass,
                    "Training data named: \(names.prefix(5).joined(separator: ", "))\(names.count > 5 ? ", …" : "")\(withheld == nil ? "" : "; the card says other data is not public").",
                    evidence: declared + (withheld.map { [card.evidence(line: $0.number)] } ?? []),
                    values: ["datasets": String(names.count), "withheld": withheld == nil ? "false" : "true"])
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

    /// Links to the training data: Hub datasets, and Hub collections on a line that speaks of data. Not images or
    /// other files kept in a dataset repository (a banner under /datasets/…/resolve/), and not the benchmarks of an
    /// evaluation section or line (BBH, GSM8K and MedQA are evaluation sets, not training data).
    static func trainingDataLinks(_ card: ModelCard) -> [CardLink] {
        let evaluation = card.sections.filter { $0.kinds.contains(.evaluation) && !$0.kinds.contains(.trainingData) }
        return card.links.filter { link in
            guard link.kind == .hubDataset || link.kind == .hubCollection else { return false }
            let path = link.url.lowercased().split(separator: "?").first ?? ""
            if assetExtensions.contains(where: { path.hasSuffix($0) }) { return false }
            if evaluation.contains(where: { $0.lineRange.contains(link.line) }) { return false }
            guard link.line >= 1, link.line <= card.document.lines.count else { return false }
            let line = card.document.lines[link.line - 1].lowercased()
            if evaluationWords.contains(where: { line.utf8Contains($0) }) && !line.utf8Contains("train") { return false }
            if demoWords.contains(where: { line.utf8Contains($0) }) { return false }
            return link.kind == .hubDataset || ["data", "数据"].contains { line.utf8Contains($0) }
        }
    }

    static let assetExtensions = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".mp4", ".pdf"]
    /// "proprietary LLMs", "proprietary models": a statement about other models, not about this model's data.
    static func aboutModels(_ lower: String, _ phrase: String) -> Bool {
        guard let range = lower.utf8Range(of: phrase) else { return false }
        let next = lower[range.upperBound...].split(separator: " ").first.map { $0.trimmingCharacters(in: .punctuationCharacters) } ?? ""
        return ["llm", "llms", "model", "models", "api", "apis", "systems"].contains(next)
    }

    /// A fine-tuning tutorial's sample data is not the model's training data.
    static let demoWords = ["sample data", "example data", "an example", "for example", "demo data", "toy data", "示例数据", "样例数据"]
    static let evaluationWords = ["evaluat", "benchmark", "test set", "we tested", "评测", "测评", "评估"]
}

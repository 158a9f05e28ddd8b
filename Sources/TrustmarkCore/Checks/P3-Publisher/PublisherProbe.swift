/// P3: the card says who made the model (developers, authors, or a citation with authors).
struct PublisherProbe: Probe {
    static let phrases = [
        "developed by", "model developers", "model developer", "authors:", "author:", "created by", "trained by",
        "shared by", "maintained by", "author =", "author=", "publisher",
    ]

    func observe(_ snapshot: Snapshot) -> [Observation] {
        let remediation = "Say who developed the model (\"Developed by: ...\") and how to cite it."
        guard let card = snapshot.card else { return [snapshot.noCardObservation("who made the model", remediation: remediation)] }
        let lines = card.lines(containingAny: PublisherProbe.phrases).filter { line in
            // "Developed by:" followed by nothing is a template line.
            let afterColon = line.text.split(separator: ":", maxSplits: 1).dropFirst().first ?? line.text
            return afterColon.contains { $0.isLetter }
        }
        if let line = lines.first {
            return [Observation(.pass, "The card names the developers.", evidence: [card.evidence(line: line.number)])]
        }
        return [
            Observation(
                .absent, "The card does not say who developed the model.", remediation: remediation,
                evidence: [.lines(card.path, 1, card.document.lines.count, snippet: "searched developer, author and citation lines")])
        ]
    }
}

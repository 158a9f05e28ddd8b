/// D7: the card links this model's technical report or paper (arXiv, DOI, Hub papers page, a PDF it calls the paper).
///
/// Cards cite many papers — benchmarks, methods, the scaffolds an evaluation used, a carbon-accounting method — and
/// only one of them is the model's own report. A link counts when the card presents it as the model's: in a citation
/// entry (the BibTeX the card asks readers to cite), in the card's header (the banner of links above its first
/// section), or on a line that calls it a paper, report or preprint. A line that cites someone else's work ("et
/// al.") never counts.
struct TechnicalReportProbe: Probe {
    /// Words that present a link as a paper (searched in the line without its URLs, whole words).
    static let reportWords = ["paper", "papers", "report", "preprint", "arxiv", "论文", "技术报告", "报告"]

    func observe(_ snapshot: Snapshot) -> [Observation] {
        let remediation = "Link the model's technical report or paper (arXiv id or DOI) in the card, as its paper or in a citation."
        guard let card = snapshot.card else { return [snapshot.noCardObservation("a technical report", remediation: remediation)] }
        let candidates = card.links.filter { link in
            [.arxiv, .doi, .hubPaper].contains(link.kind) || link.url.lowercased().hasSuffix(".pdf")
        }
        let headerEnd = Self.headerEnd(card)
        let reports = candidates.filter { Self.presentedAsReport($0, in: card, headerEnd: headerEnd) }
        if !reports.isEmpty {
            var seen = Set<String>()
            let unique = reports.filter { seen.insert($0.url).inserted }
            let preprints = unique.filter { $0.kind == .arxiv || $0.kind == .hubPaper }
            return [
                Observation(
                    .pass, "Paper linked: \(unique.prefix(3).map(\.url).joined(separator: ", ")) (not resolved offline).",
                    evidence: unique.prefix(4).map { card.evidence(line: $0.line) },
                    values: ["papers": String(unique.count), "preprints": String(preprints.count)])
            ]
        }
        let others = Set(candidates.map(\.url)).count
        return [
            Observation(
                .absent,
                others == 0
                    ? "No technical report or paper is linked."
                    : "No technical report of this model is linked; the card cites \(others) other paper\(others == 1 ? "" : "s") (methods, benchmarks, related work).",
                remediation: remediation,
                evidence: [
                    .lines(
                        card.path, 1, card.document.lines.count,
                        snippet: "searched arXiv, DOI, Hub paper and PDF links presented as the model's report")
                ])
        ]
    }

    /// The first line of the card's first section (a single top-level heading is the card's title, not a section):
    /// what comes before it is the header, where publishers put their own links.
    static func headerEnd(_ card: ModelCard) -> Int {
        let topLevel = card.sections.filter { $0.level == 1 }
        let title = topLevel.count == 1 ? topLevel.first?.line : nil
        return card.sections.first { $0.line != title }?.line ?? card.document.lines.count + 1
    }

    static func presentedAsReport(_ link: CardLink, in card: ModelCard, headerEnd: Int) -> Bool {
        if link.inCitation { return true }
        guard link.line >= 1, link.line <= card.document.lines.count else { return false }
        let line = card.document.lines[link.line - 1].lowercased()
        if line.utf8Contains("et al") { return false }
        if link.line < headerEnd { return true }
        let words = Self.words(withoutURLs: line)
        return reportWords.contains { word in
            word.unicodeScalars.contains(where: \.properties.isIdeographic) ? line.utf8Range(of: word) != nil : words.contains(word[...])
        }
    }

    /// The line's words, its URLs taken out (an arXiv URL says "arxiv" without calling the link a paper).
    static func words(withoutURLs line: String) -> Set<Substring> {
        Set(line.blankingURLs().split(whereSeparator: { !($0.isLetter || $0.isNumber) }))
    }
}

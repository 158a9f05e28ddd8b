/// D2.*: one card section has specific content — not missing, not template text, not a stub.
struct SectionSubstanceProbe: Probe {
    let kind: SectionKind
    /// The methodology's thresholds for a substantive section.
    let rules: RatingRules

    func observe(_ snapshot: Snapshot) -> [Observation] {
        let remediation = "Write the \"\(kind.title)\" section with specifics (names, numbers, links)."
        guard let card = snapshot.card else {
            return [snapshot.noCardObservation("the \(kind.title.lowercased()) section", remediation: remediation)]
        }
        let sections = card.sections(kind)
        if let best = sections.max(by: { score($0) < score($1) }), isSubstantive(best) {
            return [
                Observation(
                    .pass, "\"\(best.title)\" has \(best.wordCount) words and \(best.specificItems) specific items.",
                    evidence: [card.evidence(section: best)],
                    values: ["words": String(best.wordCount), "specifics": String(best.specificItems)])
            ]
        }
        if kind == .outOfScope, let statement = outOfScopeStatement(in: card) {
            return [Observation(.pass, "Out-of-scope uses are stated inside another section.", evidence: [card.evidence(line: statement)])]
        }
        guard let section = sections.first else {
            return [
                Observation(
                    .absent, "No \"\(kind.title)\" section in the card.", remediation: remediation,
                    evidence: [.lines(card.path, card.bodyStartLine, card.document.lines.count, snippet: "searched all headings")])
            ]
        }
        if section.wordCount == 0 && !section.placeholderLines.isEmpty {
            return [
                Observation(
                    .absent, "\"\(section.title)\" holds only template text such as [More Information Needed].",
                    remediation: remediation, evidence: section.placeholderLines.prefix(3).map { card.evidence(line: $0) })
            ]
        }
        return [
            Observation(
                .absent, "\"\(section.title)\" is a stub: \(section.wordCount) words and nothing specific.",
                remediation: remediation, evidence: [card.evidence(section: section)],
                values: ["words": String(section.wordCount)])
        ]
    }

    private func score(_ section: CardSection) -> Int { section.wordCount + 20 * section.specificItems }

    private func isSubstantive(_ section: CardSection) -> Bool {
        if kind == .gettingStarted && section.codeBlocks > 0 { return true }
        if section.specificItems >= rules.sectionMinimumSpecificItems
            || (section.specificItems > 0 && section.wordCount >= rules.sectionWordsWithASpecificItem)
        {
            return true
        }
        return section.wordCount >= rules.sectionMinimumWords
    }

    private func outOfScopeStatement(in card: ModelCard) -> Int? {
        let phrases = [
            "out-of-scope", "out of scope", "should not be used", "must not be used", "not intended for", "not intended to be used",
            "not suitable for", "prohibited use", "do not use",
        ]
        return card.lines(containingAny: phrases).first?.number
    }
}

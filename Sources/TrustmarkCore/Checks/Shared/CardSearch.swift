/// Small text-search helpers shared by probes that read the card body.
extension ModelCard {
    /// Body lines whose lower-cased text contains any of `phrases`, skipping headings and template placeholders.
    public func lines(containingAny phrases: [String], in range: ClosedRange<Int>? = nil) -> [(number: Int, text: Substring)] {
        let skipped = Set(placeholderLines).union(sections.map(\.line))
        return bodyLines.filter { line in
            guard !skipped.contains(line.number) else { return false }
            if let range, !range.contains(line.number) { return false }
            let lower = line.text.lowercased()
            return phrases.contains { lower.utf8Contains($0) }
        }
    }

    /// Evidence for a body line.
    public func evidence(line number: Int) -> Evidence { document.evidence(lines: number) }

    /// Evidence for a whole section: its heading line through its last line.
    public func evidence(section: CardSection) -> Evidence { document.evidence(lines: section.line, section.endLine) }
}

extension Snapshot {
    /// The standard observation for a probe that needs the card when there is none.
    func noCardObservation(_ what: String, remediation: String) -> Observation {
        Observation(
            .absent, "There is no model card (README.md), so \(what) is not disclosed.", remediation: remediation,
            evidence: [.listing(searched: "README.md")])
    }
}

/// Words that mark a statement as negated within a few words before a phrase.
func isNegated(_ lowerLine: String, before phrase: String) -> Bool {
    guard let range = lowerLine.utf8Range(of: phrase) else { return false }
    let prefix = lowerLine[..<range.lowerBound].suffix(24)
    return ["not ", "non-", "no ", "never ", "isn't ", "aren't ", "without "].contains { prefix.utf8Contains($0) }
}

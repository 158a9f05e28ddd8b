/// S1: there is a way to report vulnerabilities or harmful behaviour: a SECURITY file, a
/// security contact in the card, or at least a general contact (CLAIMED).
struct SecurityContactProbe: Probe {
    func observe(_ snapshot: Snapshot) -> [Observation] {
        let remediation = "Add a SECURITY.md or a contact for reporting vulnerabilities and harmful outputs."
        if let file = snapshot.files.first(where: { $0.name.lowercased().hasPrefix("security") }) {
            return [Observation(.pass, "Security policy file: \(file.path).", evidence: [.file(file.path)])]
        }
        guard let card = snapshot.card else { return [snapshot.noCardObservation("a security contact", remediation: remediation)] }
        let reportLines = card.lines(containingAny: [
            "security", "vulnerab", "report issues", "report a bug", "responsible disclosure", "report harmful", "report any",
        ])
        .filter { line in card.links.contains { $0.line == line.number } || line.text.utf8Contains("@") }
        if let line = reportLines.first {
            return [Observation(.pass, "The card gives a contact for reporting problems.", evidence: [card.evidence(line: line.number)])]
        }
        let contacts = card.sections(.contact).filter { section in
            card.links(in: section).contains { $0.kind == .email || $0.kind == .github || $0.kind == .other }
        }
        if let section = contacts.first {
            return [
                Observation(
                    .claimed, "Only a general contact is given (\"\(section.title)\"), not a security contact.", remediation: remediation,
                    evidence: [card.evidence(section: section)])
            ]
        }
        return [
            Observation(
                .absent, "No security or general contact.", remediation: remediation,
                evidence: [.listing(searched: "SECURITY*, contact sections, security and vulnerability lines in README.md")])
        ]
    }
}

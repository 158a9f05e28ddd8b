/// S2: changes between revisions are recorded (a CHANGELOG, a dated news or changelog section).
struct ChangelogProbe: Probe {
    func observe(_ snapshot: Snapshot) -> [Observation] {
        let names = ["changelog", "changes", "history", "release_notes", "releases"]
        if let file = snapshot.files.first(where: { file in names.contains { file.name.lowercased().hasPrefix($0) } }) {
            return [Observation(.pass, "Changelog file: \(file.path).", evidence: [.file(file.path)])]
        }
        let remediation = "Keep a dated changelog (a CHANGELOG.md or a \"Changelog\" section) and tag releases."
        guard let card = snapshot.card else { return [snapshot.noCardObservation("a changelog", remediation: remediation)] }
        if let section = card.sections(.changelog).first(where: { $0.specificItems > 0 }) {
            return [Observation(.pass, "\"\(section.title)\" records changes.", evidence: [card.evidence(section: section)])]
        }
        return [
            Observation(
                .absent, "No changelog or version history.", remediation: remediation,
                evidence: [.listing(searched: "CHANGELOG*, RELEASES*, changelog/news/updates sections")])
        ]
    }
}

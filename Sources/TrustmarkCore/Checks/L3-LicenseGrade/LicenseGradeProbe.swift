/// L3: how open the license is, as a grade from A (permissive) to I (none). The grade comes from the
/// license text when there is one (exact: the catalog's; variant: worsened by its own clauses), else
/// from the declaration alone at half credit (CLAIMED). The most restrictive license text governs.
struct LicenseGradeProbe: Probe {
    let rules: RatingRules

    func observe(_ snapshot: Snapshot) -> [Observation] {
        let texts = snapshot.licenseTexts.filter { $0.grade != nil }
        if let stated = snapshot.licenses?.stricterCardStatement, let grade = stated.grade {
            // The card requires a licence more restrictive than the files: the most restrictive one covering the
            // weights governs. No text of it is in the repository, so it counts as a declaration (half credit).
            let files = texts.map { "\($0.path) (\($0.summary))" }.joined(separator: ", ")
            return [
                Observation(
                    .claimed,
                    "Licence openness class \(grade.rawValue) (\(grade.meaning)): the card requires \(stated.name ?? stated.tag.value)\(files.isEmpty ? "" : " besides \(files)"); the most restrictive licence governs, and no text of it is in the repository.",
                    remediation: "Add the text of \(stated.name ?? "the licence the card requires") to the repository.",
                    evidence: stated.evidence + texts.map(\.evidence),
                    values: ["grade": grade.rawValue, "license": stated.catalogID ?? ""],
                    credit: rules.credit(of: grade) * rules.declaredOnlyLicenseFactor)
            ]
        }
        if let governing = texts.max(by: { ($0.grade ?? .a) < ($1.grade ?? .a) }), let grade = governing.grade {
            let how =
                governing.verdict == .exact
                ? "\(governing.path) is \(governing.summary)" : "\(governing.path) is \(governing.summary), graded from its own clauses"
            return [
                Observation(
                    .pass, "Licence openness class \(grade.rawValue) (\(grade.meaning)): \(how).", evidence: [governing.evidence],
                    values: ["grade": grade.rawValue, "license": governing.catalogID ?? "", "verdict": governing.verdict.rawValue],
                    credit: rules.credit(of: grade))
            ]
        }
        let declared = snapshot.licenses?.declared
        if let declared, let grade = declared.grade {
            return [
                Observation(
                    .claimed,
                    "Licence openness class \(grade.rawValue) (\(grade.meaning)) by the card's `\(declared.shown)`; no license text confirms it.",
                    remediation: "Add the license text as LICENSE so its terms can be read.", evidence: declared.evidence,
                    values: ["grade": grade.rawValue, "license": declared.catalogID ?? ""],
                    credit: rules.credit(of: grade) * rules.declaredOnlyLicenseFactor)
            ]
        }
        if let unknown = snapshot.licenseTexts.first {
            return [
                Observation(
                    .unknown,
                    "\(unknown.path) is not a license Trustmark recognises, so its openness cannot be graded; its clauses are listed under L4.",
                    evidence: [unknown.evidence], values: ["nearest": unknown.nearestID ?? "", "similarity": String(unknown.similarity)],
                    severity: .medium)
            ]
        }
        if let declared {
            return [
                Observation(
                    .unknown, "The card's `\(declared.shown)` is not a license Trustmark knows, and there is no license text to read.",
                    remediation: "Add the license text as LICENSE.", evidence: declared.evidence, severity: .medium)
            ]
        }
        return [
            Observation(
                .absent, "No license: nothing to grade (grade I).", evidence: [.listing(searched: "card `license`, LICENSE* files")],
                values: ["grade": OpennessGrade.i.rawValue])
        ]
    }
}

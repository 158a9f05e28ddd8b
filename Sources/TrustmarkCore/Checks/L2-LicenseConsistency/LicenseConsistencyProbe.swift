/// L2: the card's declaration and the license text in the repository name the same license.
struct LicenseConsistencyProbe: Probe {
    func observe(_ snapshot: Snapshot) -> [Observation] {
        let texts = snapshot.licenseTexts
        guard let declared = snapshot.licenses?.declared, !["unknown"].contains(declared.tag.value.lowercased()) else {
            return [
                Observation(
                    .notApplicable, "The card declares no license, so there is no declaration to compare with the files.",
                    evidence: [.listing(searched: "README.md front matter `license`")])
            ]
        }
        guard !texts.isEmpty else {
            return [
                Observation(
                    .claimed, "`license: \(declared.shown)` is declared only in the card metadata; no license text in the repository backs it.",
                    remediation: "Add the full license text as LICENSE.", evidence: declared.evidence)
            ]
        }
        guard let declaredID = declared.catalogID, let family = declared.family else {
            return [
                Observation(
                    .claimed,
                    "The card's `\(declared.shown)` is not a license Trustmark knows, so it cannot be compared with \(texts[0].path) (\(texts[0].summary)).",
                    evidence: declared.evidence + [texts[0].evidence])
            ]
        }
        // A card's prose may state several licences, one per model it describes ("the 2B model … Apache 2.0", "the 5B
        // model … the CogVideoX LICENSE"): a file carrying any one of them agrees with the card.
        let statedInCard = declared.inCardText ? (snapshot.licenses?.statedInCard ?? []) : []
        var observations: [Observation] = []
        for text in texts {
            let evidence = declared.evidence + [text.evidence]
            if let statement = statedInCard.first(where: { $0.catalogID != nil && $0.catalogID == text.catalogID && $0.catalogID != declaredID }) {
                observations.append(
                    Observation(
                        .claimed,
                        "\(text.path) is \(text.summary), one of the licences the card's text states (\(statement.tag.snippet ?? statement.tag.value)).",
                        evidence: statement.evidence + [text.evidence], values: ["declared": statement.catalogID ?? "", "file": text.catalogID ?? ""])
                )
                continue
            }
            var values = ["declared": declaredID, "file": text.catalogID ?? "unknown", "verdict": text.verdict.rawValue]
            values["similarity"] = String(text.similarity)
            switch text.verdict {
            case .exact where text.catalogID == declaredID:
                observations.append(
                    Observation(.pass, "\(text.path) is exactly the declared \(text.name ?? declaredID).", evidence: evidence, values: values))
            case .variant where (text.byTitle || text.statedOn != nil) && text.catalogID == declaredID:
                observations.append(
                    Observation(
                        .claimed,
                        "\(text.path) is titled \(text.name ?? declaredID), as declared; Trustmark holds no text of it to compare the terms with.",
                        evidence: evidence, values: values))
            case .exact, .variant:
                if text.family != family {
                    observations.append(
                        Observation(
                            .contradicted, "The card declares `\(declared.shown)`, but \(text.path) is \(text.summary).",
                            remediation: "Declare the license the files actually carry, or ship the declared license's text.", evidence: evidence,
                            values: values))
                } else if text.verdict == .exact {
                    observations.append(
                        Observation(
                            .contradicted,
                            "The card declares \(declared.name ?? declaredID), but \(text.path) is a different version: \(text.summary).",
                            remediation: "Declare the version the LICENSE file holds.", evidence: evidence, values: values))
                } else if declared.hasReferenceText || text.catalogID == declaredID {
                    observations.append(
                        Observation(
                            .contradicted,
                            "The card declares \(declared.name ?? declaredID), but \(text.path) is \(text.summary); its terms are not the declared ones.",
                            remediation: "Ship the license unmodified, or declare `license: other` with a `license_name` for the modified terms.",
                            evidence: evidence
                                + text.added.dropFirst().prefix(2).map { .lines(text.path, $0.lineStart, $0.lineEnd, snippet: "added: \($0.text)") },
                            values: values))
                } else {
                    observations.append(
                        Observation(
                            .claimed,
                            "\(text.path) is close to \(text.name ?? "?") and of the declared family, but Trustmark has no text of the declared \(declared.name ?? declaredID) to confirm it.",
                            evidence: evidence, values: values))
                }
            case .unknown:
                observations.append(
                    Observation(
                        .claimed,
                        "\(text.path) is not a text Trustmark recognises, so the declared `\(declared.shown)` cannot be checked against it.",
                        evidence: evidence, values: values))
            }
        }
        return observations
    }
}

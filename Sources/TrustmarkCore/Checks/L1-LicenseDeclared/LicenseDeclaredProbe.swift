/// L1: a license is declared in the card metadata (`license:`; `other` needs `license_name` and a
/// link or file) or by a LICENSE file.
struct LicenseDeclaredProbe: Probe {
    func observe(_ snapshot: Snapshot) -> [Observation] {
        let licenseFiles = snapshot.files(of: .license).filter { LicenseFileAnalysis.Role(path: $0.path) == .license && !$0.path.utf8Contains("/") }
        let fileEvidence = licenseFiles.map { Evidence.file($0.path, snippet: "\($0.size) bytes") }
        let metadata = snapshot.card?.metadata
        let remediation = "Add `license: <id>` to the README front matter and the full text as LICENSE."

        if let license = metadata?.license {
            let id = license.value.lowercased()
            if id == "other" {
                let name = metadata?.licenseName
                let link = metadata?.licenseLink
                let evidence = [license.evidence] + [name?.evidence, link?.evidence].compactMap { $0 } + fileEvidence
                // A relative license_link must name a file that is in the repository.
                if let link, !link.value.lowercased().hasPrefix("http"), snapshot.file(link.value.trimmingPrefix("./").description) == nil {
                    return [
                        Observation(
                            .claimed,
                            "`license_link: \(link.value)` names a file that is not in the repository, so the custom license's text is missing.",
                            remediation: "Add the file `license_link` names, or link to the license text online.", evidence: evidence)
                    ]
                }
                if name != nil, link != nil || !licenseFiles.isEmpty {
                    return [
                        Observation(
                            .pass, "Custom license \"\(name!.value)\" declared with its text.", evidence: evidence,
                            values: ["license": name!.value])
                    ]
                }
                return [
                    Observation(
                        .claimed, "`license: other` without a license_name and a license_link or LICENSE file: the terms cannot be found.",
                        remediation: "Add `license_name`, `license_link` and the license text as LICENSE.", evidence: evidence)
                ]
            }
            if id == "unknown" || id.isEmpty {
                return [
                    Observation(
                        .absent, "The card declares the license as unknown.", remediation: remediation,
                        evidence: [license.evidence] + fileEvidence)
                ]
            }
            return [
                Observation(
                    .pass, "License `\(license.value)` declared in the card metadata.",
                    evidence: [license.evidence] + fileEvidence, values: ["license": license.value])
            ]
        }
        if licenseFiles.isEmpty, let stated = snapshot.licenses?.declared, stated.inCardText {
            return [
                Observation(
                    .claimed,
                    "The card's text states the licence (\(stated.name ?? stated.tag.value)), but its metadata declares none and there is no licence file.",
                    remediation: "Add `license: \(stated.tag.value.lowercased())` to the README front matter and the text as LICENSE.",
                    evidence: [stated.tag.evidence], values: ["license": stated.tag.value])
            ]
        }
        if !licenseFiles.isEmpty {
            return [
                Observation(
                    .pass, "License file present (\(licenseFiles.map(\.path).joined(separator: ", "))); the card metadata does not name it.",
                    remediation: "Also declare `license:` in the README front matter so tools can read it.", evidence: fileEvidence)
            ]
        }
        let codeLicences = snapshot.files(of: .license).filter { LicenseFileAnalysis.Role(path: $0.path) == .code && !$0.path.utf8Contains("/") }
        if !codeLicences.isEmpty {
            return [
                Observation(
                    .absent,
                    "Only the code's licence is here (\(codeLicences.map(\.path).joined(separator: ", "))); it does not cover the weights, and the model's licence is not declared.",
                    remediation: remediation, evidence: codeLicences.map { .file($0.path) } + [.listing(searched: "card `license`, LICENSE* files")])
            ]
        }
        return [
            Observation(
                .absent, "No license: neither a `license:` key in the card metadata nor a LICENSE file.",
                remediation: remediation, evidence: [.listing(searched: "README.md front matter `license`, LICENSE*, COPYING*")])
        ]
    }
}

/// L5: a derivative keeps the license its base model requires. Llama, Gemma, RAIL and DeepSeek
/// licenses must pass on to derivatives; a Llama fine-tune relabelled MIT is CONTRADICTED.
///
/// The base model's license comes from `LicenseAnalysis.baseModelLicenses` when a lineage source
/// filled it in, else from the publishers whose license family is fixed.
struct BaseLicenseProbe: Probe {
    /// Base-model id prefixes (lower-case) whose license family is known, most specific first.
    static let knownBases: [(prefix: String, family: String)] = [
        ("deepseek-ai/deepseek-r1-distill-llama", "llama"), ("deepseek-ai/deepseek-r1-distill-qwen", "apache"),
        ("meta-llama/", "llama"), ("google/gemma", "gemma"), ("bigscience/bloom", "openrail"), ("bigcode/starcoder", "openrail"),
        ("stabilityai/stable-diffusion", "openrail"), ("tiiuae/falcon-11b", "falcon"), ("deepseek-ai/deepseek-v2", "deepseek"),
    ]
    /// Families whose license binds derivatives.
    static let propagating: Set<String> = ["llama", "gemma", "openrail", "deepseek", "falcon"]

    func observe(_ snapshot: Snapshot) -> [Observation] {
        let bases = snapshot.card?.metadata.baseModels ?? []
        guard !bases.isEmpty else {
            return [Observation(.notApplicable, "No base model is declared.", evidence: [.listing(searched: "README.md front matter `base_model`")])]
        }
        let ownFamily = snapshot.licenseTexts.first { $0.family != nil }?.family ?? snapshot.licenses?.declared?.family
        var observations: [Observation] = []
        for base in bases {
            let known =
                snapshot.licenses?.baseModelLicenses[base.value]
                ?? BaseLicenseProbe.knownBases.first { base.value.lowercased().hasPrefix($0.prefix) }?.family
            guard let baseFamily = known.map(familyOf) else {
                observations.append(Observation(.notApplicable, "The license of \(base.value) is not known offline.", evidence: [base.evidence]))
                continue
            }
            let licenseEvidence = snapshot.licenses?.declared?.evidence ?? snapshot.licenseTexts.prefix(1).map(\.evidence)
            guard BaseLicenseProbe.propagating.contains(baseFamily) else {
                observations.append(
                    Observation(
                        .pass, "\(base.value) is under a \(baseFamily) license, which does not bind derivatives' licensing.",
                        evidence: [base.evidence]))
                continue
            }
            if ownFamily == baseFamily {
                observations.append(
                    Observation(.pass, "The \(baseFamily) license of \(base.value) is kept.", evidence: [base.evidence] + licenseEvidence))
            } else {
                observations.append(
                    Observation(
                        .contradicted,
                        "\(base.value) is under a \(baseFamily) license that binds derivatives, but this model is licensed as \(ownFamily ?? "nothing").",
                        remediation: "Distribute the model under the base model's license terms (and its naming and notice duties).",
                        evidence: [base.evidence] + licenseEvidence, values: ["base": baseFamily, "own": ownFamily ?? ""]))
            }
        }
        return observations
    }

    /// Catalog ids from a lineage source map to their family; families pass through.
    private func familyOf(_ value: String) -> String {
        if value.hasPrefix("llama") { return "llama" }
        if value.utf8Contains("rail") { return "openrail" }
        return value
    }
}

/// D3.architecture: the architecture the card names agrees with `config.json`, and the config's
/// layer count agrees with the layers present in the weights.
struct ArchitectureProbe: Probe {
    let rules: RatingRules

    func observe(_ snapshot: Snapshot) -> [Observation] {
        var observations: [Observation] = []
        let config = snapshot.config
        let configFamily = config.flatMap(configFamily)
        let configEvidence = [config?.modelType?.evidence].compactMap { $0 } + (config?.architectures.prefix(1).map(\.evidence) ?? [])
        let claims = cardClaims(snapshot.card)

        switch (claims.isEmpty, config, configFamily) {
        case (_, nil, _):
            if let claim = claims.first {
                observations.append(
                    Observation(
                        .claimed, "The card names the \(claim.family) architecture, but there is no config.json to check it.",
                        evidence: [claim.evidence]))
            } else if !snapshot.weights.files.isEmpty {
                observations.append(
                    Observation(
                        .absent, "Neither a config.json nor the card states the architecture.",
                        remediation: "Publish config.json with `architectures` and `model_type`.",
                        evidence: [.listing(searched: "config.json, card lines naming an architecture")]))
            } else {
                observations.append(
                    Observation(
                        .notApplicable, "No weights and no config: there is no architecture to check.",
                        evidence: [.listing(searched: "config.json, weight files")]))
            }
        case (true, let config?, _):
            let name = config.architectures.first?.value ?? config.modelType?.value ?? "an architecture"
            observations.append(
                Observation(
                    .pass, "config.json declares \(name); the card does not contradict it.",
                    evidence: configEvidence.isEmpty ? [.file(config.path)] : configEvidence))
        case (false, _, nil):
            observations.append(
                Observation(
                    .claimed, "The card names the \(claims[0].family) architecture; the config's type is not one Trustmark knows.",
                    evidence: claims.map(\.evidence) + configEvidence))
        case (false, _, let family?):
            if let agreeing = claims.first(where: { $0.family == family }) {
                observations.append(
                    Observation(
                        .pass, "The card's \(agreeing.family) architecture agrees with config.json.",
                        evidence: [agreeing.evidence] + configEvidence, values: ["family": family]))
            } else {
                let claim = claims[0]
                observations.append(
                    Observation(
                        .contradicted, "The card says the model is a \(claim.family) architecture, but config.json declares \(family).",
                        remediation: "Describe the architecture config.json actually implements.", evidence: [claim.evidence] + configEvidence,
                        values: ["claimed": claim.family, "config": family]))
            }
        }
        if let layers = layerCheck(snapshot) { observations.append(layers) }
        return observations
    }

    struct Claim {
        var family: String
        var evidence: Evidence
    }

    private func configFamily(_ config: ModelConfig) -> String? {
        if let type = config.modelType, let family = ArchitectureFamily.family(ofModelType: type.value) { return family }
        return config.architectures.lazy.compactMap { ArchitectureFamily.family(ofClass: $0.value) }.first
    }

    /// Lines that say what the architecture is ("architecture: Llama", "a Mistral-style architecture").
    private func cardClaims(_ card: ModelCard?) -> [Claim] {
        guard let card else { return [] }
        var claims: [Claim] = []
        for line in card.lines(containingAny: ["architecture", "model type:", "model_type"]) {
            let lower = line.text.lowercased()
            // Comparisons name other models; only statements about this model count.
            if ["compared", "than ", " vs", "outperform", "unlike"].contains(where: lower.utf8Contains) { continue }
            for family in ArchitectureFamily.families(inProse: String(line.text)) {
                claims.append(Claim(family: family, evidence: card.evidence(line: line.number)))
            }
        }
        return claims
    }

    /// `num_hidden_layers` versus the distinct block indices in tensor names.
    private func layerCheck(_ snapshot: Snapshot) -> Observation? {
        guard let declared = snapshot.config?.layerCount else { return nil }
        let blocks = snapshot.weights.blockIndices
        guard !blocks.isEmpty else { return nil }
        let weightEvidence = snapshot.weights.readable.prefix(2).map(\.headerEvidence)
        let missing = snapshot.missingShards
        if !missing.isEmpty && blocks.count < declared.value {
            return Observation(
                .unknown,
                "config.json declares \(declared.value) layers; the weights here hold \(blocks.count) blocks, but \(missing.count) shard\(missing.count == 1 ? "" : "s") the index names \(missing.count == 1 ? "is" : "are") missing, so the layer count cannot be checked.",
                evidence: [declared.evidence] + weightEvidence, severity: .medium)
        }
        if blocks.count == declared.value {
            return Observation(
                .pass, "config.json's \(declared.value) layers match the \(blocks.count) blocks in the weights.",
                evidence: [declared.evidence] + weightEvidence)
        }
        // Multi-token-prediction heads (DeepSeek-V3's layer 61) are stored as extra blocks.
        if blocks.count > declared.value && blocks.count <= declared.value + rules.extraPredictionBlocks {
            return Observation(
                .pass, "The weights hold \(blocks.count) blocks for \(declared.value) declared layers; the extra ones are prediction heads.",
                evidence: [declared.evidence] + weightEvidence)
        }
        return Observation(
            .contradicted, "config.json declares \(declared.value) layers, but the weights hold \(blocks.count) blocks.",
            remediation: "Publish the config that matches the weights.", evidence: [declared.evidence] + weightEvidence,
            values: ["declared": String(declared.value), "measured": String(blocks.count)])
    }
}

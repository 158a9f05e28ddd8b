/// P1: a derivative declares its base model in machine-readable form (`base_model:` or an
/// adapter config). Applies only when something says the model derives from another.
struct BaseModelProbe: Probe {
    static let derivationPhrases = [
        "fine-tuned from", "finetuned from", "fine-tuned version of", "finetuned version of", "fine-tune of",
        "finetune of", "fine-tuned on top of", "based on the", "merge of", "merged from", "quantized version of",
        "quantization of", "distilled from", "continued pretraining of", "continued pre-training of", "lora adapter for",
    ]
    static let derivationTags = ["finetuned", "fine-tuned", "merge", "mergekit", "lora", "adapter", "peft", "quantized", "gguf", "gptq", "awq"]

    /// A derivation phrase as whole words: "Based on these conversations, we derived a set of adversarial goals" says
    /// nothing about a base model ("based on the" is a prefix of "based on these").
    static func statesDerivation(_ line: Substring) -> Bool {
        let lower = line.lowercased()
        return derivationPhrases.contains { phrase in
            var search = lower[...]
            while let range = search.utf8Range(of: phrase) {
                let next = lower[range.upperBound...].first
                if !(next?.isLetter ?? false) { return true }
                search = lower[range.upperBound...]
            }
            return false
        }
    }

    func observe(_ snapshot: Snapshot) -> [Observation] {
        let metadata = snapshot.card?.metadata
        if let bases = metadata?.baseModels, !bases.isEmpty {
            let relation = metadata?.baseModelRelation.map { " (\($0.value))" } ?? ""
            return [
                Observation(
                    .pass, "Base model declared: \(bases.map(\.value).joined(separator: ", "))\(relation).",
                    evidence: bases.map(\.evidence) + [metadata?.baseModelRelation?.evidence].compactMap { $0 },
                    values: ["baseModels": bases.map(\.value).joined(separator: ",")])
            ]
        }
        let adapterBases = ([snapshot.config].compactMap { $0 } + snapshot.auxiliaryConfigs).compactMap(\.baseModelReference)
        if let base = adapterBases.first {
            return [
                Observation(
                    .pass, "The adapter config names its base model: \(base.value).",
                    remediation: "Also declare `base_model:` in the card metadata.", evidence: [base.evidence])
            ]
        }
        let remediation = "Declare `base_model:` (and `base_model_relation:`) in the card metadata."
        if let card = snapshot.card,
            let line = card.lines(containingAny: BaseModelProbe.derivationPhrases).first(where: { Self.statesDerivation($0.text) })
        {
            return [
                Observation(
                    .claimed, "The card says the model derives from another, but `base_model:` is not declared.",
                    remediation: remediation, evidence: [card.evidence(line: line.number)])
            ]
        }
        if let tag = metadata?.tags.first(where: { BaseModelProbe.derivationTags.contains($0.value.lowercased()) }) {
            return [
                Observation(
                    .absent, "The card is tagged `\(tag.value)`, which marks a derivative, but no base model is declared.",
                    remediation: remediation, evidence: [tag.evidence])
            ]
        }
        return [
            Observation(
                .notApplicable, "Nothing indicates that this model derives from another one.",
                evidence: [.listing(searched: "base_model, adapter configs, derivation phrases and tags")])
        ]
    }
}

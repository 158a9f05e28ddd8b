import TrustmarkCore

/// FMTI-lite: the indicators of Stanford's Foundation Model Transparency Index (2025 set) that a repository can
/// settle, with the evidence for each. Class A indicators are decided from files and metadata; class P ones by
/// text heuristics through Trustmark's checks, marked as heuristic. The classes follow
/// `../shared/eval/fmti_indicators_checkability.csv`. This is never an FMTI score: the index rates developers
/// on 100 indicators, most of which no repository can show, so the label gives counts and coverage only.
enum FMTILite {
    struct Indicator: Sendable {
        var name: String
        var heuristic: Bool
        /// Satisfied, with the evidence (finding ids or a metadata note); nil when not satisfied.
        var decide: @Sendable (Rating, Snapshot) -> [String]?
    }

    static func passed(_ rating: Rating, _ checks: CheckID...) -> [String]? {
        let ids = rating.findings.filter { checks.contains($0.check) && $0.outcome == .pass }.map(\.id)
        return ids.isEmpty ? nil : ids
    }

    static let indicators: [Indicator] = [
        Indicator(name: "External data access", heuristic: false) { _, snapshot in
            (snapshot.card?.metadata.datasets.isEmpty == false) ? ["card metadata `datasets`"] : nil
        },
        Indicator(name: "Carbon emissions for final training run", heuristic: false) { _, snapshot in
            snapshot.card?.metadata.co2Emissions != nil ? ["card metadata `co2_eq_emissions`"] : nil
        },
        Indicator(name: "Basic model properties", heuristic: false) { rating, snapshot in
            !(snapshot.config?.architectures.isEmpty ?? true) && rating.facts.parameters != nil
                ? ["config.json architectures", "weight headers"] : nil
        },
        Indicator(name: "Deeper model properties", heuristic: false) { _, snapshot in
            snapshot.config?.layerCount != nil && snapshot.config?.hiddenSize != nil ? ["config.json hyperparameters"] : nil
        },
        Indicator(name: "Model dependencies", heuristic: false) { _, snapshot in
            guard let metadata = snapshot.card?.metadata else { return nil }
            return !metadata.baseModels.isEmpty || metadata.libraryName != nil ? ["card metadata `base_model` / `library_name`"] : nil
        },
        Indicator(name: "Open weights", heuristic: false) { rating, snapshot in
            let gated = snapshot.hub?.gated.map { $0 != "false" } ?? false
            return !snapshot.weights.files.isEmpty && !gated ? (passed(rating, .safeSerialization) ?? ["weight files"]) : nil
        },
        Indicator(name: "Capabilities evaluation", heuristic: false) { rating, _ in passed(rating, .evaluationProvenance) },
        Indicator(name: "Quantization", heuristic: false) { _, snapshot in
            snapshot.config?.quantizationMethod != nil || snapshot.config?.torchDtype != nil ? ["config.json torch_dtype / quantization_config"] : nil
        },
        Indicator(name: "Terms of use", heuristic: false) { rating, _ in passed(rating, .licenseDeclared) },
        Indicator(name: "Documentation for responsible use", heuristic: false) { rating, _ in passed(rating, .section(.uses), .section(.outOfScope))
        },
        Indicator(name: "Public datasets", heuristic: true) { rating, _ in passed(rating, .trainingData) },
        Indicator(name: "Model stages", heuristic: true) { rating, _ in passed(rating, .section(.trainingProcedure)) },
        Indicator(name: "Compute usage for final training run", heuristic: true) { rating, _ in passed(rating, .computeDisclosure) },
        Indicator(name: "Risks taxonomy", heuristic: true) { rating, _ in passed(rating, .section(.limitations)) },
        Indicator(name: "Change log", heuristic: true) { rating, _ in passed(rating, .changelog) },
        Indicator(name: "Responsible disclosure policy", heuristic: true) { rating, _ in passed(rating, .securityContact) },
        Indicator(name: "Security incident reporting protocol", heuristic: true) { rating, _ in passed(rating, .securityContact) },
    ]

    static func label(rating: Rating, snapshot: Snapshot) -> FrameworkLabel {
        var details: [String] = []
        var findings: [String] = []
        var satisfiedA = 0, satisfiedP = 0
        for indicator in indicators {
            let evidence = indicator.decide(rating, snapshot)
            if let evidence {
                if indicator.heuristic { satisfiedP += 1 } else { satisfiedA += 1 }
                findings += evidence.filter { $0.utf8Contains("#") }
            }
            details.append(
                "\(indicator.name)\(indicator.heuristic ? " (heuristic)" : ""): \(evidence == nil ? "not shown" : "satisfied — " + evidence!.joined(separator: ", "))"
            )
        }
        let totalA = indicators.filter { !$0.heuristic }.count, totalP = indicators.count - totalA
        return FrameworkLabel(
            id: "fmti-lite", name: "FMTI-lite (repository-checkable indicators)",
            verdict: "\(satisfiedA) of \(totalA) checkable indicators, \(satisfiedP) of \(totalP) heuristic ones (of 100; not an FMTI score)",
            details: details, findings: Array(Set(findings)).sorted(),
            notAutomated: ["the other 83 indicators of the 2025 set need the developer's disclosures (labour, usage, impact, governance)"],
            values: [
                "satisfied": String(satisfiedA), "applicable": String(totalA), "heuristicSatisfied": String(satisfiedP),
                "heuristicApplicable": String(totalP),
            ])
    }
}

import TrustmarkCore

/// Every framework view of one rating, computed from its findings and facts (docs/frameworks/).
public enum FrameworkLabels {
    public static func compute(rating: Rating, snapshot: Snapshot) -> [FrameworkLabel] {
        let mapped = MOFMapping.model(from: rating, snapshot: snapshot)
        let mof = MOFEvaluator.evaluate(mapped.model)
        return [
            mofLabel(mof, mapped: mapped), OSAIDLabel.label(mof, mapped: mapped), OSAIIndexLabel.label(rating: rating, snapshot: snapshot),
            EUAIActLabel.label(rating: rating, snapshot: snapshot), FMTILite.label(rating: rating, snapshot: snapshot),
        ]
    }

    static func mofLabel(_ result: MOFResult, mapped: MOFMapping.Mapped) -> FrameworkLabel {
        let details = MOFComponent.allCases.filter(\.isRequired).sorted { ($0.mofClass, $0.rawValue) > ($1.mofClass, $1.rawValue) }.map { component in
            let status = result.statuses[component]!
            let licence = status.license.map { $0.isEmpty ? "" : " under \($0)" } ?? ""
            return "Class \(["", "I", "II", "III"][component.mofClass]) \(component.name): \(status.status.rawValue)\(licence)"
        }
        return FrameworkLabel(
            id: FrameworkLabel.mofID, name: "Model Openness Framework", verdict: result.className, details: details,
            findings: mapped.evidence.values.flatMap { $0 }.filter { $0.contains("#") }.sorted(),
            notAutomated: [
                "training, evaluation and preprocessing code, intermediate checkpoints and released datasets are counted only when the repository shows them; publishers can add them in the Model Openness Tool"
            ],
            values: [
                "class": String(result.mofClass), "classIII": format(result.progress[3]), "classII": format(result.progress[2]),
                "classI": format(result.progress[1]),
            ])
    }

    /// Percentages with one decimal, written the same on every machine.
    static func format(_ value: Double?) -> String {
        let tenths = Int(((value ?? 0) * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// OSI's Open Source AI Definition 1.0, as its MOF-based checklist states it (indicative; OSI certifies nothing).
enum OSAIDLabel {
    static let code: [MOFComponent] = [.preprocessingCode, .trainingCode, .inferenceCode, .supportingTools, .modelArchitecture]
    static let data: [MOFComponent] = [.datasets, .researchPaper, .technicalReport, .dataCard]

    static func label(_ result: MOFResult, mapped: MOFMapping.Mapped) -> FrameworkLabel {
        func status(_ component: MOFComponent) -> MOFResult.Status { result.statuses[component]?.status ?? .missing }
        var failing: [String] = []
        var unshown: [String] = []
        for component in code + [.finalParameters] {
            switch status(component) {
            case .included: continue
            case .invalid: failing.append("\(component.name) is under a licence that is not open (\(result.statuses[component]?.license ?? "?"))")
            case .unlicensed: failing.append("\(component.name) has no licence")
            case .missing: unshown.append(component.name)
            }
        }
        if !data.contains(where: { status($0) == .included }) { unshown.append("data information (datasets, a data card or a technical report)") }
        let verdict = !failing.isEmpty ? "not met" : unshown.isEmpty ? "met (indicative)" : "not shown by the repository"
        return FrameworkLabel(
            id: "osaid", name: "Open Source AI Definition 1.0 (indicative)", verdict: verdict,
            details: failing + unshown.map { "not shown: \($0)" },
            findings: mapped.evidence.values.flatMap { $0 }.filter { $0.contains("#") }.sorted(),
            notAutomated: [
                "whether data information is sufficient for a skilled person to build a substantially equivalent system is a judgement, not a file check"
            ])
    }
}

/// The European Open Source AI Index: twelve dimensions, open 1 / partial 0.5 / closed 0, total = the mean.
/// Dimensions a repository cannot settle count 0, as in the index, and are listed as not judged.
///
/// Missing is not negative: what a file listing cannot show is "closed" only when the listing is the whole repository
/// (the Hub's or ModelScope's, complete). A local folder or cache may hold only some files (configs without weights, a
/// card without its licence), so there an absent evidence class leaves the dimension not judged, with the reason.
enum OSAIIndexLabel {
    static func label(rating: Rating, snapshot: Snapshot) -> FrameworkLabel {
        func ids(_ check: CheckID, _ outcomes: Set<Outcome> = [.pass]) -> [String] {
            rating.findings.filter { $0.check == check && outcomes.contains($0.outcome) }.map(\.id)
        }
        var values: [String: String] = [:]
        var findings: [String] = []
        var details: [String] = []
        var notJudged: [String] = []
        var notInTheseFiles: [String] = []
        var total = 0.0
        // The whole repository was listed: what it does not hold, the publisher did not publish there.
        let wholeRepository = snapshot.listsWholeRepository
        /// "closed" when the whole repository was seen; otherwise not judged, because these files may be a part of it.
        func absent(_ dimension: String, _ what: String) -> String? {
            if wholeRepository { return "closed" }
            notInTheseFiles.append("\(dimension): \(what) not in these files (a local folder may hold only part of the repository)")
            return nil
        }
        func judge(_ dimension: String, _ verdict: String?, _ why: String, _ evidence: [String]) {
            guard let verdict else {
                notJudged.append(dimension)
                values[dimension] = "not judged"
                return
            }
            values[dimension] = verdict
            total += verdict == "open" ? 1 : verdict == "partial" ? 0.5 : 0
            details.append("\(dimension): \(verdict) — \(why)")
            findings += evidence
        }
        let hasWeights = !snapshot.weights.files.isEmpty
        let gated = snapshot.hub?.gated.map { $0 != "false" } ?? false
        let card = snapshot.card != nil
        judge(
            "weights_endmodel", hasWeights ? (gated ? "partial" : "open") : absent("weights_endmodel", "weights"),
            hasWeights ? (gated ? "weights are gated" : "weights are in the repository") : "no weights", ids(.safeSerialization, [.pass, .claimed]))
        judge("weights_basemodel", nil, "", [])
        let data = ids(.trainingData)
        judge(
            "datasources_endmodel", !data.isEmpty ? "partial" : card ? "closed" : absent("datasources_endmodel", "a model card"),
            data.isEmpty ? "training data not disclosed" : "training data named; whether all of it is open is not checked",
            data + ids(.trainingData, [.absent]))
        judge("datasources_basemodel", nil, "", [])
        judge("trainingcode", nil, "", [])
        judge("code", nil, "", [])
        let architecture = !(snapshot.config?.architectures.isEmpty ?? true)
        let compute = ids(.computeDisclosure)
        let architectureVerdict: String?
        if architecture && !compute.isEmpty {
            architectureVerdict = "open"
        } else if architecture || !compute.isEmpty {
            architectureVerdict = "partial"
        } else if snapshot.config != nil && card {
            architectureVerdict = "closed"
        } else {
            architectureVerdict = absent("hardware_architecture", snapshot.config == nil ? "config.json" : "a model card")
        }
        judge(
            "hardware_architecture", architectureVerdict,
            "architecture \(architecture ? "in config.json" : "not given"), training compute \(compute.isEmpty ? "not disclosed" : "disclosed")",
            compute)
        let paper = ids(.technicalReport)
        let arxiv = rating.findings.filter { paper.contains($0.id) }.contains { finding in
            finding.evidence.contains { $0.snippet?.lowercased().contains("arxiv") == true }
        }
        judge(
            "preprint", arxiv ? "open" : !paper.isEmpty ? nil : card ? "closed" : absent("preprint", "a model card"),
            arxiv ? "an arXiv preprint is linked" : "no preprint linked", paper)
        judge("paper", nil, "", [])
        let sections = rating.findings.filter { $0.check.isCardSection }
        let filled = sections.filter { $0.outcome == .pass }.count
        judge(
            "modelcard", !card ? absent("modelcard", "a model card") : filled >= 6 ? "open" : filled >= 3 ? "partial" : "closed",
            "\(filled) of \(sections.count) card sections have substance", sections.filter { $0.outcome == .pass }.map(\.id))
        judge(
            "datasheet", !data.isEmpty ? "partial" : card ? "closed" : absent("datasheet", "a model card"),
            data.isEmpty ? "no dataset documentation" : "datasets named in the card (their datasheets are not read)", data)
        let grade = rating.facts.licenseGrade
        let licenses: String?
        if let grade {
            licenses = ["A", "B"].contains(grade) ? "partial" : "closed"
        } else if !(snapshot.licenses?.licenseTexts.isEmpty ?? true) || snapshot.licenses?.declared != nil {
            // A licence Trustmark could not identify is "could not check", never closed (nor open).
            licenses = nil
            notInTheseFiles.append("licenses: the licence could not be identified, so its openness is not judged")
        } else if card {
            licenses = "closed"
        } else {
            licenses = absent("licenses", "a licence or a model card")
        }
        judge(
            "licenses", licenses,
            "the model licence is grade \(grade ?? "unknown") (\(rating.facts.licenseID ?? "none")); training code and data licences are not in the repository",
            ids(.licenseGrade, [.pass, .claimed, .absent]))
        let score = total / 12
        values["score"] = FrameworkLabels.format(score * 100)
        return FrameworkLabel(
            id: "osai-index", name: "European Open Source AI Index (profile)",
            verdict: "\(FrameworkLabels.format(score * 100))% (\(12 - notJudged.count) of 12 dimensions judged)",
            details: details, findings: Array(Set(findings)).sorted(),
            notAutomated: notInTheseFiles
                + notJudged.filter { dimension in !notInTheseFiles.contains { $0.hasPrefix(dimension + ":") } }
                .map { "\($0): needs sources outside the repository" },
            values: values)
    }
}

/// Article 53(2) of the EU AI Act: providers of general-purpose models released under a free and open-source
/// licence that allows access, use, modification and distribution, with weights, architecture and usage
/// information public, are exempt from parts of Art. 53(1) — unless the model has systemic risk (presumed above
/// 10^25 FLOP of training compute). Indicative only.
enum EUAIActLabel {
    static func label(rating: Rating, snapshot: Snapshot) -> FrameworkLabel {
        func ids(_ check: CheckID, _ outcomes: Set<Outcome> = [.pass]) -> [String] {
            rating.findings.filter { $0.check == check && outcomes.contains($0.outcome) }.map(\.id)
        }
        var unmet: [String] = []
        var details: [String] = []
        let grade = rating.facts.licenseGrade
        let openLicence = grade.map { ["A", "B", "C"].contains($0) } ?? false
        details.append(
            "licence: \(rating.facts.licenseID ?? "none") (grade \(grade ?? "-")) \(openLicence ? "allows access, use, modification and distribution" : "does not clearly allow all four freely")"
        )
        if !openLicence { unmet.append("licence") }
        let weights = !snapshot.weights.files.isEmpty && snapshot.hub?.gated.map { $0 == "false" } ?? true
        details.append("weights: \(weights ? "public in the repository" : "not public (absent or gated)")")
        if !weights { unmet.append("weights") }
        let architecture = !(snapshot.config?.architectures.isEmpty ?? true)
        details.append("architecture: \(architecture ? "given in config.json" : "not given")")
        if !architecture { unmet.append("architecture") }
        let usage = ids(.section(.uses)) + ids(.section(.gettingStarted))
        details.append("usage information: \(usage.isEmpty ? "no intended-use or getting-started section" : "in the card")")
        if usage.isEmpty { unmet.append("usage information") }
        let compute = rating.findings.first { $0.check == .computeDisclosure && $0.outcome == .pass }
        let risk = systemicRisk(rating: rating, compute: compute)
        details.append("systemic risk: \(risk.text)")
        let verdict =
            !unmet.isEmpty
            ? "exemption does not apply (\(unmet.joined(separator: ", ")))"
            : risk.presumed == true
                ? "exemption does not apply (systemic risk)"
                : risk.presumed == nil ? "exemption applies unless the model has systemic risk (indicative)" : "exemption applies (indicative)"
        return FrameworkLabel(
            id: "eu-ai-act-53-2", name: "EU AI Act Art. 53(2) open-source exemption (indicative)", verdict: verdict, details: details,
            findings: (ids(.licenseGrade, [.pass, .claimed, .absent]) + ids(.safeSerialization, [.pass, .claimed]) + usage
                + (compute.map { [$0.id] } ?? [])).sorted(),
            notAutomated: ["whether the model is a general-purpose AI model, and any designation by the Commission, are legal determinations"])
    }

    static let threshold = 1e25

    /// Art. 51(2): systemic risk is presumed above 10^25 FLOP of training compute. A FLOP count the card states
    /// decides it. Otherwise, with the training tokens the card states (D) and the parameters counted in the weight
    /// headers (N), the usual estimate 6·N·D is given; for a mixture-of-experts model N is the total, so the
    /// estimate is an upper bound and can only settle "not presumed". Nil `presumed` means unknown.
    static func systemicRisk(rating: Rating, compute: Finding?) -> (presumed: Bool?, text: String) {
        if let flop = compute?.values["flop"].flatMap(Double.init) {
            return flop >= threshold
                ? (true, "presumed (the card states \(scientific(flop)) FLOP of training compute, ≥ 10^25)")
                : (false, "not presumed (the card states \(scientific(flop)) FLOP of training compute, < 10^25)")
        }
        if let tokens = compute?.values["trainingTokens"].flatMap(Double.init), let parameters = rating.facts.parameters, parameters > 0 {
            let estimate = 6 * Double(parameters) * tokens
            let sparse = (rating.facts.experts ?? 0) > 1
            let basis =
                "estimate 6·N·D = 6 × \(scientific(Double(parameters))) parameters (weight headers) × \(scientific(tokens)) training tokens (card) = \(scientific(estimate)) FLOP"
            if estimate < threshold { return (false, "not presumed (\(basis), < 10^25; an estimate, not a disclosed count)") }
            if sparse {
                return (nil, "unknown: \(basis) counts all experts, an upper bound at or above 10^25; the active parameters per token decide")
            }
            return (true, "presumed (\(basis), ≥ 10^25; an estimate, not a disclosed count)")
        }
        return (
            nil,
            compute == nil
                ? "unknown: training compute is not disclosed"
                : "unknown: training compute is disclosed in the card but neither as a FLOP count nor as training tokens Trustmark reads; compare it with 10^25 FLOP"
        )
    }

    /// `3.8e+25` with at most 3 significant figures, the same on every platform.
    static func scientific(_ value: Double) -> String {
        guard value > 0, value.isFinite else { return "0" }
        var exponent = 0
        var mantissa = value
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        while mantissa < 1 {
            mantissa *= 10
            exponent -= 1
        }
        var rounded = (mantissa * 100).rounded() / 100
        if rounded >= 10 {
            rounded /= 10
            exponent += 1
        }
        var text = String(rounded)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return exponent == 0 ? text : "\(text)e\(exponent)"
    }
}

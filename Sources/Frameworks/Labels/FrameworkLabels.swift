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
            findings: mapped.evidence.values.flatMap { $0 }.filter { $0.utf8Contains("#") }.sorted(),
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
            findings: mapped.evidence.values.flatMap { $0 }.filter { $0.utf8Contains("#") }.sorted(),
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
        let trainingData = rating.findings.first { $0.check == .trainingData }
        let dataNamed = trainingData.map { [.pass, .claimed, .contradicted].contains($0.outcome) } ?? false
        let dataShared = trainingData.map { $0.outcome == .pass } ?? false
        let dataWithheld = trainingData?.values["withheld"] == "true"
        // The index: all / some / none of the training data sources are open for inspection or shared.
        let endData: String? =
            dataShared ? (dataWithheld ? "partial" : "open") : card ? "closed" : absent("datasources_endmodel", "a model card")
        judge(
            "datasources_endmodel", endData,
            dataShared
                ? (dataWithheld
                    ? "training data named on the Hub, and the card says other data is not public"
                    : "the training data the card names is shared on the Hub (that the list is complete is the card's word)")
                : dataNamed ? "training data described but not shared (no dataset ids or links)" : "training data not disclosed",
            ids(.trainingData, [.pass, .claimed, .absent, .contradicted]))
        // The index: "when there is no base/end split, the base dimensions mirror the end ones". With a base model
        // declared or mentioned, its data is the base model's card's to disclose.
        let base = rating.findings.first { $0.check == .baseModel }
        let noBase = base == nil || base?.outcome == .notApplicable
        if noBase, let endData {
            judge("datasources_basemodel", endData, "no base model: the index mirrors the end model's data", ids(.baseModel, [.notApplicable]))
        } else {
            notInTheseFiles.append("datasources_basemodel: the base model's training data is described in the base model's card")
            judge("datasources_basemodel", nil, "", [])
        }
        judge("trainingcode", nil, "", [])
        judge("code", nil, "", [])
        // Architecture from config.json (the exact specification; where the folder has none it is not in these
        // files), training setup from the card (D6). A verdict only when the unknown part cannot change it.
        let architecture = !(snapshot.config?.architectures.isEmpty ?? true)
        let compute = ids(.computeDisclosure)
        let architectureVerdict: String?
        if snapshot.config != nil && card {
            architectureVerdict = architecture && !compute.isEmpty ? "open" : architecture || !compute.isEmpty ? "partial" : "closed"
        } else {
            architectureVerdict = absent("hardware_architecture", snapshot.config == nil ? "config.json" : "a model card")
        }
        judge(
            "hardware_architecture", architectureVerdict,
            "architecture \(architecture ? "in config.json" : "not given"), training compute \(compute.isEmpty ? "not disclosed" : "disclosed")",
            compute)
        let topics = Self.cardTopics(rating, card: snapshot.card)
        // D7 counts only a paper the card presents as the model's own; the index asks for an archived preprint.
        let report = rating.findings.first { $0.check == .technicalReport }
        let preprints = Int(report?.values["preprints"] ?? "") ?? 0
        let preprint: String?
        if report?.outcome == .pass {
            if preprints > 0 {
                preprint = "open"
            } else {
                preprint = nil
                notInTheseFiles.append("preprint: the card links its paper (a DOI or a PDF), not an archived preprint")
            }
        } else {
            preprint = card ? "closed" : absent("preprint", "a model card")
        }
        judge(
            "preprint", preprint, preprint == "open" ? "the card links its report as an arXiv preprint" : "no report of this model linked",
            ids(.technicalReport, [.pass, .absent]))
        judge("paper", nil, "", [])
        let covered = topics.filter(\.covered)
        judge(
            "modelcard", !card ? absent("modelcard", "a model card") : covered.count >= 3 ? "open" : covered.count == 2 ? "partial" : "closed",
            "the card gives insight into \(covered.count) of \(topics.count) topics (\(topics.map { "\($0.name) \($0.covered ? "yes" : "no")\($0.evidence.isEmpty ? $0.section.map { " (\($0))" } ?? "" : "")" }.joined(separator: ", ")))",
            covered.flatMap(\.evidence))
        // A datasheet documents a dataset: for data the card names, it is the dataset's own card, not in the model's
        // repository. With no training data disclosed there is nothing a datasheet could describe.
        let datasheet: String?
        if dataNamed {
            datasheet = nil
            notInTheseFiles.append("datasheet: the datasheets of the datasets the card names are theirs, not in the model's repository")
        } else {
            datasheet = card ? "closed" : absent("datasheet", "a model card")
        }
        judge("datasheet", datasheet, "no training data disclosed, so no datasheet", ids(.trainingData, [.absent]))
        let licences = Self.licenses(rating: rating, snapshot: snapshot, dataShared: dataShared, card: card)
        if licences.verdict == nil, let why = licences.notJudged {
            notInTheseFiles.append("licenses: \(why)")
        }
        let licensesVerdict = licences.verdict ?? (licences.notJudged == nil ? absent("licenses", "a licence or a model card") : nil)
        judge("licenses", licensesVerdict, licences.why, ids(.licenseGrade, [.pass, .claimed, .absent]))
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

extension OSAIIndexLabel {
    struct Topic {
        var name: String
        var covered: Bool
        /// The findings that cover it.
        var evidence: [String]
        /// A card section that covers it without a finding of its own ("README.md:41 Model Details").
        var section: String?
    }

    /// The index's model-card criterion: insight into architecture, training (and fine-tuning) and evaluation, which
    /// a standard card gives with its uses and limitations. A topic is covered by a section with substance (D2); the
    /// training also by named training data (D4) or stated compute (D6); the architecture also by a described
    /// architecture (D3), checked against config.json or, where no config is there to check it, named by the card —
    /// the index asks whether the card documents these, not whether a file confirms them (a contradicted name is no
    /// insight). Three or four topics are open, two partial.
    static func cardTopics(_ rating: Rating, card: ModelCard?) -> [Topic] {
        func passing(_ checks: [CheckID]) -> [String] {
            rating.findings.filter { finding in
                checks.contains(finding.check) && (finding.outcome == .pass || (finding.check == .architecture && finding.outcome == .claimed))
            }.map(\.id)
        }
        let rules = Methodology.named(rating.methodology.name)?.rules ?? Methodology.current.rules
        // A "Model details" / "Model architecture" section is not a D2 check of its own: its line is the evidence.
        let details = card?.sections(.modelDetails).first { $0.wordCount >= rules.sectionMinimumWords }
            .map { "\(card!.path):\($0.line) \($0.title)" }
        let topics: [(String, [CheckID])] = [
            ("architecture", [.section(.modelDetails), .architecture]),
            // Naming the training data (D4) or stating the training compute (D6) is insight into training too.
            ("training", [.section(.trainingData), .section(.trainingProcedure), .trainingData, .computeDisclosure]),
            ("evaluation", [.section(.evaluation), .evaluationProvenance]),
            ("uses and limitations", [.section(.uses), .section(.outOfScope), .section(.limitations)]),
        ]
        return topics.map { name, checks in
            let evidence = passing(checks)
            let section = name == "architecture" ? details : nil
            return Topic(name: name, covered: !evidence.isEmpty || section != nil, evidence: evidence, section: section)
        }
    }

    /// The index's licence criterion: open when weights, training code and data are all under open licences; partial
    /// when two of the three are; closed otherwise. A model repository shows the weights' licence (and sometimes the
    /// code's); the data is open when the card names it as shared datasets and not open when it discloses none or
    /// only describes it. A part the files cannot settle is unknown, and the verdict is given only when every
    /// possibility for the unknown parts leads to the same one.
    static func licenses(
        rating: Rating, snapshot: Snapshot, dataShared: Bool, card: Bool
    ) -> (
        verdict: String?, why: String, notJudged: String?
    ) {
        guard let gradeText = rating.facts.licenseGrade, let grade = OpennessGrade(rawValue: gradeText) else {
            let texts = snapshot.licenses?.licenseTexts ?? []
            if !texts.isEmpty || snapshot.licenses?.declared != nil {
                return (nil, "", "the licence could not be identified, so its openness is not judged")
            }
            // No licence at all: closed where the whole repository was listed, else not in these files (the caller's `absent`).
            return (nil, "no licence", nil)
        }
        let openGrades: Set<OpennessGrade> = [.a, .b]
        let weights: Bool? = openGrades.contains(grade)
        // Another licence text or a code licence, more open than the weights': the code's, most likely.
        let others = (snapshot.licenses?.files ?? []).filter { ($0.role == .code || $0.role == .license) && $0.grade != nil }
        let code: Bool? =
            others.contains { $0.role == .code && openGrades.contains($0.grade!) }
                || others.contains { $0.grade! < grade && openGrades.contains($0.grade!) }
            ? true : others.contains { $0.role == .code } ? false : nil
        let data: Bool? = dataShared ? true : (card ? false : nil)
        let parts: [(String, Bool?)] = [("weights", weights), ("training code", code), ("data", data)]
        let known = parts.filter { $0.1 == true }.count
        let unknown = parts.filter { $0.1 == nil }.count
        func verdict(_ open: Int) -> String { open == 3 ? "open" : open == 2 ? "partial" : "closed" }
        let describe = parts.map { "\($0.0) \($0.1 == true ? "open" : $0.1 == false ? "not open" : "not in these files")" }.joined(separator: ", ")
        let why = "licence grade \(grade.rawValue) (\(rating.facts.licenseID ?? "?")); \(describe)"
        if verdict(known) == verdict(known + unknown) { return (verdict(known), why, nil) }
        return (nil, why, "\(describe): the verdict depends on what these files do not show")
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

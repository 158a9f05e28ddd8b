/// Runs a methodology's probes over a snapshot and derives every number from the findings.
public struct RatingEngine: Sendable {
    public var methodology: Methodology

    public init(methodology: Methodology = .current) {
        precondition(methodology.isRunnable, "\(methodology.identity.name) is frozen: this build reads its ratings but does not make new ones")
        self.methodology = methodology
    }

    private var rules: RatingRules { methodology.rules }

    public func rate(_ snapshot: Snapshot) -> Rating {
        var findings: [Finding] = []
        var checks: [CheckResult] = []
        for definition in methodology.checks {
            var observations = RatingEngine.bounded(definition.probe?.observe(snapshot) ?? [], rules: rules)
            if observations.isEmpty {
                observations = [
                    Observation(.unknown, "The probe reported nothing; treated as not observed.", evidence: [.listing(searched: definition.title)])
                ]
            }
            var ids: [String] = []
            for (index, observation) in observations.enumerated() {
                let id = "\(definition.id)#\(index + 1)"
                ids.append(id)
                findings.append(
                    Finding(
                        id: id, check: definition.id, outcome: observation.outcome,
                        severity: observation.severity ?? definition.severity, message: observation.message,
                        remediation: observation.remediation, evidence: observation.evidence, values: observation.values,
                        credit: observation.outcome == .notApplicable ? nil : observation.credit
                    ))
            }
            let outcome = observations.map(\.outcome).max() ?? .unknown
            // A check earns the least of its findings' credits; graded findings carry their own.
            let credits = observations.compactMap { $0.outcome == .notApplicable ? nil : ($0.credit ?? rules.credit(of: $0.outcome)) }
            checks.append(
                CheckResult(
                    id: definition.id, title: definition.title, dimension: definition.dimension, severity: definition.severity,
                    outcome: outcome, credit: outcome == .notApplicable ? nil : credits.min().map { min(max($0, 0), 1) }, findingIDs: ids
                ))
        }
        let dimensions = Dimension.allCases.map { dimension in
            scoreDimension(dimension, checks: checks.filter { $0.dimension == dimension })
        }
        let scored = dimensions.filter { $0.score != nil }
        let totalWeight = scored.reduce(0) { $0 + $1.weight }
        let rawScore = totalWeight > 0 ? scored.reduce(0) { $0 + $1.weight * ($1.score ?? 0) } / totalWeight : 0
        let coverage = totalWeight > 0 ? scored.reduce(0) { $0 + $1.weight * $1.coverage } / totalWeight : 0
        let score = (rawScore * 10).rounded() / 10

        let evidence = EvidenceSeen(snapshot)
        let (grade, label, gates) = applyGates(score: score, checks: checks, findings: findings, evidence: evidence)
        return Rating(
            subject: snapshot.subject, methodology: methodology.identity, score: score, grade: grade, label: label,
            coverage: (coverage * 1000).rounded() / 1000, gates: gates, dimensions: dimensions, checks: checks,
            findings: findings, facts: ModelFacts(snapshot), evidence: evidence
        )
    }

    /// The first `maxFindingsPerCheck` observations (a repository of 100,000 broken shards must not make a rating of
    /// 100,000 findings, hundreds of megabytes of JSON) as they are; the rest, one summary per outcome and severity,
    /// naming how many there were and the first few files. Each summary keeps its group's outcome, severity and lowest
    /// credit, so the check's outcome and credit and every gate come out exactly as they would from all of them.
    static func bounded(_ observations: [Observation], rules: RatingRules) -> [Observation] {
        let maxFindingsPerCheck = rules.maxFindingsPerCheck
        guard observations.count > maxFindingsPerCheck else { return observations }
        var kept = Array(observations.prefix(maxFindingsPerCheck))
        var groups: [[Observation]] = []
        for observation in observations.dropFirst(maxFindingsPerCheck) {
            if let index = groups.firstIndex(where: { $0[0].outcome == observation.outcome && $0[0].severity == observation.severity }) {
                groups[index].append(observation)
            } else {
                groups.append([observation])
            }
        }
        for group in groups {
            let first = group[0]
            let credit = first.outcome == .notApplicable ? nil : group.compactMap { $0.credit ?? rules.credit(of: $0.outcome) }.min()
            kept.append(
                Observation(
                    first.outcome,
                    "… and \(group.count) more finding\(group.count == 1 ? "" : "s") like these (\(first.outcome.rawValue)), not listed one by one; the first: \(first.message)",
                    remediation: first.remediation, evidence: Array(group.flatMap(\.evidence).prefix(4)), severity: first.severity,
                    credit: credit))
        }
        return kept
    }

    private func scoreDimension(_ dimension: Dimension, checks: [CheckResult]) -> DimensionResult {
        var applicable = checks.filter { $0.credit != nil }
        // Without an applicable anchor check the dimension is not rated: no model file means nothing to call safe.
        if let anchors = rules.dimensionAnchors[dimension], !applicable.contains(where: { anchors.contains($0.id) }) { applicable = [] }
        let weight = applicable.reduce(0) { $0 + rules.weight(of: $1.severity) }
        let earned = applicable.reduce(0) { $0 + rules.weight(of: $1.severity) * ($1.credit ?? 0) }
        let assessed = applicable.filter { $0.outcome != .unknown }.reduce(0) { $0 + rules.weight(of: $1.severity) }
        return DimensionResult(
            dimension: dimension, weight: methodology.weight(of: dimension),
            score: weight > 0 ? (100 * earned / weight * 10).rounded() / 10 : nil,
            coverage: weight > 0 ? assessed / weight : 1, applicableChecks: applicable.count
        )
    }

    /// The gates (docs/methodology.md, "Score, gates, grade, coverage"), applied after the score, in a fixed order.
    private func applyGates(score: Double, checks: [CheckResult], findings: [Finding], evidence: EvidenceSeen) -> (Grade?, String, [GateResult]) {
        func ids(_ predicate: (Finding) -> Bool) -> [String] { findings.filter(predicate).map(\.id) }
        let unsafe = ids { $0.outcome == .unsafe }
        let contradicted = ids { $0.outcome == .contradicted }
        let noLicense = ids { $0.check == methodology.licenseDeclaredCheck && $0.outcome == .absent }
        let blind = ids { $0.outcome == .unknown && $0.severity >= rules.incompleteAtSeverity }

        var grade = rules.grade(for: score)
        var gates: [GateResult] = []
        gates.append(GateResult(gate: .unsafe, triggered: !unsafe.isEmpty, effect: "grade F (F-unsafe)", findingIDs: unsafe))
        if !noLicense.isEmpty { grade = grade.capped(at: rules.noLicenseCap) }
        gates.append(
            GateResult(gate: .noLicense, triggered: !noLicense.isEmpty, effect: "grade at most \(rules.noLicenseCap.rawValue)", findingIDs: noLicense)
        )
        if !contradicted.isEmpty { grade = grade.lowered.capped(at: rules.contradictedCap) }
        gates.append(
            GateResult(
                gate: .contradicted, triggered: !contradicted.isEmpty, effect: "one grade lower, at most \(rules.contradictedCap.rawValue)",
                findingIDs: contradicted))
        // A top grade needs the artifacts, not only a card: no weights seen caps the grade, no licence text too.
        var partial: [String] = []
        var cap: Grade?
        if !(evidence.weights && evidence.allShards), let weightsCap = rules.noWeightsCap {
            partial.append(evidence.weights ? "shards missing" : "no weights")
            cap = weightsCap
        }
        if !evidence.licenseText, let textCap = rules.noLicenseTextCap {
            partial.append("no licence text")
            cap = max(cap ?? textCap, textCap)
        }
        if let cap { grade = grade.capped(at: cap) }
        let anchors = (rules.dimensionAnchors[.artifactSafety] ?? []) + [methodology.licenseDeclaredCheck]
        gates.append(
            GateResult(
                gate: .partialEvidence, triggered: cap != nil,
                effect: cap.map { "grade at most \($0.rawValue) (\(partial.joined(separator: ", ")) in these files)" } ?? "grade not capped",
                findingIDs: cap == nil ? [] : ids { anchors.contains($0.check) }))
        gates.append(GateResult(gate: .incomplete, triggered: !blind.isEmpty, effect: "no grade (incomplete)", findingIDs: blind))

        if !unsafe.isEmpty { return (.f, "F-unsafe", gates) }
        if !blind.isEmpty { return (nil, "incomplete", gates) }
        return (grade, contradicted.isEmpty ? grade.rawValue : grade.rawValue + "⚠", gates)
    }
}

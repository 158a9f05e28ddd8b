import Testing

@testable import TrustmarkCore

/// A probe that reports what it is told, so the scoring rules can be tested on their own.
struct FixedProbe: Probe {
    var observations: [Observation]
    func observe(_ snapshot: Snapshot) -> [Observation] { observations }
}

func observation(_ outcome: Outcome) -> Observation {
    Observation(outcome, "fixed \(outcome.rawValue)", evidence: [.file("x")])
}

/// A methodology with one check per (id, dimension, severity, outcomes).
func methodology(_ checks: [(String, Dimension, Severity, [Outcome])]) -> Methodology {
    Methodology(
        identity: MethodologyIdentity(id: "TEST", version: "0"), published: "", changes: [],
        checks: checks.map { id, dimension, severity, outcomes in
            CheckDefinition(
                CheckID(id), dimension, severity, id, rationale: "", reads: "", outcomes: outcomes,
                probe: FixedProbe(observations: outcomes.map(observation)))
        },
        rules: scoringOnly, licenseDeclaredCheck: .licenseDeclared)
}

/// TM-1's numbers without the dimension anchors, so these tests see the scoring arithmetic on its own.
let scoringOnly: RatingRules = {
    var rules = RatingRules.tm1
    rules.dimensionAnchors = [:]
    return rules
}()

/// A snapshot that holds the evidence a top grade needs (weights and a licence text), and nothing a probe reads.
let emptySnapshot = Snapshot(
    subject: Subject(name: "t", revision: nil, digest: nil, source: .folder), files: [],
    weights: WeightsInventory(files: [WeightFileFacts(path: "m.safetensors", format: .safetensors, size: 8)]),
    licenses: LicenseAnalysis(catalogVersion: "t", declared: nil, files: [LicenseFileAnalysis(path: "LICENSE", role: .license, verdict: .exact)]))

/// A snapshot of a card alone: no weights, no licence text.
let cardOnlySnapshot = Snapshot(subject: Subject(name: "t", revision: nil, digest: nil, source: .folder), files: [])

@Suite("Scoring, gates and coverage")
struct RatingEngineTests {
    @Test func weightsChecksBySeverityAndDimensionsByMethodology() {
        let rating = RatingEngine(
            methodology: methodology([
                ("L1", .license, .critical, [.pass]),
                ("D1", .documentation, .high, [.pass]), ("D2", .documentation, .low, [.absent]),
                ("A1", .artifactSafety, .medium, [.claimed]),
            ])
        ).rate(emptySnapshot)
        let documentation = rating.dimensions.first { $0.dimension == .documentation }
        #expect(documentation?.score == 75)  // 7.5 / (7.5 + 2.5)
        #expect(rating.dimensions.first { $0.dimension == .artifactSafety }?.score == 50)
        #expect(rating.dimensions.first { $0.dimension == .provenance }?.score == nil)
        // (25·100 + 25·75 + 30·50) / 80
        #expect(rating.score == 73.4)
        #expect(rating.grade == .b)
        #expect(rating.label == "B")
        #expect(rating.coverage == 1)
    }

    @Test func notApplicableChecksLeaveTheDenominator() {
        let withNA = RatingEngine(methodology: methodology([("L1", .license, .critical, [.pass]), ("L2", .license, .high, [.notApplicable])])).rate(
            emptySnapshot)
        #expect(withNA.score == 100)
        #expect(withNA.checks[1].credit == nil)
    }

    @Test func aCheckTakesItsWorstFinding() {
        let rating = RatingEngine(methodology: methodology([("L1", .license, .critical, [.pass, .absent, .claimed])])).rate(emptySnapshot)
        #expect(rating.checks[0].outcome == .absent)
        #expect(rating.checks[0].findingIDs == ["L1#1", "L1#2", "L1#3"])
        #expect(rating.findings.map(\.id) == ["L1#1", "L1#2", "L1#3"])
    }

    @Test func unsafeFailsTheGradeWhateverTheScore() {
        let rating = RatingEngine(
            methodology: methodology([
                ("L1", .license, .critical, [.pass]), ("D1", .documentation, .high, [.pass]), ("A3", .artifactSafety, .low, [.unsafe]),
                ("A1", .artifactSafety, .critical, [.pass]),
            ])
        ).rate(emptySnapshot)
        #expect(rating.score > 85)
        #expect(rating.grade == .f)
        #expect(rating.label == "F-unsafe")
        #expect(rating.isUnsafe)
        #expect(rating.gates.first { $0.gate == .unsafe }?.findingIDs == ["A3#1"])
    }

    @Test func missingLicenseCapsAtD() {
        let rating = RatingEngine(
            methodology: methodology([
                ("L1", .license, .low, [.absent]), ("D1", .documentation, .high, [.pass]), ("A1", .artifactSafety, .high, [.pass]),
                ("P1", .provenance, .high, [.pass]), ("S1", .stewardship, .high, [.pass]),
            ])
        ).rate(emptySnapshot)
        #expect(rating.score == 75)
        #expect(rating.grade == .d)
    }

    @Test func contradictionLowersOneLetterAndCapsAtB() {
        let strong = RatingEngine(
            methodology: methodology([
                ("L1", .license, .critical, [.pass]), ("D1", .documentation, .critical, [.pass]), ("D3", .documentation, .low, [.contradicted]),
                ("A1", .artifactSafety, .high, [.pass]), ("P1", .provenance, .high, [.pass]), ("S1", .stewardship, .high, [.pass]),
            ])
        ).rate(emptySnapshot)
        #expect(RatingRules.tm1.grade(for: strong.score) == .a)
        #expect(strong.grade == .b)
        #expect(strong.label == "B⚠")
        let weak = RatingEngine(methodology: methodology([("L1", .license, .critical, [.claimed]), ("D3", .documentation, .low, [.contradicted])]))
            .rate(emptySnapshot)
        #expect(weak.grade == RatingRules.tm1.grade(for: weak.score).lowered)
    }

    @Test func highUnknownMakesTheRatingIncomplete() {
        let rating = RatingEngine(methodology: methodology([("L1", .license, .critical, [.pass]), ("A5", .artifactSafety, .high, [.unknown])]))
            .rate(emptySnapshot)
        #expect(rating.grade == nil)
        #expect(rating.label == "incomplete")
        #expect(rating.isIncomplete)
        #expect(rating.coverage < 1)
        let lowUnknown = RatingEngine(methodology: methodology([("L1", .license, .critical, [.pass]), ("S2", .stewardship, .low, [.unknown])]))
            .rate(emptySnapshot)
        #expect(lowUnknown.grade != nil)
        // Stewardship (weight 10) could not be assessed; license (25) could: 25 / 35.
        #expect(lowUnknown.coverage == 0.714)
    }

    @Test(arguments: [(85.0, Grade.a), (84.9, .b), (70, .b), (69.9, .c), (55, .c), (40, .d), (39.9, .f), (0, .f)])
    func gradeThresholds(score: Double, grade: Grade) {
        #expect(RatingRules.tm1.grade(for: score) == grade)
    }

    /// No weights caps the grade at C, no licence text at B (issue 13: a README alone earned an A).
    @Test func partialEvidenceCapsTheGrade() {
        let strong = methodology([("L1", .license, .critical, [.pass]), ("D1", .documentation, .high, [.pass])])
        #expect(RatingEngine(methodology: strong).rate(emptySnapshot).grade == .a)
        let bare = RatingEngine(methodology: strong).rate(cardOnlySnapshot)
        #expect(bare.score == 100 && bare.grade == .c && bare.label == "C")
        let gate = bare.gates.first { $0.gate == .partialEvidence }
        #expect(gate?.triggered == true && gate?.effect.contains("no weights, no licence text") == true)
        #expect(bare.evidence?.weights == false && bare.evidence?.licenseText == false)
        var licenceOnly = emptySnapshot
        licenceOnly.weights = WeightsInventory()
        #expect(RatingEngine(methodology: strong).rate(licenceOnly).grade == .c)
        var weightsOnly = emptySnapshot
        weightsOnly.licenses = nil
        #expect(RatingEngine(methodology: strong).rate(weightsOnly).grade == .b)
        #expect(RatingEngine(methodology: strong).rate(emptySnapshot).gates.first { $0.gate == .partialEvidence }?.triggered == false)
    }

    /// Artifact safety is rated only when an anchor check (A1, A2) applies: with no model file, not 100 but not rated.
    @Test func aDimensionWithoutItsAnchorIsNotRated() {
        var anchored = methodology([
            ("L1", .license, .critical, [.pass]), ("A3", .artifactSafety, .medium, [.pass]), ("A1", .artifactSafety, .high, [.notApplicable]),
        ])
        anchored.rules = .tm1
        let rating = RatingEngine(methodology: anchored).rate(emptySnapshot)
        #expect(rating.dimensions.first { $0.dimension == .artifactSafety }?.score == nil)
        anchored.checks[2].probe = FixedProbe(observations: [observation(.pass)])
        #expect(RatingEngine(methodology: anchored).rate(emptySnapshot).dimensions.first { $0.dimension == .artifactSafety }?.score == 100)
    }

    @Test func aSilentProbeIsUnknownNotPass() {
        let rating = RatingEngine(methodology: methodology([("L1", .license, .critical, [])])).rate(emptySnapshot)
        #expect(rating.checks[0].outcome == .unknown)
    }
}

@Suite("bounded findings")
struct BoundedFindingsTests {
    /// A check of thousands of findings lists 100 and summarises the rest, without changing its outcome, its credit
    /// or any gate (issue 11: 100,000 broken shards made a rating of 100,000 findings and 660 MiB).
    @Test func surplusFindingsAreSummarisedWithoutChangingTheRating() {
        var observations = (0..<150).map { Observation(.pass, "file \($0) is fine", evidence: [.file("f\($0)")]) }
        observations += (0..<60).map { Observation(.unknown, "file \($0) unread", evidence: [.file("u\($0)")], severity: .high) }
        observations.append(Observation(.unsafe, "file z runs code", evidence: [.file("z")], severity: .critical))
        observations += (0..<40).map { Observation(.claimed, "claim \($0)", evidence: [.file("c\($0)")], credit: 0.25 + Double($0) / 100) }
        let bounded = RatingEngine.bounded(observations, rules: .tm1)
        #expect(bounded.count == RatingRules.tm1.maxFindingsPerCheck + 4)
        #expect(Array(bounded.prefix(100)) == Array(observations.prefix(100)))
        #expect(bounded.map(\.outcome).max() == observations.map(\.outcome).max())
        let credit = { (list: [Observation]) in list.compactMap { $0.credit ?? RatingRules.tm1.credit(of: $0.outcome) }.min() }
        #expect(credit(bounded) == credit(observations))
        #expect(bounded.contains { $0.outcome == .unsafe && $0.severity == .critical && $0.message.contains("1 more finding") })
        #expect(bounded.contains { $0.outcome == .unknown && $0.severity == .high && $0.message.contains("60 more findings") })
        #expect(bounded.allSatisfy { !$0.evidence.isEmpty })
        #expect(RatingEngine.bounded(Array(observations.prefix(100)), rules: .tm1) == Array(observations.prefix(100)))
    }
}

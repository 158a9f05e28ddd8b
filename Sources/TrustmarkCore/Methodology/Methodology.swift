/// A named, versioned set of checks and the numbers that score them. Ratings under the same methodology version are
/// comparable; changing a check, a weight, a threshold or a gate makes a new version. Versions are registered
/// append-only in `Methodology.versions` (the way database migrations are), and a version once published is never
/// edited: the golden tests pin each version's check table.
public struct Methodology: Sendable {
    public var identity: MethodologyIdentity
    /// The day the version was published.
    public var published: String
    /// What changed from the version before, one line per change (docs/methodology-changelog.md says more).
    public var changes: [String]
    public var checks: [CheckDefinition]
    public var rules: RatingRules
    /// The check whose ABSENT outcome caps the grade (see `RatingRules.noLicenseCap`).
    public var licenseDeclaredCheck: CheckID

    public func weight(of dimension: Dimension) -> Double { rules.weight(of: dimension) }

    public func definition(_ id: CheckID) -> CheckDefinition? { checks.first { $0.id == id } }

    /// Whether this build can rate with it: a frozen version keeps its table, but its rules are no longer in the code.
    public var isRunnable: Bool { checks.allSatisfy { $0.probe != nil } }
}

extension Methodology {
    /// Every version, oldest first. Append a new one; never edit or remove one.
    public static let versions: [Methodology] = [tm1_0, tm1_1, tm1_2]

    /// The version this build rates with: the newest. Named directly so that a rating does not build the tables of
    /// every older version first (a test keeps it equal to the last of `versions`).
    public static var current: Methodology { tm1_2 }

    /// A version by its name (`TM-1.1`) or number (`1.1`).
    public static func named(_ text: String) -> Methodology? {
        versions.first { $0.identity.name == text || $0.identity.version == text }
    }

    /// TM-1.2: the current rules — how the card's claims are read on real repositories (issue 13, second part).
    static let tm1_2: Methodology = {
        let rules = RatingRules.tm1
        return Methodology(
            identity: MethodologyIdentity(id: "TM", version: "1.2"), published: "2026-12-01",
            changes: [
                "D7: only a paper the card presents as the model's own counts — in a citation entry (BibTeX, fenced or not), in the card's header, or on a line that calls it a paper, report or preprint; a line citing others (\"et al.\") never counts. Its values say how many are arXiv preprints.",
                "D4: dataset links exclude images and files kept in dataset repositories, benchmarks in evaluation sections or lines, and a tutorial's sample data; Hub collections on a line about data count; statements about proprietary models or negated ones (\"without … proprietary LLMs\") are not withheld data; a PASS says whether the card also withholds data.",
                "D2: a heading that names evaluation data (\"Evaluation datasets\") is an evaluation section, not a training-data one.",
                "D6: the accelerators training ran on (\"384 H100\", \"4 to 16 Cloud TPUs\") in a training or hardware section or on a line about training disclose compute; \"FLOPs\" counts only as a FLOP quantity (a comparison of inference FLOPs is not training compute).",
                "L3: a licence the card's text requires for the model that is more restrictive than its licence files governs (CLAIMED, half credit: no text of it is in the repository); a licence file whose title names a catalog licence with no reference text is identified by that title and graded from the catalog and its own clauses (it was unknown).",
                "P1: derivation phrases count as whole words (\"Based on these conversations\" is not \"based on the\").",
                "Licence statements: a statement about the code is not the model's licence; a statement ends with its sentence and may run on to the next line; a card stating one licence per model agrees with a file carrying any of them; a short licence file stating licences in prose is read as that statement (the most restrictive governs).",
                "D3.parameters: a line listing three or more sizes describes a family; only the size the name agrees with is kept from it.",
                "Licence texts: a catalog text followed by other works' licences is that licence (the appended clauses are the components', listed apart, at no cost); a licence with a name of its own over a modified text is identified by that name; a variant is graded down only for clauses its catalog text lacks; definitions and uses of defined terms in a capped licence are not non-commercial clauses; a negation counts only in its sentence; \"domiciled in\" names its place.",
            ],
            checks: tm1_1Checks(rules), rules: rules, licenseDeclaredCheck: .licenseDeclared)
    }()

    /// The check set TM-1.1 introduced, with the current build's probes.
    static func tm1_1Checks(_ rules: RatingRules) -> [CheckDefinition] {
        [
            .licenseDeclared(rules), .licenseConsistency(rules), .licenseGrade(rules), .licenseRestrictions(rules), .baseLicense(rules),
            .cardParses(rules),
        ] + CheckDefinition.cardSections.map { CheckDefinition.cardSection($0.0, $0.1, rules) } + [
            .parameterCount(rules), .architecture(rules), .trainingData(rules), .evaluationProvenance(rules), .computeDisclosure(rules),
            .technicalReport(rules),
            .safeSerialization(rules), .artifactCode(rules), .remoteCode(rules), .weightIntegrity(rules), .chatTemplate(rules),
            .baseModel(rules), .publisher(rules),
            .securityContact(rules), .changelog(rules),
        ]
    }

    /// TM-1.1, published 2026-12-01: 29 checks. Frozen: its ratings read back and its table prints as published, but
    /// this build rates with TM-1.2 (see `tm1_2.changes`).
    static let tm1_1: Methodology = {
        let rules = RatingRules.tm1
        // The table as TM-1.1 published it: D7's reading was restated in TM-1.2.
        let published: [CheckID: String] = [.technicalReport: "links in the card (arXiv, DOI, Hub papers)"]
        return Methodology(
            identity: MethodologyIdentity(id: "TM", version: "1.1"), published: "2026-12-01",
            changes: [
                "New checks: L2 (declaration matches the text), L3 (openness grade A-I, graded credit), L4 (restrictive clauses, up to 15% off for modifiers), L5 (base-model licence kept), A2 (no model file runs code on load, from static scans), A9 (chat templates are inert).",
                "L1: a relative `license_link` must name a file in the repository; a licence the card's text states about the model (\"the weights are distributed under the Apache 2.0 license\") is CLAIMED, not ABSENT, when the metadata declares none.",
                "D3.parameters counts ONNX and Keras weights when there are no safetensors or GGUF headers; a claim sharing its line with an activated count keeps the total; bounds (fewer than, over), years, numbers glued to letters and qualified table rows are not claims.",
                "A2 is UNKNOWN (not NOT_APPLICABLE) while the file listing has gaps or a file that could carry code could not be read.",
                "At most 100 findings a check; the rest are summarised per outcome and severity with the same outcome, credit and gates.",
                "Text files with CRLF line ends are read line by line (they were one line: no front matter, no sections, every licence clause on line 1).",
                "A verbatim licence text with its own title, a year-less copyright line or https:// URLs is exact, not a variant (L2 no longer CONTRADICTED for it).",
                "Licence files named for the code (LICENSE-CODE, CODE_LICENSE) are the code's licence: never graded as the model's, and not its restrictions (L1, L3, L4).",
                "D2: sections are found in the bold-field template (**Label:** text), under more English headings and in Chinese; Chinese text counts two ideographs a word.",
                "Missing is not negative: a rating that saw no weights is at most C, one that saw no licence text at most B (the partial-evidence gate); Artifact safety is not rated without a file that could carry code or weights (it showed 100); a shard an index names but a local folder lacks is UNKNOWN (a partial download), CONTRADICTED only in a whole Hub or ModelScope listing.",
            ],
            checks: tm1_1Checks(rules).map { check in
                var frozen = check.frozen()
                if let reads = published[check.id] { frozen.reads = reads }
                return frozen
            },
            rules: rules, licenseDeclaredCheck: .licenseDeclared)
    }()

    /// TM-1.0, first published 2026-11-29: 23 checks. Frozen: its ratings read back and its table prints, but this
    /// build rates with TM-1.2 (whose rules for these checks have since changed; see `tm1_1.changes`, `tm1_2.changes`).
    static let tm1_0: Methodology = {
        let rules = RatingRules.tm1_0
        let kept: [CheckID] =
            [
                .licenseDeclared, .cardParses, .parameterCount, .architecture, .trainingData, .evaluationProvenance, .computeDisclosure,
                .technicalReport, .safeSerialization, .remoteCode, .weightIntegrity, .baseModel, .publisher, .securityContact, .changelog,
            ] + CheckDefinition.cardSections.map { CheckID.section($0.0) }
        return Methodology(
            identity: MethodologyIdentity(id: "TM", version: "1.0"), published: "2026-11-29", changes: ["First version."],
            checks: tm1_1.checks.filter { kept.contains($0.id) }, rules: rules, licenseDeclaredCheck: .licenseDeclared)
    }()
}

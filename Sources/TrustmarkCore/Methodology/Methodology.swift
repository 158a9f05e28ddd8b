/// A named, versioned set of checks, weights and gates. Ratings under the same methodology version
/// are comparable; changing a check, a weight or a gate makes a new version (docs/methodology.md).
public struct Methodology: Sendable {
    public var identity: MethodologyIdentity
    public var checks: [CheckDefinition]
    public var dimensionWeights: [Dimension: Double]
    /// The check whose ABSENT outcome caps the grade at D.
    public var licenseDeclaredCheck: CheckID

    public func weight(of dimension: Dimension) -> Double { dimensionWeights[dimension] ?? 0 }

    public func definition(_ id: CheckID) -> CheckDefinition? { checks.first { $0.id == id } }
}

extension Methodology {
    /// TM-1.0: the first published check set (see docs/methodology.md for each check's rules).
    public static let tm1 = Methodology(
        identity: MethodologyIdentity(id: "TM", version: "1.0"),
        checks: [
            CheckDefinition(
                "L1", .license, .critical, "License declared",
                rationale: "Nobody can adopt a model whose terms are unknown.", probe: LicenseDeclaredProbe()),
            CheckDefinition(
                "L2", .license, .high, "License declaration matches the license text",
                rationale: "A tag that says one license over a file that holds another misleads every tool that reads the tag.",
                probe: LicenseConsistencyProbe()),
            CheckDefinition(
                "L3", .license, .high, "License openness grade",
                rationale: "How freely the model may be used, changed and shared, from A (permissive) to I (none).", probe: LicenseGradeProbe()),
            CheckDefinition(
                "L4", .license, .medium, "License restrictions",
                rationale: "Caps, bans, naming duties and policies that can change are what adopters must comply with.",
                probe: LicenseRestrictionsProbe()),
            CheckDefinition(
                "L5", .license, .high, "License compatible with the base model",
                rationale: "A derivative cannot shed the obligations of its base model's license.", probe: BaseLicenseProbe()),
            CheckDefinition(
                "D1", .documentation, .high, "Model card parses",
                rationale: "Tools read the card's metadata; broken YAML hides every declaration in it.", probe: CardParsesProbe()),
        ]
            + SectionSubstanceProbe.sectionChecks.map { kind, severity in
                CheckDefinition(
                    CheckID("D2.\(kind.rawValue)"), .documentation, severity, "Card section: \(kind.title)",
                    rationale: "A section counts when it says something specific, not when a template heading is present.",
                    probe: SectionSubstanceProbe(kind: kind))
            } + [
                CheckDefinition(
                    "D3.parameters", .documentation, .high, "Parameter count matches the weights",
                    rationale: "A size stated in the card or the name must agree with the tensor headers.", probe: ParameterCountProbe()),
                CheckDefinition(
                    "D3.architecture", .documentation, .high, "Architecture matches config and weights",
                    rationale: "The architecture the card names must be the one config.json and the weights implement.",
                    probe: ArchitectureProbe()),
                CheckDefinition(
                    "D4", .documentation, .high, "Training data disclosed",
                    rationale: "Data is the largest unknown in a model; named, resolvable datasets let others check it.",
                    probe: TrainingDataProbe()),
                CheckDefinition(
                    "D5", .documentation, .medium, "Evaluation provenance",
                    rationale: "Results with a source can be reproduced; tables typed into a card are self-reported.",
                    probe: EvaluationProvenanceProbe()),
                CheckDefinition(
                    "D6", .documentation, .low, "Compute and energy disclosed",
                    rationale: "Training compute decides systemic-risk status (EU AI Act Art. 51) and environmental cost.",
                    probe: ComputeDisclosureProbe()),
                CheckDefinition(
                    "D7", .documentation, .medium, "Technical report linked",
                    rationale: "A paper or report is where methods are described in enough detail to scrutinise.",
                    probe: TechnicalReportProbe()),
                CheckDefinition(
                    "A1", .artifactSafety, .high, "Safe serialization",
                    rationale: "Pickle-based weights (.bin, .pt, .ckpt) can run code when loaded; safetensors and GGUF cannot.",
                    probe: SafeSerializationProbe()),
                CheckDefinition(
                    "A2", .artifactSafety, .critical, "No model file runs code on load",
                    rationale: "Pickles import and call Python when loaded; archives and H5 files can hide them. Files are read statically, by content.",
                    probe: ArtifactCodeProbe()),
                CheckDefinition(
                    "A3", .artifactSafety, .medium, "No repository code runs on load",
                    rationale: "auto_map and *.py files run with trust_remote_code; dangerous calls in them are a direct risk.",
                    probe: RemoteCodeProbe()),
                CheckDefinition(
                    "A5", .artifactSafety, .medium, "Weight files are intact",
                    rationale: "Headers must follow the format rules and shard indexes must match the shards.",
                    probe: WeightIntegrityProbe()),
                CheckDefinition(
                    "A9", .artifactSafety, .medium, "Chat templates are inert",
                    rationale: "Jinja templates rendered without a sandbox can reach Python (CVE-2024-34359); hidden URLs can steer a model.",
                    probe: ChatTemplateProbe()),
                CheckDefinition(
                    "P1", .provenance, .high, "Base model declared",
                    rationale: "A derivative inherits its base model's license, data and risks; the base must be named.",
                    probe: BaseModelProbe()),
                CheckDefinition(
                    "P3", .provenance, .low, "Publisher identified",
                    rationale: "Someone must be accountable for the model.", probe: PublisherProbe()),
                CheckDefinition(
                    "S1", .stewardship, .medium, "Security contact",
                    rationale: "Vulnerabilities and harmful behaviour need somewhere to be reported.", probe: SecurityContactProbe()),
                CheckDefinition(
                    "S2", .stewardship, .low, "Changelog and versioning",
                    rationale: "Users need to know what changed between revisions.", probe: ChangelogProbe()),
            ],
        dimensionWeights: [.license: 25, .documentation: 25, .artifactSafety: 30, .provenance: 10, .stewardship: 10],
        licenseDeclaredCheck: "L1"
    )
}

import TrustmarkCore

/// What the Markdown and HTML reports show, in order (docs/outputs.md): the grade and
/// why, gates, dimension bars, coverage, unsafe and contradicted findings first, the full check table with evidence
/// links, framework labels, and the model's facts. Both renderers read this one structure.
struct ReportDocument {
    struct Row {
        var check: String
        var title: String
        var outcome: String
        var message: String
        var remediation: String?
        var evidence: [(text: String, link: String?)]
    }

    var title: String
    var subtitle: String
    var grade: String
    var score: String
    var coverage: String
    var gates: [String]
    /// "capped", "allowed, with conditions", …, and the conditions with where they are.
    var commercialUse: String
    var commercialConditions: [String]
    /// What loading the model does, in one line (the terminal report's).
    var loading: String
    var dimensions: [(name: String, score: Double?, weight: Double)]
    var urgent: [Row]
    var rows: [Row]
    var frameworks: [FrameworkLabel]
    var facts: [(String, String)]

    init(_ record: RatingRecord) {
        let rating = record.rating
        title = rating.subject.name
        subtitle =
            "Trustmark \(rating.methodology.name) · " + (rating.subject.revision.map { "commit \($0.prefix(12))" } ?? "local files")
            + (rating.subject.digest.map { " · \($0.prefix(19))…" } ?? "")
        grade = rating.label
        score = String(format: "%.1f", rating.score)
        coverage = "\(Int((rating.coverage * 100).rounded()))%"
        gates = rating.gates.filter(\.triggered).map { "\($0.gate.rawValue): \($0.effect)" }
        loading = TerminalReport.loadingSummary(rating, style: TerminalStyle(colors: false))
        let commercial = rating.commercialUse
        commercialUse = commercial.answer.phrase + (commercial.conditions.isEmpty ? " — \(commercial.basis)" : " (\(commercial.basis))")
        commercialConditions = commercial.conditions.map { condition in
            condition.text + (condition.path.map { path in " — " + (condition.line.map { "\(path):\($0)" } ?? path) } ?? "")
        }
        dimensions = rating.dimensions.map { ($0.dimension.title, $0.score, $0.weight) }
        let base =
            rating.subject.source == .hub || rating.subject.source == .huggingFaceCache
            ? rating.subject.revision.map { "https://huggingface.co/\(rating.subject.name)/blob/\($0)/" } : nil
        func row(_ finding: Finding) -> Row {
            let title = rating.checks.first { $0.id == finding.check }?.title ?? finding.check.rawValue
            let evidence = finding.evidence.prefix(4).map { item -> (String, String?) in
                var text = item.path ?? item.kind.rawValue
                var anchor = ""
                if let start = item.lineStart {
                    text += ":\(start)" + (item.lineEnd.map { $0 != start ? "-\($0)" : "" } ?? "")
                    anchor = "#L\(start)" + (item.lineEnd.map { $0 != start ? "-L\($0)" : "" } ?? "")
                }
                if let pointer = item.pointer { text += " \(pointer)" }
                if let snippet = item.snippet { text += " “\(snippet.prefix(120))”" }
                let link = item.path.flatMap { path in base.map { $0 + path + anchor } }
                return (text, link)
            }
            return Row(
                check: finding.check.rawValue, title: title, outcome: finding.outcome.rawValue, message: finding.message,
                remediation: finding.remediation, evidence: evidence)
        }
        urgent = rating.findings.filter { $0.outcome == .unsafe || $0.outcome == .contradicted }.map(row)
        let order: [Outcome] = [.unsafe, .contradicted, .unknown, .absent, .claimed, .pass, .notApplicable]
        rows = rating.findings.sorted { (order.firstIndex(of: $0.outcome) ?? 9, $0.check) < (order.firstIndex(of: $1.outcome) ?? 9, $1.check) }.map(
            row)
        frameworks = rating.frameworks
        var facts: [(String, String)] = []
        let f = rating.facts
        if let parameters = f.parameters {
            facts.append(
                (
                    "Parameters",
                    ParameterCount.format(parameters) + " ("
                        + f.parametersByDtype.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
                ))
        }
        if !f.architectures.isEmpty {
            facts.append(("Architecture", f.architectures.joined(separator: ", ") + (f.modelType.map { " (\($0))" } ?? "")))
        }
        if let context = f.contextLength { facts.append(("Context length", String(context))) }
        if let experts = f.experts { facts.append(("Experts", "\(experts)" + (f.expertsPerToken.map { ", \($0) per token" } ?? ""))) }
        facts.append(("Licence", (f.licenseID ?? f.license ?? "none") + (f.licenseGrade.map { " — openness grade \($0)" } ?? "")))
        let terms = rating.findings.filter { $0.check == .licenseRestrictions && $0.values["kind"] != nil }.map(\.message)
        if !terms.isEmpty { facts.append(("Licence terms", terms.joined(separator: " · "))) }
        if !f.baseModels.isEmpty { facts.append(("Lineage", "derived from " + f.baseModels.joined(separator: ", "))) }
        facts.append(("Formats", f.weightFormats.isEmpty ? "no weights" : f.weightFormats.joined(separator: ", ")))
        facts.append(("Files", "\(f.fileCount) files, \(f.totalBytes) bytes" + (f.unhashedFiles > 0 ? ", \(f.unhashedFiles) not hashed" : "")))
        if let hub = f.hub {
            facts.append(
                (
                    hub.platform == "modelscope" ? "ModelScope" : "Hub",
                    [
                        hub.gated.map { "gated: \($0)" }, hub.isPrivate == true ? "private" : nil, hub.downloads.map { "\($0) downloads (30 days)" },
                        hub.downloadsAllTime.map { "\($0) downloads (all time)" }, hub.likes.map { "\($0) likes" },
                        hub.createdAt.map { "created \($0.prefix(10))" },
                    ].compactMap { $0 }.joined(separator: " · ")
                ))
        }
        self.facts = facts
    }
}

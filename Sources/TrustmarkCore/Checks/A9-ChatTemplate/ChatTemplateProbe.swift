/// A9: chat templates (in configs, `chat_template.*` and GGUF metadata) contain no construct that
/// reaches Python objects when rendered without a sandbox, and no hidden URLs.
struct ChatTemplateProbe: Probe {
    func observe(_ snapshot: Snapshot) -> [Observation] {
        let templateFindings = snapshot.scans.flatMap { $0.findings.filter { $0.rule.hasPrefix("TPL-") } }
        let hasTemplate =
            ([snapshot.config].compactMap { $0 } + snapshot.auxiliaryConfigs).contains { $0.hasChatTemplate != nil }
            || snapshot.files.contains { $0.name.lowercased().hasPrefix("chat_template") || $0.name.lowercased().hasSuffix(".jinja") }
            || snapshot.scans.contains { $0.format == .gguf }
        guard !templateFindings.isEmpty else {
            if hasTemplate {
                return [
                    Observation(
                        .pass, "Chat templates hold no code-reaching constructs.",
                        evidence: [.listing(searched: "chat_template in configs, chat_template.*, *.jinja, GGUF metadata")])
                ]
            }
            return [
                Observation(
                    .notApplicable, "No chat template.",
                    evidence: [.listing(searched: "chat_template in configs, chat_template.*, *.jinja, GGUF metadata")])
            ]
        }
        return templateFindings.prefix(6).map { finding in
            let evidence =
                finding.line.map { Evidence.lines(finding.path, $0, snippet: finding.message) } ?? .file(finding.path, snippet: finding.message)
            if finding.severity >= .high {
                return Observation(
                    .unsafe, "\(finding.path): \(finding.message) [\(finding.rule)].",
                    remediation: "Remove the construct; render templates in a sandboxed environment.", evidence: [evidence],
                    values: ["rule": finding.rule], severity: .critical)
            }
            return Observation(
                .claimed, "\(finding.path): \(finding.message) [\(finding.rule)].", evidence: [evidence], values: ["rule": finding.rule])
        }
    }
}

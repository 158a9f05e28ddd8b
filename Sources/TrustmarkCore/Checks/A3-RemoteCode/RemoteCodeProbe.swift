import Foundation

/// A3: the model loads without running repository code. `auto_map` and `*.py` files mean
/// `trust_remote_code`; calls that run commands, evaluate strings or decode hidden payloads in
/// that code are UNSAFE.
struct RemoteCodeProbe: Probe {
    func observe(_ snapshot: Snapshot) -> [Observation] {
        let configs = [snapshot.config].compactMap { $0 } + snapshot.auxiliaryConfigs
        let autoMap = configs.flatMap(\.autoMap)
        let codeFiles = snapshot.files(of: .code)
        if autoMap.isEmpty && codeFiles.isEmpty {
            return [
                Observation(
                    .pass, "No auto_map entries and no Python files: loading runs no repository code.",
                    evidence: [.listing(searched: "*.py, auto_map in config.json and tokenizer_config.json")])
            ]
        }
        var observations: [Observation] = []
        for file in codeFiles {
            guard let document = snapshot.documents[file.path] else {
                observations.append(
                    Observation(
                        .unknown, "\(file.path) could not be read, so its code was not checked.", evidence: [.file(file.path)],
                        severity: .medium))
                continue
            }
            for hit in dangerousLines(document).prefix(5) {
                observations.append(
                    Observation(
                        .unsafe, "\(file.path):\(hit.line) \(hit.why) (`\(hit.pattern)`), and runs with trust_remote_code.",
                        remediation: "Remove the call, or move the model to code in a reviewed library.",
                        evidence: [document.evidence(lines: hit.line)], severity: .critical))
            }
        }
        let crossRepository = autoMap.filter { $0.value.utf8Contains("--") }
        for entry in crossRepository {
            let repository = entry.value.components(separatedBy: "--")[0]
            observations.append(
                Observation(
                    .absent, "auto_map loads code from another repository (\(repository)), which this rating does not cover.",
                    remediation: "Ship the code in this repository, or use a class from a released library.",
                    evidence: [entry.evidence], values: ["repository": repository]))
        }
        let files = codeFiles.map(\.path)
        let summary = [
            autoMap.isEmpty ? nil : "\(autoMap.count) auto_map entr\(autoMap.count == 1 ? "y" : "ies")",
            files.isEmpty ? nil : "\(files.count) Python file\(files.count == 1 ? "" : "s")",
        ].compactMap { $0 }.joined(separator: " and ")
        observations.append(
            Observation(
                .absent, "Loading needs trust_remote_code: \(summary) run repository code.",
                remediation: "Use an architecture supported by a released library so that no repository code runs.",
                evidence: autoMap.prefix(3).map(\.evidence) + files.prefix(3).map { .file($0) },
                values: ["autoMap": String(autoMap.count), "pythonFiles": String(files.count)]))
        return observations
    }

    /// Line-based, one rule set with `trustmark scan` (`RemoteCodeRules`): comments are dropped, and a pattern counts
    /// only where an identifier starts (`model.eval()` and `torch.compile(` are not `eval(` or `compile(`).
    func dangerousLines(_ document: TextDocument) -> [RemoteCodeRules.Hit] { RemoteCodeRules.dangerousLines(document) }
}

/// A2: no model file runs code when it is loaded. Pickles are walked statically against an allowlist
/// of model-file globals; archives, H5 files and unknown binaries are read by their magic bytes.
struct ArtifactCodeProbe: Probe {
    let rules: RatingRules

    func observe(_ snapshot: Snapshot) -> [Observation] {
        // Files the listing never showed could carry code: the check cannot pass while the listing has gaps.
        let gaps = snapshot.problems.filter { $0.incompleteListing == true }
        let gap =
            gaps.isEmpty
            ? []
            : [
                Observation(
                    .unknown,
                    "The file listing is incomplete (\(gaps.count) place\(gaps.count == 1 ? "" : "s")), so files that could carry code may not have been seen.",
                    evidence: gaps.prefix(4).map { .file($0.path, snippet: $0.message) }, severity: .medium)
            ]
        let scanned = scanObservations(snapshot)
        // "Nothing that could carry code" is not true of a listing with gaps: there it is only "could not check".
        if !gap.isEmpty, scanned.allSatisfy({ $0.outcome == .notApplicable }) { return gap }
        return gap + scanned
    }

    private func scanObservations(_ snapshot: Snapshot) -> [Observation] {
        // Chat templates are A9's; here only what runs when files are loaded.
        let scans = snapshot.scans.compactMap { scan -> FileScanReport? in
            var scan = scan
            scan.findings.removeAll { $0.rule.hasPrefix("TPL-") }
            return scan.format != .text && scan.format != .safetensors && scan.format != .gguf || !scan.findings.isEmpty ? scan : nil
        }
        guard !scans.isEmpty else {
            return [
                Observation(
                    .notApplicable, "No file that could carry code (pickle, archive, H5, unknown binary).",
                    evidence: [.listing(searched: "weights and unclassified files, by content")])
            ]
        }
        var observations: [Observation] = []
        for scan in scans {
            for finding in scan.findings.sorted(by: { $0.severity > $1.severity }).prefix(3) {
                let evidence = Evidence(
                    kind: .file, path: scan.path, snippet: [finding.opcode, finding.global].compactMap { $0 }.joined(separator: " "),
                    byteStart: finding.byteOffset, byteEnd: finding.byteOffset.map { $0 + 1 })
                let values = ["rule": finding.rule, "severity": finding.severity.rawValue, "format": scan.format.rawValue]
                switch rules.scanSeverityOutcomes[finding.severity] {
                case .unsafe:
                    observations.append(
                        Observation(
                            .unsafe, "\(scan.path): \(finding.message) [\(finding.rule)].",
                            remediation: "Do not load this file; publish the weights as safetensors.", evidence: [evidence],
                            values: values, severity: .critical))
                case .some(let outcome):
                    observations.append(
                        Observation(
                            outcome, "\(scan.path): \(finding.message) [\(finding.rule)].", evidence: [evidence],
                            values: values, severity: .medium))
                case nil:
                    continue
                }
            }
        }
        if observations.isEmpty {
            let imports = Set(scans.flatMap(\.imports)).sorted()
            return [
                Observation(
                    .pass,
                    "\(scans.count) file\(scans.count == 1 ? "" : "s") scanned statically; only allowlisted globals\(imports.isEmpty ? "" : " (\(imports.prefix(4).joined(separator: ", "))\(imports.count > 4 ? ", …" : ""))").",
                    evidence: scans.prefix(4).map { .file($0.path, snippet: $0.format.rawValue) })
            ]
        }
        return observations
    }
}

/// A1: the weights are published in a format that cannot run code when loaded.
struct SafeSerializationProbe: Probe {
    func observe(_ snapshot: Snapshot) -> [Observation] {
        let files = snapshot.files(of: .weights)
        guard !files.isEmpty else {
            return [Observation(.notApplicable, "The repository holds no weight files.", evidence: [.listing(searched: "weight files by extension")])]
        }
        let formats = Dictionary(grouping: snapshot.weights.files, by: \.format)
        let formatByPath = Dictionary(snapshot.weights.files.map { ($0.path, $0.format) }, uniquingKeysWith: { first, _ in first })
        let safe = files.filter { formatByPath[$0.path] == .safetensors || formatByPath[$0.path] == .gguf }
        let risky = snapshot.weights.files.filter(\.format.canExecuteCode)
        let riskyEvidence = risky.prefix(4).map { Evidence.file($0.path, snippet: "\($0.format.rawValue) weights") }
        if !safe.isEmpty && risky.isEmpty {
            return [
                Observation(
                    .pass, "All weights are in safe formats (\(safe.count) file\(safe.count == 1 ? "" : "s")).",
                    evidence: safe.prefix(4).map { .file($0.path) })
            ]
        }
        if !safe.isEmpty {
            return [
                Observation(
                    .pass,
                    "Safe weights are published; \(risky.count) pickle-based cop\(risky.count == 1 ? "y is" : "ies are") also present (loaders prefer safetensors).",
                    remediation: "Remove the pickle-based copies, or keep them only for legacy loaders.",
                    evidence: safe.prefix(2).map { .file($0.path) } + riskyEvidence)
            ]
        }
        if !risky.isEmpty {
            let kinds = Set(risky.map(\.format.rawValue)).sorted().joined(separator: ", ")
            return [
                Observation(
                    .absent, "Weights are only in formats that can run code on load (\(kinds)).",
                    remediation: "Publish safetensors weights (convert with `safetensors.torch.save_file`).", evidence: riskyEvidence)
            ]
        }
        let names = formats.keys.map(\.rawValue).sorted().joined(separator: ", ")
        return [
            Observation(
                .pass, "Weights are in formats that do not execute code on load (\(names)).",
                evidence: snapshot.weights.files.prefix(4).map { .file($0.path) })
        ]
    }
}

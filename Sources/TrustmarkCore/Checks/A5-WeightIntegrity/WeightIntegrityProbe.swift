/// A5: weight files follow their format's rules, and shard indexes match the shards.
struct WeightIntegrityProbe: Probe {
    let rules: RatingRules

    func observe(_ snapshot: Snapshot) -> [Observation] {
        let weights = snapshot.weights
        guard !weights.files.isEmpty || !weights.indexes.isEmpty else {
            return [Observation(.notApplicable, "No weight files.", evidence: [.listing(searched: "weight files and shard indexes")])]
        }
        var observations: [Observation] = []
        for problem in snapshot.problems where snapshot.file(problem.path)?.kind == .weights {
            observations.append(
                Observation(
                    .unknown, "\(problem.path) could not be read: \(problem.message).",
                    evidence: [.file(problem.path)], severity: .medium))
        }
        for file in weights.files {
            for problem in file.problems.prefix(3) {
                let location = problem.byteOffset.map { " at byte \($0)" } ?? ""
                let item = problem.item.map { " (\($0))" } ?? ""
                let evidence = Evidence(
                    kind: .file, path: file.path, snippet: problem.message, byteStart: problem.byteOffset,
                    byteEnd: problem.byteOffset.map { $0 + 1 })
                if problem.isFatal {
                    observations.append(
                        Observation(
                            .contradicted, "\(file.path) is not a valid \(file.format.rawValue) file\(location)\(item): \(problem.message).",
                            remediation: "Re-export the file with the reference library.", evidence: [evidence]))
                } else {
                    observations.append(
                        Observation(.claimed, "\(file.path)\(location)\(item): \(problem.message).", evidence: [evidence], severity: .low))
                }
            }
        }
        let present = Set(snapshot.files.map(\.path))
        for index in weights.indexes {
            observations.append(contentsOf: check(index, in: snapshot, present: present))
        }
        if observations.isEmpty {
            let readable = weights.readable
            return [
                Observation(
                    .pass,
                    "\(readable.count) weight file header\(readable.count == 1 ? "" : "s") valid\(weights.indexes.isEmpty ? "" : "; shard indexes match their shards").",
                    evidence: readable.prefix(4).map(\.headerEvidence) + weights.indexes.map { .file($0.path) })
            ]
        }
        return observations
    }

    private func check(_ index: ShardIndexFacts, in snapshot: Snapshot, present: Set<String>) -> [Observation] {
        if let problem = index.problem {
            return [
                Observation(
                    .contradicted, "\(index.path) cannot be used: \(problem.message).", remediation: "Regenerate the index.",
                    evidence: [.lines(index.path, problem.line)])
            ]
        }
        var observations: [Observation] = []
        let folder = index.folder
        let missing = index.shards.filter { !present.contains(folder + $0) }
        if !missing.isEmpty {
            // A local folder or cache holds what was downloaded: a missing shard there is a partial download (could not
            // check), not a contradiction. Only a whole Hub or ModelScope listing without the shard contradicts the index.
            let outcome: Outcome = snapshot.listsWholeRepository ? .contradicted : .unknown
            observations.append(
                Observation(
                    outcome,
                    "\(index.path) lists \(missing.count) shard\(missing.count == 1 ? "" : "s") that \(missing.count == 1 ? "is" : "are") not in the repository: \(missing.prefix(3).joined(separator: ", ")).",
                    remediation: "Publish every shard the index names.", evidence: [.file(index.path, snippet: "weight_map → \(missing[0])")],
                    severity: outcome == .unknown ? .medium : nil))
        }
        let indexed = Set(index.shards.map { folder + $0 })
        let format = index.path.hasSuffix(".safetensors.index.json") ? WeightFormat.safetensors : nil
        let stray = snapshot.weights.files.filter { file in
            file.format == format && !indexed.contains(file.path) && file.path.hasPrefix(folder)
                && !file.path.dropFirst(folder.count).utf8Contains("/") && WeightsInventory.shardStem(file.path) != file.path
        }
        for file in stray.prefix(3) {
            observations.append(
                Observation(
                    .contradicted, "\(file.path) looks like a shard but \(index.path) does not list it.",
                    remediation: "Regenerate the index or remove the stray shard.", evidence: [.file(file.path), .file(index.path)]))
        }
        if let declared = index.declaredTotalSize, missing.isEmpty {
            let shards = snapshot.weights.files.filter { indexed.contains($0.path) }
            if shards.count == index.shards.count, shards.allSatisfy({ $0.headerBytes != nil && $0.problems.allSatisfy { !$0.isFatal } }) {
                let dataBytes = shards.reduce(UInt64(0)) { $0 &+ ($1.size &- ($1.headerBytes?.upperBound ?? 0)) }
                let difference = declared.value > dataBytes ? declared.value - dataBytes : dataBytes - declared.value
                if Double(difference) > max(Double(declared.value) * rules.totalSizeTolerance, 1024) {
                    observations.append(
                        Observation(
                            .contradicted,
                            "\(index.path) declares total_size \(declared.value) bytes, but the shards hold \(dataBytes) bytes of tensor data.",
                            remediation: "Regenerate the index from the shards.",
                            evidence: [declared.evidence] + shards.prefix(2).map(\.headerEvidence),
                            values: ["declared": String(declared.value), "measured": String(dataBytes)]))
                }
            }
        }
        return observations
    }
}

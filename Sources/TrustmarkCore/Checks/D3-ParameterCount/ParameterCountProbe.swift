/// D3.parameters: a size claimed in the card text or the model's name agrees with the count read
/// from the weight headers.
struct ParameterCountProbe: Probe {
    let rules: RatingRules

    struct Claim {
        var count: Double
        var text: String
        var evidence: Evidence
        /// From a line that lists three or more sizes.
        var inFamilyListing = false
    }

    func observe(_ snapshot: Snapshot) -> [Observation] {
        let claims = ordered(card: cardClaims(snapshot.card), name: nameClaims(snapshot))
        let weights = snapshot.weights
        let counted = weights.counted
        let headerEvidence = counted.prefix(4).map(\.headerEvidence)

        guard let measured = weights.parameterCount else {
            if weights.files.isEmpty {
                if claims.isEmpty {
                    return [
                        Observation(
                            .notApplicable, "No weight files and no size claim: nothing to compare.",
                            evidence: [.listing(searched: "weight files, card size claims")])
                    ]
                }
                return [
                    Observation(
                        .claimed, "The card claims \(claims[0].text) parameters, but there are no weight files to check it against.",
                        evidence: claims.map(\.evidence), values: ["claimed": format(claims[0].count)])
                ]
            }
            let unreadable = weights.files.filter { $0.parameterCount == nil && [.safetensors, .gguf, .onnx].contains($0.format) }
            if !unreadable.isEmpty {
                return [
                    Observation(
                        .unknown, "The weight headers could not be read, so the parameter count is unknown.",
                        evidence: unreadable.prefix(4).map { .file($0.path, snippet: $0.problems.first?.message) })
                ]
            }
            let formats = weights.formats.map(\.rawValue).sorted().joined(separator: ", ")
            if let claim = claims.first {
                return [
                    Observation(
                        .claimed, "The card claims \(claim.text) parameters; the weights (\(formats)) have no header Trustmark reads yet.",
                        evidence: claims.map(\.evidence) + weights.files.prefix(2).map { .file($0.path) },
                        values: ["claimed": format(claim.count)])
                ]
            }
            return [
                Observation(
                    .absent, "Neither the card nor the name states the parameter count, and the weights (\(formats)) do not show it.",
                    remediation: "State the parameter count in the card.", evidence: weights.files.prefix(2).map { .file($0.path) })
            ]
        }

        let measuredText = ParameterCount.format(measured)
        var values = ["measured": String(measured)]
        if counted.contains(where: \.isPackedQuantized) {
            return [
                Observation(
                    .claimed, "The weights are packed-quantized, so the header element count (\(measuredText)) is not the parameter count.",
                    evidence: claims.map(\.evidence) + headerEvidence, values: values)
            ]
        }
        let missing = snapshot.missingShards
        if !missing.isEmpty, !claims.isEmpty {
            // Part of the weights: the count is a lower bound, so a claim can be neither confirmed nor contradicted.
            values["claimed"] = format(claims[0].count)
            return [
                Observation(
                    .unknown,
                    "The card claims \(claims[0].text) parameters; the weights here hold \(measuredText), but \(missing.count) shard\(missing.count == 1 ? "" : "s") the index names \(missing.count == 1 ? "is" : "are") missing, so the total cannot be checked.",
                    evidence: claims.map(\.evidence) + headerEvidence, values: values, severity: .medium)
            ]
        }
        guard !claims.isEmpty else {
            return [
                Observation(
                    .absent, "The card does not state the parameter count; the weight headers hold \(measuredText).",
                    remediation: "State the parameter count (the headers say \(measuredText)) in the card.",
                    evidence: headerEvidence, values: values)
            ]
        }
        if let agreeing = claims.first(where: { rules.parameterCountsAgree(claimed: $0.count, measured: measured) }) {
            values["claimed"] = format(agreeing.count)
            return [
                Observation(
                    .pass, "The claimed size \(agreeing.text) agrees with the \(measuredText) parameters in the weight headers.",
                    evidence: [agreeing.evidence] + headerEvidence, values: values)
            ]
        }
        let claim = claims[0]
        values["claimed"] = format(claim.count)
        return [
            Observation(
                .contradicted, "The card claims \(claim.text) parameters, but the weight headers hold \(measuredText).",
                remediation: "Correct the stated size to \(measuredText), or publish the weights it describes.",
                evidence: claims.map(\.evidence) + headerEvidence, values: values)
        ]
    }

    private func format(_ count: Double) -> String { String(UInt64(min(count, 1e18))) }

    /// The card's claims, then the name's; a claim the name agrees with comes first. A line that lists three or more
    /// sizes ("a series of dense models: 0.5B, 1.8B, 4B and 7B") describes a family, not this model: only the size the
    /// name agrees with is kept from it.
    private func ordered(card: [Claim], name: [Claim]) -> [Claim] {
        func agreesWithName(_ claim: Claim) -> Bool {
            name.contains { rules.parameterCountsAgree(claimed: claim.count, measured: UInt64(min($0.count, 1e18))) }
        }
        let kept = card.filter { !$0.inFamilyListing || agreesWithName($0) }
        return kept.filter(agreesWithName) + kept.filter { !agreesWithName($0) } + name
    }

    /// Distinct size tokens in a line ("0.5B", "1.8B", "4B", "7B"; "350M").
    static func sizeTokens(in line: Substring) -> Int {
        var sizes = Set<Substring>()
        for token in line.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == ".") }) {
            guard let unit = token.last, "bmt".contains(unit), token.count >= 2 else { continue }
            let digits = token.dropLast()
            if digits.first?.isNumber == true, digits.allSatisfy({ $0.isNumber || $0 == "." }) { sizes.insert(Substring(token)) }
        }
        return sizes.count
    }

    private func cardClaims(_ card: ModelCard?) -> [Claim] {
        guard let card else { return [] }
        var claims: [Claim] = []
        let placeholders = Set(card.placeholderLines)
        for (number, text) in card.bodyLines where !placeholders.contains(number) {
            let found = ParameterCount.claims(inLine: text)
            let listing = Set(found.map(\.count)).count >= 3 || Self.sizeTokens(in: text) >= 3
            for claim in found {
                claims.append(Claim(count: claim.count, text: claim.text, evidence: card.evidence(line: number), inFamilyListing: listing))
            }
            if claims.count >= 8 { break }
        }
        return claims
    }

    private func nameClaims(_ snapshot: Snapshot) -> [Claim] {
        guard let (count, token) = ParameterCount.fromName(snapshot.subject.name) else { return [] }
        let evidence = Evidence(kind: .metadata, pointer: "/subject/name", snippet: snapshot.subject.name, source: "model-name")
        return [Claim(count: count, text: "\(token) (in the name)", evidence: evidence)]
    }
}

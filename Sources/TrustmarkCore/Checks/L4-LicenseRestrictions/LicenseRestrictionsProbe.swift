/// L4: the restrictive clauses of the license and policy texts, one finding per clause with its line.
///
/// Clauses the grade already reflects (caps, non-commercial, field-of-use bans, attribution) earn
/// full credit here; the modifiers of the research grading scale — output-training bans, territory
/// exclusions, policies or terms the licensor can change, derivative name prefixes — cost 5% each,
/// at most 15%.
struct LicenseRestrictionsProbe: Probe {
    static let modifiers: Set<LicenseTerm.Kind> = [.outputTrainingBan, .territoryExclusion, .unilateralChange, .namePrefix, .acceptableUsePolicy]

    let rules: RatingRules

    func observe(_ snapshot: Snapshot) -> [Observation] {
        let files = (snapshot.licenses?.files ?? []).filter { $0.role != .notice && $0.role != .code }
        // The same clause in LICENSE and USE_POLICY.md is one clause.
        var seen = Set<String>()
        let clauses = files.flatMap { file in file.terms.map { (file, $0) } }
            .filter { seen.insert("\($0.1.kind.rawValue)|\($0.1.value?.lowercased() ?? "")|\($0.1.metric ?? "")").inserted }
        // Licences appended to a licence file for components: their clauses are said to be theirs, and cost nothing.
        let appended = files.compactMap { file in
            file.appendedFrom.map { line in
                Observation(
                    .pass,
                    "\(file.path) appends other licences from line \(line) (for components the project uses); their \(file.appendedTerms.count) clause\(file.appendedTerms.count == 1 ? "" : "s") (\(Set(file.appendedTerms.map(\.kind.rawValue)).sorted().joined(separator: ", "))) are theirs, not the model's terms.",
                    evidence: [.lines(file.path, line, file.appendedTerms.last?.line ?? line, snippet: "appended licences")],
                    values: ["kind": "appended", "value": String(line), "metric": ""])
            }
        }
        if clauses.isEmpty, !appended.isEmpty { return appended }
        if clauses.isEmpty {
            if !files.isEmpty {
                return [
                    Observation(
                        .pass, "No restrictive clause in \(files.map(\.path).joined(separator: ", ")).", evidence: files.map { .file($0.path) })
                ]
            }
            if let declared = snapshot.licenses?.declared, !declared.catalogTerms.isEmpty {
                return [
                    Observation(
                        .claimed,
                        "Terms of \(declared.name ?? declared.shown) from the catalog, not from a text in this repository: \(declared.catalogTerms.prefix(4).joined(separator: "; ")).",
                        evidence: declared.evidence, values: ["terms": declared.catalogTerms.joined(separator: "; ")])
                ]
            }
            return [
                Observation(.notApplicable, "No license text to read clauses from.", evidence: [.listing(searched: "LICENSE*, USE_POLICY*, NOTICE*")])
            ]
        }
        let modifierKinds = Set(clauses.map(\.1.kind)).intersection(LicenseRestrictionsProbe.modifiers)
        let credit = 1 - min(rules.restrictionModifierMaxCost, rules.restrictionModifierCost * Double(modifierKinds.count))
        return appended
            + clauses.map { file, term in
                Observation(
                    .pass, LicenseRestrictionsProbe.describe(term), evidence: [.lines(file.path, term.line, snippet: term.snippet)],
                    values: ["kind": term.kind.rawValue, "value": term.value ?? "", "metric": term.metric ?? ""],
                    credit: LicenseRestrictionsProbe.modifiers.contains(term.kind) ? credit : 1)
            }
    }

    static func describe(_ term: LicenseTerm) -> String {
        let value = term.value ?? ""
        switch term.kind {
        case .threshold:
            let amount = Double(value).map { ParameterCount.format(UInt64($0)) } ?? value
            switch term.metric {
            case "MAU": return "User cap: above \(amount) monthly active users other terms apply."
            case "DAU": return "User cap: above \(amount) daily active users other terms apply."
            default: return "Revenue cap: above \(amount) USD (\(term.metric ?? "revenue")) other terms apply."
            }
        case .nonCommercial: return "Non-commercial clause (\"\(value)\")."
        case .researchOnly: return "Research-only clause (\"\(value)\")."
        case .attribution: return "Attribution duty: display \"\(value)\"."
        case .namePrefix: return "Derivative models must be named starting with \"\(value)\"."
        case .acceptableUsePolicy:
            return "An acceptable-use policy is part of the license\(term.value.map { " (\($0))" } ?? ""); its terms can change after release."
        case .fieldOfUseBan: return "Field-of-use ban: \(value)."
        case .outputTrainingBan: return "Outputs may not be used to improve other models (\"\(value)\")."
        case .territoryExclusion: return "Territory exclusion: \(value)."
        case .governingLaw: return "Governing law: \(value.isEmpty ? "stated" : value)."
        case .unilateralChange: return "The licensor can restrict use or change the terms (\"\(value)\")."
        }
    }
}

import TrustmarkCore

/// An organisation's rules for adopting a model, checked against a rating (`trustmark check --policy`).
/// Every rule names the findings that break it; rules a policy leaves out are not checked.
public struct Policy: Sendable, Equatable {
    public var minimumGrade: Grade?
    public var noUnsafe = false
    public var noRemoteCode = false
    /// No claim of the card contradicted by the files (the ⚠ gate).
    public var noContradicted = false
    public var allowedLicenseGrades: Set<String>?
    public var allowedLicenseIDs: Set<String>?
    /// License term kinds (`non-commercial`, `territory-exclusion`, ...) the model's licence must not carry.
    public var forbiddenTerms: Set<String> = []
    /// A user or revenue cap below this number breaks the policy.
    public var minimumUserThreshold: Double?
    /// 3 = at least Class III, 2 = at least Class II, 1 = Class I.
    public var minimumMOFClass: Int?
    /// Framework id -> the verdict the label must start with.
    public var requiredFrameworks: [String: String] = [:]
    public var allowedPublishers: Set<String>?
    /// The commercial-use answers the policy accepts (`allowed`, `allowed-with-conditions`, `capped`, …).
    public var allowedCommercialUse: Set<CommercialUse.Answer>?

    public init() {}

    public struct Violation: Sendable, Equatable {
        public var rule: String
        public var message: String
        /// Finding ids (or facts) that show it.
        public var evidence: [String]
    }

    public func check(_ rating: Rating) -> [Violation] {
        var violations: [Violation] = []
        func ids(_ predicate: (Finding) -> Bool) -> [String] { rating.findings.filter(predicate).map(\.id) }
        if let minimumGrade {
            let grade = rating.grade
            if grade == nil || grade! > minimumGrade || rating.isUnsafe {
                // The gates that capped the grade, else what cost the most: the worst findings that are not passes.
                let gates = rating.gates.filter(\.triggered).flatMap(\.findingIDs)
                let costly = rating.findings.filter { ![.pass, .notApplicable].contains($0.outcome) }
                    .sorted { ($0.outcome, $0.severity) > ($1.outcome, $1.severity) }.map(\.id)
                violations.append(
                    Violation(
                        rule: "minimum_grade", message: "grade \(rating.label) is below the required \(minimumGrade.rawValue)",
                        evidence: gates.isEmpty ? Array(costly.prefix(5)) : gates))
            }
        }
        if noUnsafe, rating.isUnsafe {
            violations.append(Violation(rule: "no_unsafe", message: "files would run code when loaded", evidence: ids { $0.outcome == .unsafe }))
        }
        if noContradicted {
            let contradicted = ids { $0.outcome == .contradicted }
            if !contradicted.isEmpty {
                violations.append(
                    Violation(
                        rule: "no_contradicted",
                        message: "the files contradict \(contradicted.count) claim\(contradicted.count == 1 ? "" : "s") of the card",
                        evidence: contradicted))
            }
        }
        if noRemoteCode {
            let remote = ids { $0.check == .remoteCode && $0.outcome != .pass && $0.outcome != .notApplicable }
            if !remote.isEmpty {
                violations.append(
                    Violation(rule: "no_remote_code", message: "the repository needs trust_remote_code (auto_map or Python files)", evidence: remote))
            }
        }
        let licenseEvidence = ids { [CheckID.licenseDeclared, .licenseConsistency, .licenseGrade].contains($0.check) }
        if let allowed = allowedCommercialUse {
            let use = rating.commercialUse
            if !allowed.contains(use.answer) {
                violations.append(
                    Violation(
                        rule: "commercial_use",
                        message:
                            "commercial use is \(use.answer.phrase) (\(use.license ?? "no licence")), not \(allowed.map(\.rawValue).sorted().joined(separator: " or "))",
                        evidence: ([use.finding].compactMap { $0 } + use.conditions.map(\.finding))))
            }
        }
        if let allowed = allowedLicenseGrades {
            let grade = rating.facts.licenseGrade ?? "I"
            if !allowed.contains(grade) {
                violations.append(
                    Violation(
                        rule: "license.allowed_grades",
                        message: "licence openness class \(grade) (\(rating.facts.licenseID ?? "none")) is not allowed",
                        evidence: licenseEvidence))
            }
        }
        if let allowed = allowedLicenseIDs {
            let id = rating.facts.licenseID ?? "none"
            if !allowed.contains(id) {
                violations.append(
                    Violation(rule: "license.allowed_ids", message: "licence \(id) is not on the allowed list", evidence: licenseEvidence))
            }
        }
        let terms = rating.findings.filter { $0.check == .licenseRestrictions && $0.values["kind"] != nil }
        for term in terms where forbiddenTerms.contains(term.values["kind"]!) {
            violations.append(
                Violation(
                    rule: "license.forbidden_terms", message: "the licence has a \(term.values["kind"]!) clause: \(term.message)", evidence: [term.id]
                ))
        }
        if let minimum = minimumUserThreshold {
            for term in terms where term.values["kind"] == "threshold" {
                if let value = Double(term.values["value"] ?? ""), value < minimum {
                    violations.append(
                        Violation(
                            rule: "license.minimum_user_threshold",
                            message: "the licence caps use at \(term.values["value"]!) \(term.values["metric"] ?? ""), below \(Int(minimum))",
                            evidence: [term.id]))
                }
            }
        }
        if let minimumMOFClass {
            let mof = rating.frameworks.first { $0.id == FrameworkLabel.mofID }
            let achieved = mof?.mofClass ?? 0
            if achieved == 0 || achieved > minimumMOFClass {
                violations.append(
                    Violation(
                        rule: "mof.minimum_class",
                        message:
                            "MOF: \(mof?.verdict ?? "not computed"), the policy asks for Class \(["", "I", "II", "III"][minimumMOFClass]) or better",
                        evidence: mof?.findings ?? []))
            }
        }
        for (id, verdict) in requiredFrameworks.sorted(by: { $0.key < $1.key }) {
            let label = rating.frameworks.first { $0.id == id }
            if label?.verdict.hasPrefix(verdict) != true {
                violations.append(
                    Violation(
                        rule: "frameworks.\(id)",
                        message: "\(label?.name ?? id): \(label?.verdict ?? "not computed"), the policy asks for \"\(verdict)\"",
                        evidence: label?.findings ?? []))
            }
        }
        if let publishers = allowedPublishers {
            let publisher = rating.subject.name.split(separator: "/").first.map(String.init) ?? rating.subject.name
            if !rating.subject.name.utf8Contains("/") || !publishers.contains(publisher) {
                violations.append(
                    Violation(rule: "publishers", message: "publisher \(publisher) is not on the allowed list", evidence: ["subject.name"]))
            }
        }
        return violations
    }
}

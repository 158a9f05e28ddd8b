/// "May we use it commercially?" in words, computed from the licence findings alone (L3's openness class, L4's
/// clauses), so a stored rating gives the same answer when it is read back. The conditions are the clauses that
/// apply to commercial use, each with the finding and the line it rests on.
public struct CommercialUse: Sendable, Equatable, Codable {
    public enum Answer: String, Sendable, Codable, CaseIterable {
        case allowed
        case allowedWithConditions = "allowed-with-conditions"
        case capped
        case notAllowed = "not-allowed"
        case unknown

        public var phrase: String {
            switch self {
            case .allowed: return "allowed"
            case .allowedWithConditions: return "allowed, with conditions"
            case .capped: return "capped"
            case .notAllowed: return "not allowed"
            case .unknown: return "unknown"
            }
        }
    }

    /// A clause that bears on commercial use: its kind (`threshold`, `attribution`, `acceptable-use-policy`, …), the
    /// clause as the report states it, the finding and where it is.
    public struct Condition: Sendable, Equatable, Codable {
        public var kind: String
        public var text: String
        public var finding: String
        public var path: String?
        public var line: Int?
    }

    public var answer: Answer
    /// The licence the answer rests on (SPDX or LicenseRef), and its openness class (A–I, not the model's grade).
    public var license: String?
    public var opennessClass: String?
    /// Where the licence was read: a licence text, the card's declaration only, or nothing.
    public var basis: String
    public var conditions: [Condition]
    /// The L3 finding.
    public var finding: String?

    /// One line: "capped — above 700M monthly active users other terms apply (LICENSE:1; 3 more conditions)".
    public var summary: String {
        var text = answer.phrase
        if let first = conditions.first {
            let place = first.path.map { path in first.line.map { "\(path):\($0)" } ?? path }
            text += " — \(first.text)\(place.map { " (\($0))" } ?? "")"
            if conditions.count > 1 { text += "; \(conditions.count - 1) more condition\(conditions.count == 2 ? "" : "s")" }
        } else if answer == .unknown || answer == .notAllowed || basis != CommercialUse.fromText {
            text += " — \(basis)"
        }
        return text
    }

    static let fromText = "from the licence text in these files"

    /// The clause kinds that bear on commercial use (governing law and appended component licences do not).
    static let conditionKinds: [String] = [
        "threshold", "non-commercial", "research-only", "attribution", "name-prefix", "acceptable-use-policy", "field-of-use-ban",
        "output-training-ban", "territory-exclusion", "unilateral-change",
    ]

    public static func from(_ rating: Rating) -> CommercialUse {
        let grade = rating.findings.first { $0.check == .licenseGrade }
        let clauses = rating.findings.filter { $0.check == .licenseRestrictions && $0.outcome == .pass }
            .filter { conditionKinds.contains($0.values["kind"] ?? "") }
        let conditions = clauses.sorted { rank($0.values["kind"]) < rank($1.values["kind"]) }.map { finding in
            Condition(
                kind: finding.values["kind"] ?? "", text: finding.message.trimmingTrailingPeriod, finding: finding.id,
                path: finding.evidence.first?.path, line: finding.evidence.first?.lineStart)
        }
        guard let grade, [.pass, .claimed].contains(grade.outcome), let letter = grade.values["grade"],
            let openness = OpennessGrade(rawValue: letter)
        else {
            let why =
                grade?.outcome == .unknown
                ? "the licence is not one Trustmark recognises: read it before any use" : "no licence: no rights are granted"
            return CommercialUse(
                answer: .unknown, license: rating.facts.licenseID, opennessClass: nil, basis: why, conditions: conditions, finding: grade?.id)
        }
        let basis =
            grade.outcome == .claimed
            ? "from the card's declaration only; no licence text in these files confirms it" : CommercialUse.fromText
        let answer: Answer
        switch openness {
        case .a: answer = conditions.isEmpty ? .allowed : .allowedWithConditions
        case .b, .c, .d: answer = .allowedWithConditions
        case .e: answer = .capped
        case .f: answer = .notAllowed
        case .g, .h: answer = .notAllowed
        case .i: answer = .unknown
        }
        var basisText = basis
        if openness == .f { basisText = "only with the licensor's permission or registration; " + basis }
        if openness == .b && conditions.isEmpty { basisText = "share-alike: derivatives under the same licence; " + basis }
        return CommercialUse(
            answer: answer, license: rating.facts.licenseID, opennessClass: openness.rawValue, basis: basisText, conditions: conditions,
            finding: grade.id)
    }

    /// Caps first, then what forbids, then duties.
    static func rank(_ kind: String?) -> Int {
        [
            "threshold", "territory-exclusion", "non-commercial", "research-only", "field-of-use-ban", "acceptable-use-policy",
            "output-training-ban", "attribution", "name-prefix", "unilateral-change",
        ].firstIndex(of: kind ?? "") ?? 99
    }
}

extension Rating {
    /// The commercial-use answer, from the licence findings.
    public var commercialUse: CommercialUse { CommercialUse.from(self) }
}

extension String {
    fileprivate var trimmingTrailingPeriod: String { hasSuffix(".") ? String(dropLast()) : self }
}

import Foundation
import TrustmarkCore

/// `trustmark methodology`: a version's check table and every number that scores it, as text, JSON or the Markdown
/// block that docs/methodology.md embeds (a test keeps that block equal to this output).
public enum MethodologyReport {
    struct Document: Encodable {
        struct Check: Encodable {
            var id: String
            var title: String
            var dimension: String
            var severity: String
            /// The check's weight inside its dimension (its severity's weight).
            var weight: Double
            var rationale: String
            var reads: String
            var outcomes: [String]
        }

        struct Threshold: Encodable {
            var grade: String
            var minimumScore: Double
        }

        struct Rules: Encodable {
            var dimensionWeights: [String: Double]
            var severityWeights: [String: Double]
            var outcomeCredits: [String: Double]
            var gradeThresholds: [Threshold]
            var noLicenseCap: String
            var contradictedCap: String
            var noWeightsCap: String?
            var noLicenseTextCap: String?
            var dimensionAnchors: [String: [String]]
            var incompleteAtSeverity: String
            var maxFindingsPerCheck: Int
            var licenseGradeCredits: [String: Double]
            var declaredOnlyLicenseFactor: Double
            var restrictionModifierCost: Double
            var restrictionModifierMaxCost: Double
            var sectionMinimumWords: Int
            var sectionMinimumSpecificItems: Int
            var sectionWordsWithASpecificItem: Int
            var parameterTolerance: Double
            var extraPredictionBlocks: Int
            var totalSizeTolerance: Double
            var scanSeverityOutcomes: [String: String]
        }

        var id: String
        var version: String
        var name: String
        var published: String
        var runnable: Bool
        var changes: [String]
        var licenseDeclaredCheck: String
        var rules: Rules
        var checks: [Check]
    }

    static func document(_ methodology: Methodology) -> Document {
        let rules = methodology.rules
        func keyed<K: RawRepresentable, V>(_ values: [K: V]) -> [String: V] where K.RawValue == String {
            Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) })
        }
        return Document(
            id: methodology.identity.id, version: methodology.identity.version, name: methodology.identity.name, published: methodology.published,
            runnable: methodology.isRunnable, changes: methodology.changes,
            licenseDeclaredCheck: methodology.licenseDeclaredCheck.rawValue,
            rules: Document.Rules(
                dimensionWeights: keyed(rules.dimensionWeights), severityWeights: keyed(rules.severityWeights),
                outcomeCredits: keyed(rules.outcomeCredits),
                gradeThresholds: rules.gradeThresholds.map { Document.Threshold(grade: $0.grade.rawValue, minimumScore: $0.minimumScore) },
                noLicenseCap: rules.noLicenseCap.rawValue, contradictedCap: rules.contradictedCap.rawValue,
                noWeightsCap: rules.noWeightsCap?.rawValue, noLicenseTextCap: rules.noLicenseTextCap?.rawValue,
                dimensionAnchors: Dictionary(uniqueKeysWithValues: rules.dimensionAnchors.map { ($0.key.rawValue, $0.value.map(\.rawValue)) }),
                incompleteAtSeverity: rules.incompleteAtSeverity.rawValue, maxFindingsPerCheck: rules.maxFindingsPerCheck,
                licenseGradeCredits: keyed(rules.licenseGradeCredits), declaredOnlyLicenseFactor: rules.declaredOnlyLicenseFactor,
                restrictionModifierCost: rules.restrictionModifierCost, restrictionModifierMaxCost: rules.restrictionModifierMaxCost,
                sectionMinimumWords: rules.sectionMinimumWords, sectionMinimumSpecificItems: rules.sectionMinimumSpecificItems,
                sectionWordsWithASpecificItem: rules.sectionWordsWithASpecificItem, parameterTolerance: rules.parameterTolerance,
                extraPredictionBlocks: rules.extraPredictionBlocks, totalSizeTolerance: rules.totalSizeTolerance,
                scanSeverityOutcomes: Dictionary(uniqueKeysWithValues: rules.scanSeverityOutcomes.map { ($0.key.rawValue, $0.value.rawValue) })),
            checks: methodology.checks.map {
                Document.Check(
                    id: $0.id.rawValue, title: $0.title, dimension: $0.dimension.rawValue, severity: $0.severity.rawValue,
                    weight: rules.weight(of: $0.severity), rationale: $0.rationale, reads: $0.reads, outcomes: $0.outcomes.map(\.rawValue))
            })
    }

    public static func json(_ methodology: Methodology) throws -> String {
        try JSONText.encode(document(methodology))
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The check table as a Markdown table, then the numbers.
    public static func markdown(_ methodology: Methodology) -> String {
        let rules = methodology.rules
        var lines = ["| check | title | dimension | severity | weight | reads | outcomes |", "|---|---|---|---|---|---|---|"]
        for check in methodology.checks {
            let outcomes = check.outcomes.map(\.rawValue).joined(separator: ", ")
            lines.append(
                "| \(check.id) | \(check.title) | \(check.dimension.title) | \(check.severity.rawValue) | \(number(rules.weight(of: check.severity))) | \(check.reads.replacingOccurrences(of: "|", with: "\\|")) | \(outcomes) |"
            )
        }
        lines.append("")
        lines.append(contentsOf: numbers(methodology).map { "- " + $0 })
        return lines.joined(separator: "\n") + "\n"
    }

    /// The numbers, one line each, in words.
    static func numbers(_ methodology: Methodology) -> [String] {
        let rules = methodology.rules
        let dimensions = Dimension.allCases.map { "\($0.title) \(number(rules.weight(of: $0)))" }.joined(separator: ", ")
        let severities = Severity.allCases.map { "\($0.rawValue) \(number(rules.weight(of: $0)))" }.joined(separator: ", ")
        let credits = Outcome.allCases.filter { $0 != .notApplicable }.map { "\($0.rawValue) \(number(rules.credit(of: $0) ?? 0))" }
            .joined(separator: ", ")
        let grades = rules.gradeThresholds.map { "\($0.grade.rawValue) ≥ \(number($0.minimumScore))" }.joined(separator: ", ")
        let partialParts = [
            rules.noWeightsCap.map { "no weights seen → at most \($0.rawValue)" },
            rules.noLicenseTextCap.map { "no licence text seen → at most \($0.rawValue)" },
        ].compactMap { $0 }
        let partialEvidence = partialParts.isEmpty ? "no partial-evidence gate" : partialParts.joined(separator: ", ") + " (partial evidence)"
        let licence = OpennessGrade.allCases.map { "\($0.rawValue) \(number(rules.credit(of: $0)))" }.joined(separator: ", ")
        let scans = SafetySeverity.allCases.reversed().map { severity in
            "\(severity.rawValue) → \(rules.scanSeverityOutcomes[severity]?.rawValue ?? "no finding")"
        }.joined(separator: ", ")
        return [
            "Dimension weights: \(dimensions).",
            "Check weights by severity: \(severities).",
            "Outcome credits: \(credits); NOT_APPLICABLE leaves the check out.",
            "Grades: \(grades), F below.",
            "Gates: UNSAFE → F-unsafe; \(methodology.licenseDeclaredCheck) ABSENT → at most \(rules.noLicenseCap.rawValue); CONTRADICTED → one grade lower, at most \(rules.contradictedCap.rawValue); \(partialEvidence); UNKNOWN at \(rules.incompleteAtSeverity.rawValue) severity or above → incomplete (no grade).",
            rules.dimensionAnchors.isEmpty
                ? "Every dimension with an applicable check is rated."
                : "A dimension is rated only when one of its anchor checks applies: \(rules.dimensionAnchors.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.title): \($0.value.map(\.rawValue).joined(separator: " or "))" }.joined(separator: "; ")).",
            "At most \(rules.maxFindingsPerCheck) findings a check; the rest summarised per outcome and severity.",
            "L3 credit by openness grade: \(licence); a declaration without a text earns × \(number(rules.declaredOnlyLicenseFactor)).",
            "L4: each kind of restriction modifier costs \(number(rules.restrictionModifierCost)), at most \(number(rules.restrictionModifierMaxCost)).",
            "D2: a section is substantive with \(rules.sectionMinimumWords) words, or \(rules.sectionMinimumSpecificItems) specific items (numbers, links, tables, code), or one specific item and \(rules.sectionWordsWithASpecificItem) words.",
            "D3.parameters: a claim agrees within × \(number(rules.parameterTolerance)) either way; D3.architecture: up to \(rules.extraPredictionBlocks) blocks beyond the configured layers are prediction heads.",
            "A5: a shard index's total_size agrees within \(number(rules.totalSizeTolerance * 100))% (and 1 KiB) of the shards' tensor bytes.",
            "A2: static-scan severity → outcome: \(scans).",
        ]
    }

    /// The table for a terminal: one line per check, then the numbers.
    public static func text(_ methodology: Methodology) -> String {
        let rules = methodology.rules
        var lines = [
            "\(methodology.identity.name) (published \(methodology.published))"
                + (methodology.isRunnable ? "" : ", frozen: ratings read back, none made"), "",
        ]
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
        }
        lines.append(pad("check", 22) + pad("dimension", 21) + pad("severity", 10) + pad("weight", 8) + "title")
        for check in methodology.checks {
            lines.append(
                pad(check.id.rawValue, 22) + pad(check.dimension.title, 21) + pad(check.severity.rawValue, 10)
                    + pad(number(rules.weight(of: check.severity)), 8) + check.title)
            lines.append(String(repeating: " ", count: 22) + "reads: " + check.reads)
            lines.append(String(repeating: " ", count: 22) + "outcomes: " + check.outcomes.map(\.rawValue).joined(separator: ", "))
        }
        lines.append("")
        lines.append(contentsOf: numbers(methodology))
        if !methodology.changes.isEmpty {
            lines.append("")
            lines.append("Changes from the version before:")
            lines.append(contentsOf: methodology.changes.map { "- " + $0 })
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

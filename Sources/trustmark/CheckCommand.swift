import ArgumentParser
import Foundation
import Reports
import TrustmarkCore

/// `trustmark check <target> --policy trustmark-policy.yaml`: the organisation's adoption rules as a CI gate.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", _superCommandName: "trustmark",
        abstract:
            "Check a model against a policy file (minimum grade, licences and terms, unsafe files, remote code, MOF class, frameworks, publishers).",
        discussion:
            "Exit status: 0 the model passes; 1 it breaks a rule (each rule is listed with its evidence); 2 unreadable input or a bad policy file (with the line)."
    )

    @OptionGroup var model: TargetOptions

    @Option(help: "The policy file (YAML). See docs/policy.md.")
    var policy: String

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    /// `--format json`: the verdict, each broken rule and its evidence, for CI systems to read.
    struct Report: Encodable {
        struct Evidence: Encodable {
            var finding: String
            var outcome: String?
            var message: String?
            var path: String?
            var line: Int?
            var pointer: String?
        }
        struct Rule: Encodable {
            var rule: String
            var message: String
            var evidence: [Evidence]
        }
        var subject: String
        var policy: String
        var passes: Bool
        var grade: String
        var commercialUse: String
        var violations: [Rule]
    }

    func run() throws {
        let text = try InputFile.text(policy, limit: InputFile.policyLimit)
        let rules: Policy
        do {
            rules = try PolicyFile.read(text)
        } catch {
            throw InputError(message: "\(policy): \(error.description)")
        }
        let rating = try model.rate().rating
        let violations = rules.check(rating)
        if format == .json {
            let report = Report(
                subject: rating.subject.name, policy: policy, passes: violations.isEmpty, grade: rating.label,
                commercialUse: rating.commercialUse.answer.rawValue,
                violations: violations.map { violation in
                    Report.Rule(
                        rule: violation.rule, message: violation.message,
                        evidence: violation.evidence.map { id in
                            let finding = rating.finding(id)
                            return Report.Evidence(
                                finding: id, outcome: finding?.outcome.rawValue, message: finding?.message, path: finding?.evidence.first?.path,
                                line: finding?.evidence.first?.lineStart, pointer: finding?.evidence.first?.pointer)
                        })
                })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            if !violations.isEmpty { throw ExitCode(ExitStatus.gateFailed) }
            return
        }
        guard !violations.isEmpty else {
            Console.out(["\(rating.subject.name): passes \(policy) (grade \(rating.label))"])
            return
        }
        var lines = ["\(rating.subject.name): breaks \(violations.count) rule\(violations.count == 1 ? "" : "s") of \(policy)"]
        for violation in violations {
            lines.append("  ✗ \(violation.rule): \(violation.message)")
            for id in violation.evidence.prefix(5) {
                guard let finding = rating.finding(id) else {
                    lines.append("      evidence: \(id)")
                    continue
                }
                let place =
                    finding.evidence.first.map { evidence in
                        [evidence.path, evidence.lineStart.map { "line \($0)" }, evidence.pointer].compactMap { $0 }.joined(separator: " ")
                    } ?? ""
                lines.append("      \(id) \(finding.outcome.rawValue.uppercased()): \(finding.message)\(place.isEmpty ? "" : " (\(place))")")
            }
        }
        Console.out(lines)
        throw ExitCode(ExitStatus.gateFailed)
    }
}

import ArgumentParser
import Foundation
import Reports
import TrustmarkCore

/// `trustmark check <target> --policy trustmark-policy.yaml`: the organisation's adoption rules as a CI gate.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Check a model against a policy file (minimum grade, licences and terms, unsafe files, remote code, MOF class, frameworks, publishers).",
        discussion:
            "Exit status: 0 the model passes; 1 it breaks a rule (each rule is listed with its evidence); 2 unreadable input or a bad policy file (with the line)."
    )

    @OptionGroup var model: TargetOptions

    @Option(help: "The policy file (YAML). See docs/policy.md.")
    var policy: String

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

import Foundation
import TrustmarkCore
import Yams

/// Reads `trustmark-policy.yaml`. Every error names the line, so a broken or tampered policy is refused
/// (exit status 2) rather than half-applied.
public enum PolicyFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var line: Int?
        public var description: String { line.map { "line \($0): \(message)" } ?? message }
    }

    static let keys: Set<String> = [
        "minimum_grade", "no_unsafe", "no_remote_code", "no_contradicted", "license", "mof", "frameworks", "publishers", "version",
        "commercial_use",
    ]
    static let licenseKeys: Set<String> = ["allowed_grades", "allowed_ids", "forbidden_terms", "minimum_user_threshold"]

    public static func read(_ text: String) throws(Failure) -> Policy {
        guard text.utf8.count <= 1 << 20 else { throw Failure(message: "larger than 1 MiB") }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw Failure(message: "empty policy", line: 1) }
            root = node
        } catch let failure as Failure {
            throw failure
        } catch let error as YamlError {
            // One line for the terminal: the parser's message without its excerpt of the file.
            let summary = "\(error)".split(whereSeparator: \.isNewline).prefix(2).joined(separator: " ")
            throw Failure(message: "not valid YAML (\(summary))", line: yamlLine(error))
        } catch {
            throw Failure(message: "not valid YAML: \(error)")
        }
        guard let mapping = root.mapping else { throw Failure(message: "a policy is a mapping of rules", line: line(root)) }
        var policy = Policy()
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, keys.contains(key) else {
                throw Failure(
                    message: "unknown rule \"\(keyNode.string ?? "?")\" (known: \(keys.sorted().joined(separator: ", ")))", line: line(keyNode))
            }
            switch key {
            case "version":
                guard value.string == "1" || value.int == 1 else { throw Failure(message: "policy version must be 1", line: line(value)) }
            case "minimum_grade":
                guard let text = value.string, let grade = Grade(rawValue: text.uppercased()), grade != .f else {
                    throw Failure(message: "minimum_grade must be A, B, C or D", line: line(value))
                }
                policy.minimumGrade = grade
            case "no_unsafe": policy.noUnsafe = try bool(value)
            case "no_remote_code": policy.noRemoteCode = try bool(value)
            case "no_contradicted": policy.noContradicted = try bool(value)
            case "publishers": policy.allowedPublishers = Set(try strings(value))
            case "commercial_use":
                let answers = try strings(value)
                let known = CommercialUse.Answer.allCases.map(\.rawValue)
                guard let unknown = answers.first(where: { !known.contains($0) }) else {
                    policy.allowedCommercialUse = Set(answers.compactMap(CommercialUse.Answer.init(rawValue:)))
                    break
                }
                throw Failure(message: "unknown commercial_use answer \"\(unknown)\" (known: \(known.joined(separator: ", ")))", line: line(value))
            case "mof":
                guard let mof = value.mapping else { throw Failure(message: "mof must be a mapping (minimum_class)", line: line(value)) }
                for (subKey, subValue) in mof {
                    guard subKey.string == "minimum_class" else {
                        throw Failure(message: "unknown mof rule \"\(subKey.string ?? "?")\"", line: line(subKey))
                    }
                    let text = subValue.string?.uppercased() ?? ""
                    let mapped = ["1": 1, "2": 2, "3": 3, "I": 1, "II": 2, "III": 3][text]
                    guard let mapped else { throw Failure(message: "mof.minimum_class must be 1, 2 or 3 (I, II, III)", line: line(subValue)) }
                    policy.minimumMOFClass = mapped
                }
            case "frameworks":
                guard let frameworks = value.mapping else {
                    throw Failure(message: "frameworks must map a framework id to a verdict", line: line(value))
                }
                for (subKey, subValue) in frameworks {
                    guard let id = subKey.string, ["mof", "osaid", "osai-index", "eu-ai-act-53-2", "fmti-lite"].contains(id) else {
                        throw Failure(message: "unknown framework \"\(subKey.string ?? "?")\"", line: line(subKey))
                    }
                    guard let verdict = subValue.string, !verdict.isEmpty else {
                        throw Failure(message: "the required verdict must be text", line: line(subValue))
                    }
                    policy.requiredFrameworks[id] = verdict
                }
            case "license":
                guard let license = value.mapping else { throw Failure(message: "license must be a mapping", line: line(value)) }
                for (subKey, subValue) in license {
                    guard let name = subKey.string, licenseKeys.contains(name) else {
                        throw Failure(
                            message: "unknown license rule \"\(subKey.string ?? "?")\" (known: \(licenseKeys.sorted().joined(separator: ", ")))",
                            line: line(subKey))
                    }
                    switch name {
                    case "allowed_grades":
                        let grades = try strings(subValue).map { $0.uppercased() }
                        guard grades.allSatisfy({ OpennessGrade(rawValue: $0) != nil }) else {
                            throw Failure(message: "licence grades are A to I", line: line(subValue))
                        }
                        policy.allowedLicenseGrades = Set(grades)
                    case "allowed_ids": policy.allowedLicenseIDs = Set(try strings(subValue))
                    case "forbidden_terms":
                        let terms = try strings(subValue)
                        let known = Set(LicenseTerm.Kind.allCases.map(\.rawValue))
                        if let unknown = terms.first(where: { !known.contains($0) }) {
                            throw Failure(
                                message: "unknown licence term \"\(unknown)\" (known: \(known.sorted().joined(separator: ", ")))",
                                line: line(subValue))
                        }
                        policy.forbiddenTerms = Set(terms)
                    default:
                        guard let number = subValue.float ?? subValue.int.map(Double.init), number >= 0 else {
                            throw Failure(message: "minimum_user_threshold must be a number", line: line(subValue))
                        }
                        policy.minimumUserThreshold = number
                    }
                }
            default:
                break
            }
        }
        // A policy says which rule language it speaks: without it a later version could read it differently.
        guard mapping.keys.contains(where: { $0.string == "version" }) else {
            throw Failure(message: "a policy starts with `version: 1` (the version of the policy rules it is written for)", line: line(root))
        }
        return policy
    }

    static func line(_ node: Node) -> Int? { node.mark.map { $0.line } }

    static func yamlLine(_ error: YamlError) -> Int? {
        let text = "\(error)"
        guard let range = text.range(of: "line ") ?? text.range(of: ":") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    static func bool(_ node: Node) throws(Failure) -> Bool {
        guard let value = node.bool else { throw Failure(message: "expected true or false", line: line(node)) }
        return value
    }

    static func strings(_ node: Node) throws(Failure) -> [String] {
        guard let items = node.sequence else { throw Failure(message: "expected a list", line: line(node)) }
        return try items.map { item throws(Failure) -> String in
            guard let text = item.string else { throw Failure(message: "expected text", line: line(item)) }
            return text
        }
    }
}

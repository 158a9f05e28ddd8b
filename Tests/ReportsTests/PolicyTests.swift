import Foundation
import ModelRepository
import Testing
import TrustmarkCore

@testable import Reports

@Suite("Policy files")
struct PolicyTests {
    @Test func readsEveryRule() throws {
        let policy = try PolicyFile.read(
            """
            version: 1
            minimum_grade: b
            no_unsafe: true
            no_remote_code: false
            license:
              allowed_grades: [A, B]
              allowed_ids: [Apache-2.0, MIT]
              forbidden_terms: [non-commercial]
              minimum_user_threshold: 700000000
            mof: {minimum_class: 3}
            frameworks: {osaid: met}
            publishers: [Qwen, mistralai]
            """)
        #expect(policy.minimumGrade == .b && policy.noUnsafe && !policy.noRemoteCode)
        #expect(policy.allowedLicenseGrades == ["A", "B"] && policy.allowedLicenseIDs == ["Apache-2.0", "MIT"])
        #expect(policy.forbiddenTerms == ["non-commercial"] && policy.minimumUserThreshold == 7e8)
        #expect(policy.minimumMOFClass == 3 && policy.requiredFrameworks == ["osaid": "met"] && policy.allowedPublishers == ["Qwen", "mistralai"])
    }

    @Test(arguments: [
        ("minimum_grade: B\nno_unsafe: yes please\n", 2, "true or false"),
        ("minimum_grade: B\nlicence:\n  allowed_grades: [A]\n", 2, "unknown rule"),
        ("license:\n  allowed_grades: [A, Z]\n", 2, "A to I"),
        ("license:\n  forbidden_terms: [non-commercial, nuclear]\n", 2, "unknown licence term"),
        ("mof:\n  minimum_class: 4\n", 2, "1, 2 or 3"),
        ("frameworks:\n  mof: Class III\n  fmti: high\n", 3, "unknown framework"),
        ("minimum_grade: B\nlicense:\n  allowed_grades: [A\n", 3, "not valid YAML"),
    ])
    func badPoliciesNameTheLine(text: String, line: Int, message: String) {
        #expect(throws: PolicyFile.Failure.self) { try PolicyFile.read(text) }
        do {
            _ = try PolicyFile.read(text)
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func violationsNameTheirEvidence() throws {
        let rating = try rated("community-chat").rating
        var policy = Policy()
        policy.forbiddenTerms = ["threshold"]
        policy.minimumUserThreshold = 1e9
        policy.noRemoteCode = true
        policy.allowedLicenseGrades = ["A", "B"]
        let violations = policy.check(rating)
        #expect(
            Set(violations.map(\.rule)) == ["license.forbidden_terms", "license.minimum_user_threshold", "no_remote_code", "license.allowed_grades"])
        let ids = Set(rating.findings.map(\.id))
        #expect(violations.allSatisfy { !$0.evidence.isEmpty && $0.evidence.allSatisfy(ids.contains) })
        #expect(Policy().check(rating).isEmpty)
    }
}

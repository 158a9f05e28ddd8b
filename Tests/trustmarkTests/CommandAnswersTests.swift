import Foundation
import Testing
import TrustmarkTestSupport

/// Answers a command owes its user instead of silence (issue 14's smaller items).
@Suite("command answers")
struct CommandAnswersTests {
    @Test func aRevisionForAFolderIsAnErrorNotIgnored() throws {
        let result = try CLI.run(["rate", "Examples/open-tiny-lm", "--revision", "abc123"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--revision abc123 applies to a Hub repository"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [("rte", "rate"), ("sacn", "scan"), ("verif", "verify"), ("licence", "license")])
    func aMistypedCommandGetsASuggestion(typed: String, meant: String) throws {
        let result = try CLI.run([typed, "Examples/open-tiny-lm"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Did you mean '\(meant)'?"), "\(result.stderr)")
    }

    @Test func aFarOffWordIsNotGuessed() throws {
        let result = try CLI.run(["frobnicate"])
        #expect(result.status == 2)
        #expect(!result.stderr.contains("Did you mean"))
    }

    @Test func anUnknownLicenceNamesNoFarNeighbour() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(
            "NOTICE", Array("This product includes software developed by Example Corp, 2024. All rights reserved by their owners.\n".utf8))
        let result = try CLI.run(["license", file.path])
        #expect(result.stdout.contains("unknown"))
        #expect(!result.stdout.contains("nearest"), "\(result.stdout)")
    }
}

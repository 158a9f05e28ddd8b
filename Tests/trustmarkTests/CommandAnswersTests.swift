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

    @Test func inspectOnAFolderNamesItsModelFiles() throws {
        let result = try CLI.run(["inspect", "Examples/open-tiny-lm"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("model-00001-of-00002.safetensors") && result.stderr.contains("trustmark rate"), "\(result.stderr)")
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

/// Several targets in one process (issue 14: `rate` took one target, so rating many cost a process each).
@Suite("rate several targets")
struct RateManyTests {
    @Test func jsonLinesOneRecordPerTargetAndAnErrorLineForAFailure() throws {
        let result = try CLI.run(["rate", "Examples/open-tiny-lm", "Examples/community-chat", "/nonexistent-trustmark", "--format", "json"])
        #expect(result.status == 2, "a target could not be rated")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["label"] as? String == "A")
        let single = try CLI.run(["rate", "Examples/open-tiny-lm", "--format", "json"])
        let alone = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? NSDictionary)
        #expect(NSDictionary(dictionary: first).isEqual(alone), "the line is the single rating's record")
        let failure = try #require(try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: String])
        #expect(failure["target"] == "/nonexistent-trustmark" && failure["error"]?.contains("no such file") == true)
    }

    @Test func aFileOfTargetsAndTheFormatsThatTakeMany() throws {
        let folder = try TemporaryFolder()
        let list = try folder.write("targets.txt", Array("Examples/open-tiny-lm\n# the other one\n\nExamples/contradicting-card\n".utf8))
        let text = try CLI.run(["rate", "--targets-file", list.path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.components(separatedBy: "\nGrade ").count == 3 || text.stdout.components(separatedBy: "Grade ").count == 3)
        let markdown = try CLI.run(["rate", "Examples/open-tiny-lm", "Examples/community-chat", "--format", "markdown"])
        #expect(markdown.status == 2 && markdown.stderr.contains("JSON Lines"))
    }
}

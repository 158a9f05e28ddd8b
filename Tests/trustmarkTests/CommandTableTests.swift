import ArgumentParser
import Testing

@testable import trustmark

/// `Trustmark.commands` names each subcommand so that a run does not build every configuration to find its own.
@Suite("Command table")
struct CommandTableTests {
    @Test func everyNameIsTheCommandsOwn() {
        let names = Trustmark.commands.map(\.name)
        let own: [String] = Trustmark.commands.map { entry in entry.type._commandName }
        let listed: [String] = Trustmark.configuration.subcommands.map { type in type._commandName }
        #expect(own == names)
        #expect(listed == names)
        #expect(Set(names).count == names.count)
        // Parsed on their own (Trustmark.parseFast), subcommands skip ArgumentParser's completion-script probe, which
        // only a root command answers; the super-command name marks them as not being that root.
        let superNames: [String?] = Trustmark.commands.map { entry in entry.type.configuration._superCommandName }
        #expect(superNames.allSatisfy { $0 == "trustmark" })
    }
}

/// `scan` and `license` read their plain arguments without ArgumentParser; `--` sends the same request through it.
@Suite("Plain arguments")
struct PlainArgumentsTests {
    @Test(arguments: [
        ["license", "Examples/open-tiny-lm/LICENSE"], ["license", "Examples/community-chat", "--format", "json"],
        ["scan", "Examples/open-tiny-lm/model-00001-of-00002.safetensors", "-f", "json"],
    ])
    func theFastPathAnswersAsArgumentParserDoes(arguments: [String]) throws {
        let plain = try CLI.run(arguments)
        // Options after `--` would be paths: they go before it.
        let options = Array(arguments.dropFirst().filter { $0.hasPrefix("-") || ["json", "text"].contains($0) })
        let paths = Array(arguments.dropFirst().filter { !$0.hasPrefix("-") && !["json", "text"].contains($0) })
        let parsed = try CLI.run([arguments[0]] + options + ["--"] + paths)
        #expect(plain.status == 0 && parsed.status == 0)
        #expect(!plain.stdout.isEmpty)
        #expect(plain.stdout == parsed.stdout)
        #expect(PlainArguments.pathsAndFormat(Array(arguments.dropFirst()), default: ScanCommand.Format.text) != nil)
    }

    @Test func anythingElseGoesToArgumentParser() {
        #expect(PlainArguments.pathsAndFormat(["--", "LICENSE"], default: LicenseCommand.Format.text) == nil)
        #expect(PlainArguments.pathsAndFormat(["LICENSE", "--format", "sarif"], default: LicenseCommand.Format.text) == nil)
        #expect(PlainArguments.pathsAndFormat(["LICENSE", "-f", "json", "-f", "text"], default: LicenseCommand.Format.text) == nil)
        #expect(PlainArguments.pathsAndFormat([], default: LicenseCommand.Format.text) == nil)
        let read = PlainArguments.pathsAndFormat(["A", "--format=json", "B"], default: LicenseCommand.Format.text)
        #expect(read?.paths == ["A", "B"] && read?.format == .json)
    }
}

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

/// `rate`'s common shapes are read without ArgumentParser, into the command ArgumentParser would build.
@Suite("Plain rate arguments")
struct RatePlainArgumentsTests {
    static let shapes: [[String]] = [
        ["Examples/open-tiny-lm"], ["Examples/open-tiny-lm", "--no-hash", "--format", "json"],
        ["--format=markdown", "a", "b", "--offline"], ["org/name", "--revision", "v1.0", "-f", "sarif", "-v", "--color", "never"],
        ["org/name", "--revision=abc", "--color=always", "--verbose", "--no-hash"],
    ]

    @Test(arguments: shapes)
    func theCommandIsTheOneArgumentParserBuilds(arguments: [String]) throws {
        let plain = try #require(RateCommand.plain(arguments))
        let parsed = try RateCommand.parse(arguments)
        #expect(plain.targets == parsed.targets)
        #expect(plain.targetsFile == parsed.targetsFile)
        #expect(plain.format == parsed.format)
        #expect(plain.revision == parsed.revision)
        #expect(plain.offline == parsed.offline)
        #expect(plain.saveEvidence == parsed.saveEvidence)
        #expect(plain.evidence == parsed.evidence)
        #expect(plain.noHash == parsed.noHash)
        #expect(plain.color == parsed.color)
        #expect(plain.verbose == parsed.verbose)
    }

    @Test func everyOtherShapeGoesToArgumentParser() {
        for arguments in [
            [], ["--help"], ["a", "--evidence", "dir"], ["a", "--save-evidence", "dir"], ["--targets-file", "list"], ["--", "a"],
            ["a", "--format", "pdf"], ["a", "-f=json"], ["a", "--format", "json", "--format", "text"], ["a", "--no-hash", "--no-hash"],
            ["a", "--revision"], ["a", "--revision="], ["a", "--color", "blue"], ["a", "-vf", "json"], ["a", "--no-hash=1"], [""],
        ] {
            #expect(RateCommand.plain(arguments) == nil, "\(arguments)")
        }
    }

    @Test func theFastPathPrintsWhatArgumentParserPrints() throws {
        let plain = try CLI.run(["rate", "Examples/community-chat", "--no-hash", "--format", "json"])
        let parsed = try CLI.run(["rate", "--no-hash", "--format", "json", "--", "Examples/community-chat"])
        #expect(plain.status == 0 && parsed.status == 0)
        #expect(!plain.stdout.isEmpty && plain.stdout == parsed.stdout)
        let unsafe = try CLI.run(["rate", "Examples/contradicting-card", "--no-hash"])
        let unsafeParsed = try CLI.run(["rate", "--no-hash", "--", "Examples/contradicting-card"])
        #expect(unsafe.status == unsafeParsed.status && unsafe.stdout == unsafeParsed.stdout && unsafe.stderr == unsafeParsed.stderr)
    }
}

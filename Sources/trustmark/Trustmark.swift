import ArgumentParser
import Foundation
import TrustmarkCore

/// The `trustmark` command. Exit codes: 0 rated, 1 rated but a gate failed (unsafe), 2 usage or input error.
@main
struct Trustmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trustmark",
        abstract: "Evidence-based trust ratings for open-weight AI models.",
        discussion: """
            Exit codes: 0 rated; 1 rated, but a gate failed (unsafe content); 2 usage or input error.
            """,
        version: ToolIdentity.version,
        subcommands: commands.map(\.type),
        defaultSubcommand: nil
    )

    /// The subcommands by name. Naming them here lets a run find its command without building every subcommand's
    /// configuration (methodology's lists every methodology version, which costs a start-up that never shows it);
    /// a test checks each name against the command's own.
    static let commands: [(name: String, type: ParsableCommand.Type)] = [
        ("rate", RateCommand.self), ("render", RenderCommand.self), ("methodology", MethodologyCommand.self),
        ("license", LicenseCommand.self), ("scan", ScanCommand.self), ("inspect", InspectCommand.self), ("mof", MOFCommand.self),
        ("keygen", KeygenCommand.self), ("attest", AttestCommand.self), ("verify", VerifyCommand.self), ("check", CheckCommand.self),
        ("badge", BadgeCommand.self),
    ]

    static func main() {
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if arguments.first == "scan", let plain = PlainArguments.pathsAndFormat(Array(arguments.dropFirst()), default: ScanCommand.Format.text) {
                try ScanCommand.execute(paths: plain.paths, format: plain.format)
                Foundation.exit(ExitStatus.rated)
            }
            if arguments.first == "rate", let plain = RateCommand.plain(Array(arguments.dropFirst())) {
                try plain.run()
                Foundation.exit(ExitStatus.rated)
            }
            if arguments.first == "license",
                let plain = PlainArguments.pathsAndFormat(Array(arguments.dropFirst()), default: LicenseCommand.Format.text)
            {
                try LicenseCommand.execute(paths: plain.paths, format: plain.format)
                Foundation.exit(ExitStatus.rated)
            }
            let names = commands.map(\.name) + ["help"]
            if let word = arguments.first, let suggestion = CommandSuggestion.suggestion(for: word, among: names) {
                throw InputError(message: "'\(word)' is not a trustmark command. Did you mean '\(suggestion)'? (see trustmark --help)")
            }
            var command = try parseFast(arguments) ?? parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let input as InputError {
            Console.error(input.message)
            Foundation.exit(ExitStatus.usageOrInput)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(TerminalText.escapeLines(fullMessage(for: error)))
                Foundation.exit(0)
            }
            Console.errorLines(fullMessage(for: error).trimmingCharacters(in: .whitespacesAndNewlines))
            Foundation.exit(ExitStatus.usageOrInput)
        }
    }
}

extension Trustmark {
    /// Parsing from the root builds the argument sets of every subcommand (for completion-script
    /// detection) through reflection, which cost more than scanning a small file did. When the first
    /// argument names a subcommand and nothing asks for help, completions or the version, that
    /// subcommand is parsed on its own; any parse error falls back to the root so messages stay the same.
    static func parseFast(_ arguments: [String]) -> ParsableCommand? {
        guard let name = arguments.first,
            let command = commands.first(where: { $0.name == name })?.type
        else { return nil }
        let rest = Array(arguments.dropFirst())
        guard
            !rest.contains(where: {
                $0 == "-h" || $0 == "--help" || $0 == "help" || $0.hasPrefix("--generate-completion") || $0 == "--version"
                    || $0.hasPrefix("---") || $0.hasPrefix("--experimental")
            })
        else { return nil }
        return try? command.parseAsRoot(rest)
    }
}

/// The process exit statuses, as documented in the README.
enum ExitStatus {
    static let rated: Int32 = 0
    static let gateFailed: Int32 = 1
    static let usageOrInput: Int32 = 2
}

/// The target could not be read: a one-line reason, exit status 2, and no usage text.
struct InputError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

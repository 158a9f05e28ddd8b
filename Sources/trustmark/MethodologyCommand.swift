import ArgumentParser
import Reports
import TrustmarkCore

/// `trustmark methodology [--version V] [--format text|json|markdown]`: the check table and its numbers.
struct MethodologyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "methodology", _superCommandName: "trustmark",
        abstract:
            "Print a methodology version's checks (id, title, dimension, severity, weight, what each reads, its outcomes) and every number that scores them.",
        discussion:
            "Versions: \(Methodology.versions.map(\.identity.name).joined(separator: ", ")); the default is the current one. docs/methodology-changelog.md says what changed."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Option(help: "A version: TM-1.2 or 1.2 (default: the current version).")
    var version: String?

    @Option(name: .shortAndLong, help: "Output format: text, json or markdown.")
    var format: Format = .text

    func run() throws {
        let methodology: Methodology
        if let version {
            guard let named = Methodology.named(version) else {
                throw InputError(message: "no methodology \(version); there are \(Methodology.versions.map(\.identity.name).joined(separator: ", "))")
            }
            methodology = named
        } else {
            methodology = Methodology.current
        }
        switch format {
        case .text: print(MethodologyReport.text(methodology), terminator: "")
        case .json: print(try MethodologyReport.json(methodology), terminator: "")
        case .markdown: print(MethodologyReport.markdown(methodology), terminator: "")
        }
    }
}

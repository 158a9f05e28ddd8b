import ArgumentParser
import Foundation
import ModelRepository
import Reports
import TrustmarkCore

/// `trustmark rate <target>`: rate a local folder, a Hugging Face cache entry or a single weights file.
struct RateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate",
        abstract: "Rate a model repository: a folder, a Hugging Face cache entry (org/name or models--org--name), or one weights file.",
        discussion: """
            Prints the grade, the gates that shaped it, dimension scores and every finding with its evidence.
            Exit status: 0 rated; 1 rated, but an unsafe finding failed the gate; 2 bad usage or unreadable input.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    enum ColorMode: String, ExpressibleByArgument, CaseIterable {
        case auto
        case always
        case never
    }

    @Argument(help: "A folder, a weights file, a cache folder, or org/name[@revision] from the local Hugging Face cache.", completion: .file())
    var target: String

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Revision for cache targets: a branch, tag or 40-digit commit (default: main).")
    var revision: String?

    @Flag(name: .customLong("no-hash"), help: "Do not hash weight files and other files over 16 MiB (small files are always hashed).")
    var noHash = false

    @Option(help: "Colour: auto (only on a terminal, and not with NO_COLOR), always or never.")
    var color: ColorMode = .auto

    @Flag(name: .shortAndLong, help: "Show every finding and all of its evidence.")
    var verbose = false

    func run() throws {
        let resolved: RepositoryTarget
        let snapshot: Snapshot
        do {
            resolved = try RepositoryTarget.resolve(target, revision: revision)
            let progress = ProgressBar.forStandardError()
            snapshot = try SnapshotLoader(options: LoadOptions(hashLargeFiles: !noHash, progress: progress?.update)).load(resolved)
            progress?.finish()
        } catch {
            throw InputError(message: error.description)
        }
        let rating = RatingEngine().rate(snapshot)
        switch format {
        case .json:
            print(try JSONReport.render(rating, snapshot: snapshot), terminator: "")
        case .text:
            print(TerminalReport.render(rating, snapshot: snapshot, style: TerminalStyle(colors: useColor), verbose: verbose), terminator: "")
        }
        if rating.isUnsafe {
            let count = rating.findings.filter { $0.outcome == .unsafe }.count
            FileHandle.standardError.write(Data("trustmark: \(rating.subject.name) is rated F-unsafe: \(count) unsafe finding\(count == 1 ? "" : "s")\n".utf8))
            throw ExitCode(ExitStatus.gateFailed)
        }
    }

    private var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto: return isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}

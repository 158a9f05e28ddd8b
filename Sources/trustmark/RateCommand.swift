import ArgumentParser
import Foundation
import ModelRepository
import Frameworks
import Reports
import TrustmarkCore

/// `trustmark rate <target>`: rate a local folder, a Hugging Face cache entry or a single weights file.
struct RateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate",
        abstract: "Rate a model repository: org/name on the Hugging Face Hub, a folder, a Hugging Face cache entry, or one weights file.",
        discussion: """
            Prints the grade, the gates that shaped it, dimension scores and every finding with its evidence.
            Hub targets (org/name, org/name@revision, hf://org/name@revision, a Hub URL) are read through the Hub API
            without downloading weights: small files whole, weight headers by range requests. HF_ENDPOINT selects a
            mirror, HF_TOKEN (or the token file) authenticates; --offline or HF_HUB_OFFLINE=1 uses the local cache only.
            ModelScope targets (ms://owner/name[@revision], a modelscope.cn URL) are read the same way through its API
            (MODELSCOPE_ENDPOINT, MODELSCOPE_API_TOKEN; default branch master), or offline from its cache (MODELSCOPE_CACHE).
            --save-evidence DIR keeps everything the rating read; --evidence DIR re-rates from it offline.
            Exit status: 0 rated; 1 rated, but an unsafe finding failed the gate; 2 bad usage or unreadable input.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
        /// A Model Openness Tool model file, for submitting the model there (`trustmark mof` reads it back).
        case mof
        /// SARIF 2.1.0: one rule per check, results on the files and lines of their evidence.
        case sarif
        /// A CycloneDX 1.6 BOM with the model card, file hashes and the findings as declarations.
        case cyclonedx
        /// A report to read: GitHub-flavoured Markdown, or one self-contained HTML page.
        case markdown, html
    }

    enum ColorMode: String, ExpressibleByArgument, CaseIterable {
        case auto
        case always
        case never
    }

    @Argument(help: "org/name[@revision] on the Hub, ms://owner/name on ModelScope, a folder, a weights file, or a cache folder. Omit with --evidence.", completion: .file())
    var target: String?

    @Option(name: .shortAndLong, help: "Output format: text, json, markdown, html, sarif, cyclonedx, or mof (a Model Openness Tool model file).")
    var format: Format = .text

    @Option(help: "Revision for Hub, ModelScope and cache targets: a branch, tag or commit (default: main; master on ModelScope).")
    var revision: String?

    @Flag(help: "Do not use the network: Hub and ModelScope targets come from their local caches (also HF_HUB_OFFLINE=1).")
    var offline = false

    @Option(name: .customLong("save-evidence"), help: "Write everything a Hub or ModelScope rating read (API responses, file bytes, digests) to this folder.")
    var saveEvidence: String?

    @Option(help: "Re-rate offline from an evidence folder written by --save-evidence.")
    var evidence: String?

    @Flag(name: .customLong("no-hash"), help: "Do not hash weight files and other files over 16 MiB (small files are always hashed).")
    var noHash = false

    @Option(help: "Colour: auto (only on a terminal, and not with NO_COLOR), always or never.")
    var color: ColorMode = .auto

    @Flag(name: .shortAndLong, help: "Show every finding and all of its evidence.")
    var verbose = false

    func run() throws {
        let snapshot: Snapshot
        do {
            snapshot = try load()
        } catch let error as InputError {
            throw error
        } catch let error as CustomStringConvertible {
            throw InputError(message: error.description)
        }
        var rating = RatingEngine().rate(snapshot)
        // Framework views are labels over the findings; they never change the score.
        rating.frameworks = FrameworkLabels.compute(rating: rating, snapshot: snapshot)
        switch format {
        case .json:
            print(try JSONReport.render(rating, snapshot: snapshot), terminator: "")
        case .sarif:
            print(try RatingSARIF.render(rating), terminator: "")
        case .markdown:
            print(MarkdownReport.render(rating, snapshot: snapshot), terminator: "")
        case .html:
            print(HTMLReport.render(rating, snapshot: snapshot), terminator: "")
        case .cyclonedx:
            print(try CycloneDXReport.render(rating, snapshot: snapshot), terminator: "")
        case .mof:
            let mapped = MOFMapping.model(from: rating, snapshot: snapshot)
            print(MOTModelFile.write(mapped.model, date: rating.facts.hub?.lastModified.map { String($0.prefix(10)) } ?? ""), terminator: "")
        case .text:
            print(TerminalReport.render(rating, snapshot: snapshot, style: TerminalStyle(colors: useColor), verbose: verbose), terminator: "")
        }
        if rating.isUnsafe {
            let count = rating.findings.filter { $0.outcome == .unsafe }.count
            Console.error("\(rating.subject.name) is rated F-unsafe: \(count) unsafe finding\(count == 1 ? "" : "s")")
            throw ExitCode(ExitStatus.gateFailed)
        }
    }

    /// The evidence bundle, a local path, or a Hub repository (the cache when offline).
    private func load() throws -> Snapshot {
        let progress = ProgressBar.forStandardError()
        defer { progress?.finish() }
        if let evidence {
            guard target == nil else { throw InputError(message: "give either a target or --evidence, not both") }
            let bundle = try EvidenceBundle.read(from: URL(fileURLWithPath: evidence))
            return SnapshotLoader().load(HubRepository.fromBundle(bundle))
        }
        guard let target else { throw InputError(message: "missing target: org/name, a folder or a file (or --evidence DIR)") }
        if let repository = try TargetResolution.remote(target, revision: revision, offline: offline) {
            let snapshot = SnapshotLoader().load(repository) { done, total in
                progress?.update(path: "weight headers", done: UInt64(done), size: UInt64(total))
            }
            if let saveEvidence { try repository.saveEvidence(to: URL(fileURLWithPath: saveEvidence)) }
            return snapshot
        }
        if saveEvidence != nil { throw InputError(message: "--save-evidence applies to Hub and ModelScope targets read over the network") }
        let resolved = try TargetResolution.local(target, revision: revision)
        return try SnapshotLoader(options: LoadOptions(hashLargeFiles: !noHash, progress: progress?.update)).load(resolved)
    }

    private var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto: return isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}

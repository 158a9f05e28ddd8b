import ArgumentParser
import Foundation
import Frameworks
import RatingPipeline
import Reports
import TrustmarkCore

/// `trustmark rate <target>`: rate a local folder, a Hugging Face cache entry or a single weights file.
struct RateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate", _superCommandName: "trustmark",
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
        case text, json, markdown, html, sarif, cyclonedx, badge
        /// A Model Openness Tool model file, for submitting the model there (`trustmark mof` reads it back).
        case mof
    }

    enum ColorMode: String, ExpressibleByArgument, CaseIterable {
        case auto
        case always
        case never
    }

    @Argument(
        help:
            "org/name[@revision] on the Hub, ms://owner/name on ModelScope, a folder, a weights file, or a cache folder; several in one process (JSON Lines with --format json). Omit with --evidence.",
        completion: .file())
    var targets: [String] = []

    @Option(name: .customLong("targets-file"), help: "A file of targets, one a line (# comments and blank lines skipped).")
    var targetsFile: String?

    /// The one target of a single rating (nil with --evidence).
    var target: String? { targets.first }

    @Option(
        name: .shortAndLong,
        help: "Output format: text, json, markdown, html, sarif, cyclonedx, badge (SVG), or mof (a Model Openness Tool model file).")
    var format: Format = .text

    @Option(help: "Revision for Hub, ModelScope and cache targets: a branch, tag or commit (default: main; master on ModelScope).")
    var revision: String?

    @Flag(help: "Do not use the network: Hub and ModelScope targets come from their local caches (also HF_HUB_OFFLINE=1).")
    var offline = false

    @Option(
        name: .customLong("save-evidence"),
        help: "Write everything a Hub or ModelScope rating read (API responses, file bytes, digests) to this folder.")
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
        if targetsFile != nil || targets.count > 1 {
            try runMany()
            return
        }
        let pipeline = RatingPipeline()
        let request = try ratingRequest()
        let record: RatingRecord
        var mofText: String?
        do {
            let progress = ProgressBar.forStandardError()
            defer { progress?.finish() }
            var report: RatingPipeline.Progress?
            if let progress { report = { path, done, size in progress.update(path: path, done: done, size: size) } }
            if format == .mof {
                // The MOT file lists components from the files themselves, so it is written from the snapshot.
                let snapshot = try pipeline.load(request, progress: report)
                record = pipeline.rate(snapshot: snapshot)
                let mapped = MOFMapping.model(from: record.rating, snapshot: snapshot)
                mofText = MOTModelFile.write(mapped.model, date: record.rating.facts.hub?.lastModified.map { String($0.prefix(10)) } ?? "")
            } else {
                record = try pipeline.rate(request, progress: report)
            }
        } catch {
            throw InputError(message: String(describing: error))
        }
        if let mofText {
            print(mofText, terminator: "")
        } else if let recordFormat = RecordFormat(rawValue: format.rawValue) {
            print(try recordFormat.render(record, colors: useColor, verbose: verbose), terminator: "")
        }
        try Self.exitIfUnsafe(record)
    }

    /// Many targets in one process (issue 14: a process each cost a start-up each): text reports one after another, or
    /// JSON Lines — one compact rating record per line, or `{"target", "error"}` for a target that could not be rated.
    /// Exit status: 2 if a target could not be rated, else 1 if one is unsafe, else 0.
    func runMany() throws {
        var all = targets
        if let targetsFile {
            let text = try InputFile.text(targetsFile, limit: InputFile.policyLimit)
            all += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty && !$0.hasPrefix("#")
            }
        }
        guard !all.isEmpty else { throw InputError(message: "\(targetsFile ?? "--targets-file"): no targets") }
        guard evidence == nil, saveEvidence == nil else { throw InputError(message: "--evidence and --save-evidence rate one target at a time") }
        guard format == .text || format == .json else {
            throw InputError(
                message: "several targets are written as text or as JSON Lines (--format json); rate one target at a time for \(format.rawValue)")
        }
        let pipeline = RatingPipeline()
        var failed = false
        var unsafe = false
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for (index, target) in all.enumerated() {
            if isatty(STDERR_FILENO) == 1 { Console.error("[\(index + 1)/\(all.count)] \(target)") }
            do {
                let record = try pipeline.rate(targetRequest(target))
                unsafe = unsafe || record.rating.isUnsafe
                if format == .json {
                    print(Self.compact(try record.json()))
                } else {
                    print(try RecordFormat.text.render(record, colors: useColor, verbose: verbose))
                }
            } catch {
                failed = true
                if format == .json {
                    struct Failure: Encodable {
                        var target: String
                        var error: String
                    }
                    print(String(decoding: try encoder.encode(Failure(target: target, error: String(describing: error))), as: UTF8.self))
                } else {
                    Console.error("\(target): \(error)")
                }
            }
        }
        if failed { throw ExitCode(ExitStatus.usageOrInput) }
        if unsafe { throw ExitCode(ExitStatus.gateFailed) }
    }

    /// The record's JSON on one line: white space outside strings dropped, everything else byte for byte.
    static func compact(_ json: String) -> String {
        var out: [UInt8] = []
        var inString = false
        var escaped = false
        for byte in json.utf8 {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") { continue }
            if byte == UInt8(ascii: "\"") { inString = true }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Exit status 1 (with one line on standard error) when an unsafe finding failed the gate.
    static func exitIfUnsafe(_ record: RatingRecord) throws {
        guard record.rating.isUnsafe else { return }
        let count = record.rating.findings.filter { $0.outcome == .unsafe }.count
        Console.error("\(record.subject.name) is rated F-unsafe: \(count) unsafe finding\(count == 1 ? "" : "s")")
        throw ExitCode(ExitStatus.gateFailed)
    }

    /// The target or the evidence folder, with the options that apply to it.
    private func ratingRequest() throws -> RatingRequest {
        if let evidence {
            guard target == nil else { throw InputError(message: "give either a target or --evidence, not both") }
            return RatingRequest(.evidence(URL(fileURLWithPath: evidence)), saveEvidence: saveEvidence.map { URL(fileURLWithPath: $0) })
        }
        guard let target else { throw InputError(message: "missing target: org/name, a folder or a file (or --evidence DIR)") }
        return targetRequest(target)
    }

    /// One target with the options that apply to it (a single rating or one of many).
    private func targetRequest(_ target: String) -> RatingRequest {
        RatingRequest(
            .target(target), revision: revision, offline: offline, hashLargeFiles: !noHash,
            saveEvidence: saveEvidence.map { URL(fileURLWithPath: $0) })
    }

    private var useColor: Bool { color.useColor }

}

extension RateCommand.ColorMode {
    /// `auto` colours only a terminal, and not with NO_COLOR.
    var useColor: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}

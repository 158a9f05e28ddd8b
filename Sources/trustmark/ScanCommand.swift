import ArgumentParser
import Foundation
import ModelFormats
import Reports
import TrustmarkCore

/// `trustmark scan <path>...`: read model files statically and flag what would run code.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", _superCommandName: "trustmark",
        abstract: "Scan model files (or every file in folders) for content that runs code on load, without executing anything.",
        discussion: """
            Formats are recognised by their bytes, not their names: pickles (protocols 0-5), PyTorch zip and legacy checkpoints,
            TorchScript, NumPy .npy/.npz, joblib, ZIP archives, Keras H5, safetensors, GGUF, compressed and evasive containers.
            Pickles are walked opcode by opcode against an allowlist of model-file globals. Exit status: 0 nothing unsafe;
            1 a finding of high or critical severity; 2 a path does not exist.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }

    @Argument(help: "Files or folders.", completion: .file())
    var paths: [String]

    @Option(name: .shortAndLong, help: "Output format: text, json or sarif.")
    var format: Format = .text

    func run() throws {
        try ScanCommand.execute(paths: paths, format: format)
    }

    static func execute(paths: [String], format: Format) throws {
        var reports: [FileScanReport] = []
        let budget = DecompressionBudget()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(message: "\(path): no such file or folder")
            }
            if isDirectory.boolValue {
                for entry in FolderListing.regularFiles(in: path) {
                    let shown = (path as NSString).appendingPathComponent(entry.relative)
                    let report = ModelFileScanner.scan(name: entry.name, displayPath: shown, budget: budget)
                    reports.append(withCodeOnLoadText(report, name: entry.name, shownAs: shown))
                }
            } else {
                // A file named on the command line must be one: a FIFO or a device is refused, not waited on.
                if let problem = SafeFile.notARegularFile(path) { throw InputError(message: "\(path): \(problem)") }
                reports.append(withCodeOnLoadText(ModelFileScanner.scan(path: path, budget: budget), name: FileName(path), shownAs: path))
            }
        }
        switch format {
        case .text: print(ScanReport.text(reports), terminator: "")
        case .json: print(try ScanReport.json(reports), terminator: "")
        case .sarif: print(try ScanReport.sarif(reports), terminator: "")
        }
        if reports.contains(where: \.isUnsafe) { throw ExitCode(ExitStatus.gateFailed) }
    }
}

extension ScanCommand {
    /// The largest Python file or template read as text.
    static let textLimit = 8 << 20

    /// Repository Python and chat templates, read with the rules `rate` uses (A3, A9): a file `rate` calls unsafe is
    /// unsafe here too. Only files the byte scanner found to be text (a pickle named `.json` stays a pickle).
    static func withCodeOnLoadText(_ report: FileScanReport, name: FileName, shownAs path: String) -> FileScanReport {
        let python = path.lowercased().hasSuffix(".py")
        // A Python file starting with "i" or "c" reads as a protocol-0 pickle opcode; when that reading finds nothing
        // high or critical, the file is the Python text it says it is (a real pickle under a .py name keeps its findings).
        let misreadPickle = python && report.format == .pickle && !report.isUnsafe
        guard CodeOnLoadText.applies(to: path), report.format == .text || report.format == .unknown || misreadPickle else { return report }
        var report = report
        let bytes: [UInt8]
        do {
            bytes = try SafeFile.read(name, shownAs: path, limit: textLimit)
        } catch {
            report.findings.append(SafetyFinding(rule: "COV", severity: .coverage, message: "not read as text: \(error.description)", path: path))
            return report
        }
        if misreadPickle, String(validating: bytes, as: UTF8.self) == nil { return report }
        if let findings = CodeOnLoadText.findings(TextDocument(path: path, text: String(decoding: bytes, as: UTF8.self))) {
            if misreadPickle {
                report.findings = []
                report.imports = []
            }
            report.format = .text
            report.findings += findings
        }
        return report
    }
}

/// `trustmark inspect <file>`: what a model file is, from its headers.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", _superCommandName: "trustmark",
        abstract: "Show a model file's facts: format, tensors, parameters by dtype, layers, quantization, metadata and pickle imports."
    )

    @Argument(help: "A model file.", completion: .file())
    var path: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: path) else { throw InputError(message: "\(path): no such file") }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            // One model file is what inspect reads: name the folder's model files, and the commands for a whole folder.
            let modelFiles = FolderListing.regularFiles(in: path).map(\.relative)
                .filter { name in
                    [".safetensors", ".gguf", ".bin", ".pt", ".pth", ".onnx", ".h5", ".keras", ".npy", ".npz", ".pkl"].contains {
                        name.lowercased().hasSuffix($0)
                    }
                }
                .sorted()
            let list =
                modelFiles.isEmpty
                ? "it holds no model file" : "its model files: " + modelFiles.prefix(8).joined(separator: ", ") + (modelFiles.count > 8 ? ", …" : "")
            throw InputError(
                message:
                    "\(path) is a folder; inspect reads one model file (\(list)). For the whole folder: trustmark rate \(path), or trustmark scan \(path)"
            )
        }
        if let problem = SafeFile.notARegularFile(path) { throw InputError(message: "\(path): \(problem)") }
        let report = ModelFileScanner.scan(path: path)
        var lines = ["\(path)", "  format: \(report.format.rawValue), \(report.size) bytes"]
        if let weights = report.weights {
            lines.append(
                "  tensors: \(weights.tensorCount); parameters: \(weights.parameterCount.map { "\(ParameterCount.format($0)) (\($0))" } ?? "unknown")"
            )
            for (dtype, count) in weights.parametersByDtype.sorted(by: { $0.value > $1.value }) { lines.append("    \(dtype): \(count)") }
            if !weights.blockIndices.isEmpty { lines.append("  transformer blocks: \(weights.blockIndices.count)") }
            if weights.isPackedQuantized { lines.append("  quantization: packed integer weights (GPTQ/AWQ/bitsandbytes-style)") }
            for (key, value) in weights.metadata.sorted(by: { $0.key < $1.key }) { lines.append("  metadata \(key): \(value.prefix(120))") }
        }
        if !report.imports.isEmpty { lines.append("  pickle imports: \(Array(Set(report.imports)).sorted().joined(separator: ", "))") }
        for finding in report.findings { lines.append("  \(finding.severity.rawValue): \(finding.rule) \(finding.message)") }
        Console.out(lines)
    }
}

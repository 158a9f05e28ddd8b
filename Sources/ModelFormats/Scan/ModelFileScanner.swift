import TrustmarkCore

/// Reads any model file by its magic bytes (never its extension), applies the format's safety rules,
/// and never executes anything. Memory is bounded by the readers' windows, not by the file size.
public enum ModelFileScanner {
    public static func scan(path: String, displayPath: String? = nil, budget: DecompressionBudget? = nil) -> FileScanReport {
        scan(name: FileName(path), displayPath: displayPath ?? path, budget: budget)
    }

    /// Scans the file the name's bytes name (which need not be UTF-8), shown as `displayPath`.
    public static func scan(name: FileName, displayPath shown: String, budget: DecompressionBudget? = nil) -> FileScanReport {
        let file: BinaryFile
        do {
            // The file keeps its real path (readers look beside it, as ONNX external data does); reports show `shown`.
            file = try BinaryFile(name: name, path: name.display)
        } catch {
            return FileScanReport(
                path: shown, size: 0, format: .unknown,
                findings: [
                    SafetyFinding(rule: "COV", severity: .coverage, message: "cannot be read: \(error.message)", path: shown)
                ], imports: [])
        }
        return scan(file, path: shown, budget: budget)
    }

    /// - Parameter budget: what this file may decompress, shared with the other files of the rating or scan run.
    public static func scan(_ file: BinaryFile, path: String, budget: DecompressionBudget? = nil) -> FileScanReport {
        var report = FileScanReport(path: path, size: file.size, format: .unknown, findings: [], imports: [])
        let head = (try? file.read(at: 0, count: 512)) ?? []
        func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }

        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) {
            scanZip(file, path: path, budget: budget, into: &report)
        } else if starts([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) || starts(Array("Rar!\u{1A}\u{07}".utf8))
            || (head.count > 262 && Array(head[257..<262]) == Array("ustar".utf8))
        {
            report.format = .evasiveArchive
            report.findings.append(
                SafetyFinding(
                    rule: "CTR-EVASIVE", severity: .high,
                    message: "a 7z, RAR or tar archive: no model loader reads it without custom code, and scanners cannot see inside", path: path,
                    byteOffset: 0))
        } else if starts(NpyHeader.magic) {
            scanNpy(ByteCursor(file: file), path: path, into: &report)
        } else if starts(Array("GGUF".utf8)) {
            report.format = .gguf
            let header = GGUFReader.read(file)
            report.weights = header.facts(path: path, fileSize: file.size)
            for (key, template) in header.chatTemplates.sorted(by: { $0.key < $1.key }) {
                report.findings += ChatTemplateScanner.scan(template, path: path, firstLine: nil, origin: key)
            }
            for problem in header.problems {
                report.findings.append(
                    SafetyFinding(
                        rule: "GGUF-STRUCT", severity: problem.isFatal ? .high : .low,
                        message: problem.item.map { "\($0): \(problem.message)" } ?? problem.message, path: path, byteOffset: problem.byteOffset))
            }
        } else if starts([0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]) {
            scanKerasH5(file, path: path, into: &report)
        } else if let compression = Compression.detect(head) {
            report.format = .compressed
            scanCompressed(file, path: path, compression: compression, budget: budget, into: &report)
        } else if starts([0x4D, 0x5A]) || starts([0x7F, 0x45, 0x4C, 0x46]) || starts([0xCF, 0xFA, 0xED, 0xFE]) || starts([0xFE, 0xED, 0xFA, 0xCF]) {
            report.format = .executable
            report.findings.append(
                SafetyFinding(
                    rule: "CTR-EXE", severity: .high, message: "a native executable or library (PE, ELF or Mach-O)", path: path, byteOffset: 0))
        } else if looksLikeSafetensors(head, size: file.size) {
            scanSafetensors(file, path: path, into: &report)
        } else if head.count >= 8, Array(head[4..<8]) == Array("TFL3".utf8) {
            scanTensorFlow(file, path: path, format: .tflite, into: &report)
        } else if head.starts(with: [0x08, 0x01, 0x12]) {
            scanTensorFlow(file, path: path, format: .tensorflowSavedModel, into: &report)
        } else if ONNXReader.looksLikeONNX(head), let model = plausibleONNX(file) {
            scanONNX(model, file: file, path: path, into: &report)
        } else if looksLikePickle(head) {
            scanPickle(ByteCursor(file: file), path: path, into: &report, container: nil)
        } else if isText(head) {
            report.format = .text
        } else {
            report.findings.append(
                SafetyFinding(rule: "COV", severity: .coverage, message: "unrecognised format; not scanned", path: path, byteOffset: 0))
        }
        return report
    }

    static func looksLikeSafetensors(_ head: [UInt8], size: UInt64) -> Bool {
        guard head.count >= 9 else { return false }
        let length = head.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        return length > 1 && length <= size - 8 && (head[8] == UInt8(ascii: "{") || head[8] == 0x20)
    }

    /// PROTO 2-5, or a protocol 0/1 stream's usual first opcodes (CVE-2025-10155: such pickles named `.bin`).
    static func looksLikePickle(_ head: [UInt8]) -> Bool {
        guard let first = head.first else { return false }
        if first == 0x80, head.count > 1, (2...5).contains(head[1]) { return true }
        return [
            UInt8(ascii: "("), UInt8(ascii: "c"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "N"),
            UInt8(ascii: "I"), UInt8(ascii: "S"), UInt8(ascii: "V"), UInt8(ascii: "X"), UInt8(ascii: "K"), UInt8(ascii: "J"),
            UInt8(ascii: "l"), UInt8(ascii: "d"), UInt8(ascii: "i"),
        ].contains(first)
    }

    static func isText(_ head: [UInt8]) -> Bool {
        !head.contains(0) && String(validating: head.prefix(head.count - min(3, head.count)), as: UTF8.self) != nil
    }

    static func scanSafetensors(_ file: BinaryFile, path: String, into report: inout FileScanReport) {
        report.format = .safetensors
        guard let header = try? SafetensorsReader.read(file) else { return }
        report.weights = header.facts(path: path, fileSize: file.size)
        for problem in header.problems {
            report.findings.append(
                SafetyFinding(
                    rule: problem.isFatal ? "ST-STRUCT" : "ST-DIFF", severity: problem.isFatal ? .high : .medium,
                    message: problem.item.map { "\($0): \(problem.message)" } ?? problem.message, path: path, byteOffset: problem.byteOffset))
        }
    }

    /// Scans a pickle stream; a stream that fails before anything was imported is not a pickle at all.
    static func scanPickle(_ cursor: ByteCursor, path: String, into report: inout FileScanReport, container: String?, streams: Int = 8) {
        let result = PickleAnalyzer.scan(path: path, cursor: cursor, maxStreams: streams, torchScript: report.format == .torchScript)
        if result.malformed, result.globals.isEmpty, result.opcodes <= 3, container == nil {
            report.findings.append(
                SafetyFinding(rule: "COV", severity: .coverage, message: "unrecognised format (not a pickle); not scanned", path: path, byteOffset: 0)
            )
            return
        }
        if report.format == .unknown {
            // torch's legacy format is several pickles in a row (magic, protocol, sys info, object, keys).
            report.format = result.isTorchLegacy || result.streams >= 3 ? .pytorchLegacy : .pickle
        }
        report.imports += result.globals.map(\.full)
        if result.tensors > 0 {
            // Shapes of the tensors torch would rebuild: the checkpoint's parameter count, read without loading it.
            var facts = report.weights ?? WeightFileFacts(path: path, format: .pytorch, size: report.size)
            for (dtype, count) in result.elementsByDtype { facts.parametersByDtype[dtype, default: 0] &+= count }
            facts.tensorCount += result.tensors
            facts.parameterCount = facts.parametersByDtype.values.reduce(0, &+)
            facts.blockIndices.formUnion(TensorNames.blockIndices(result.tensorNames))
            facts.isPackedQuantized = facts.isPackedQuantized || TensorNames.arePackedQuantized(result.tensorNames)
            report.weights = facts
        }
        report.findings += result.findings.map { finding in
            var located = finding
            if let container { located.message = "\(container): " + finding.message }
            return located
        }
    }

    static func scanNpy(_ cursor: ByteCursor, path: String, into report: inout FileScanReport, member: String? = nil) {
        var cursor = cursor
        if report.format == .unknown { report.format = .numpy }
        guard let header = NpyHeader.read(&cursor) else {
            report.findings.append(
                SafetyFinding(
                    rule: "COV", severity: .coverage, message: "\(member.map { "\($0): " } ?? "")unreadable .npy header", path: path,
                    byteOffset: cursor.offset))
            return
        }
        if header.isObjectArray {
            // Object arrays are pickles after the header; numpy's own reconstruct functions are allowed.
            scanPickle(cursor, path: path, into: &report, container: member ?? "object array", streams: 1)
        }
    }

    static func scanZip(_ file: BinaryFile, path: String, budget shared: DecompressionBudget? = nil, into report: inout FileScanReport) {
        report.format = .zip
        let archive: ZipArchive
        do {
            archive = try ZipArchive.read(file)
        } catch {
            report.findings.append(
                SafetyFinding(
                    rule: "CTR-ZIP-DIFF", severity: .high,
                    message: "a ZIP whose central directory cannot be read (\(error)); loaders may still find members", path: path, byteOffset: 0))
            // Torch's reader also falls back to local headers: scan the first member's pickle if there is one.
            return
        }
        for problem in archive.problems {
            report.findings.append(SafetyFinding(rule: "CTR-ZIP-DIFF", severity: .medium, message: problem, path: path))
        }
        let names = archive.members.map(\.name)
        if names.contains(where: { $0.hasSuffix("data.pkl") }) {
            report.format = names.contains(where: { $0.includes("/code/") || $0.hasPrefix("code/") }) ? .torchScript : .pytorchZip
        }
        if !names.isEmpty, names.allSatisfy({ $0.hasSuffix(".npy") }) { report.format = .numpyZip }
        if names.contains("config.json"), names.contains("metadata.json") || names.contains("model.weights.h5") {
            scanKerasArchive(file, archive: archive, path: path, into: &report)
        }
        if report.format == .torchScript {
            // LOW, not the research table's MEDIUM: TorchScript runs in torch's own interpreter, which cannot import
            // Python modules, and real TorchScript models (silero-vad) must not be flagged above LOW.
            report.findings.append(
                SafetyFinding(
                    rule: "PT-SCRIPT", severity: .low,
                    message:
                        "TorchScript code (code/*.py) that torch.jit.load compiles and runs; it cannot import Python modules, but it is executable model code",
                    path: path))
        }
        var seen = Set<String>()
        // Members that share a local header are the same bytes: scanned once. Overlapping members (the trick of
        // non-recursive zip bombs) are still scanned as what a loader would read, but all members together may read
        // at most the archive's size plus `maxInflated`: past that, the rest is a coverage gap, not minutes of work.
        var scannedHeaders = Set<UInt64>()
        var budget = file.size &+ UInt64(maxInflated)
        let overlapping = ZipArchive.overlappingMembers(archive.members)
        if overlapping > 0 {
            report.findings.append(
                SafetyFinding(
                    rule: "CTR-ZIP-DIFF", severity: .medium,
                    message:
                        "\(overlapping) member\(overlapping == 1 ? "" : "s") overlap another member's bytes (a zip bomb's trick; no archive writer does this)",
                    path: path))
        }
        for member in archive.members {
            let name = member.name
            if !seen.insert(name).inserted {
                report.findings.append(
                    SafetyFinding(
                        rule: "CTR-ZIP-DIFF", severity: .medium, message: "duplicate member name \(name)", path: path,
                        byteOffset: member.localHeaderOffset))
            }
            if name.hasPrefix("/") || name.includes("../") || name.hasPrefix("..") || name.includes("\\") || name.includes("\0")
                || name.includes("\n")
                || (name.count > 1 && name.dropFirst().first == ":")
            {
                report.findings.append(
                    SafetyFinding(
                        rule: "CTR-ZIP-PATH", severity: .medium, message: "member path \(name) escapes the extraction folder", path: path,
                        byteOffset: member.localHeaderOffset))
            }
            if let local = member.localName, local != name {
                report.findings.append(
                    SafetyFinding(
                        rule: "CTR-ZIP-DIFF", severity: .medium, message: "local header names \(local) where the central directory says \(name)",
                        path: path, byteOffset: member.localHeaderOffset))
            }
            guard let dataOffset = member.dataOffset, scannedHeaders.insert(member.localHeaderOffset).inserted else { continue }
            let spend =
                member.method == 8
                ? min(UInt64(maxInflated), member.uncompressedSize > 0 ? member.uncompressedSize : UInt64(maxInflated)) : member.compressedSize
            guard spend <= budget else {
                report.findings.append(
                    SafetyFinding(
                        rule: "COV", severity: .coverage,
                        message: "\(name) and the members after it were not scanned: the archive's members hold more bytes than it does", path: path,
                        byteOffset: dataOffset))
                break
            }
            if member.method == 8 && !member.isEncrypted {
                budget -= inflateMember(
                    file, member: member, at: dataOffset, limit: Int(min(budget, UInt64(maxInflated))), budget: shared, path: path, into: &report)
                continue
            }
            budget -= member.compressedSize
            if !member.isStored {
                report.findings.append(
                    SafetyFinding(
                        rule: "COV", severity: .coverage,
                        message: "\(name) uses compression method \(member.method), which is not implemented; not scanned", path: path,
                        byteOffset: dataOffset))
                continue
            }
            let end = min(file.size, dataOffset + member.compressedSize)
            let sniff = (try? file.read(at: dataOffset, count: Int(min(8, end - min(end, dataOffset))))) ?? []
            if !scanMember(ByteCursor(file: file, from: dataOffset, to: end), sniff: sniff, member: member, at: dataOffset, path: path, into: &report)
            {
                if member.isEncrypted && member.compressedSize > 0 {
                    report.findings.append(
                        SafetyFinding(
                            rule: "COV", severity: .coverage, message: "\(name) is encrypted and cannot be scanned", path: path,
                            byteOffset: dataOffset))
                }
            }
        }
    }

    /// Names under which loaders expect a pickle: torch's `data.pkl`/`constants.pkl`, TorchScript's `.debug_pkl`.
    static func isPickleName(_ name: String) -> Bool {
        name.hasSuffix(".pkl") || name.hasSuffix(".debug_pkl") || name.hasSuffix(".pickle")
    }

    /// One archive member's bytes, dispatched on their magic. Returns false when nothing in them was recognised.
    /// A protocol 2+ pickle (leading PROTO) is always scanned; a text-like protocol 0/1 pickle under another
    /// name is kept only if it parses as a whole, so source files (`code/*.py`) are not misread as pickles.
    static func scanMember(
        _ cursor: ByteCursor, sniff: [UInt8], member: ZipArchive.Member, at dataOffset: UInt64, path: String, into report: inout FileScanReport
    ) -> Bool {
        let name = member.name
        if sniff.starts(with: NpyHeader.magic) {
            scanNpy(cursor, path: path, into: &report, member: name)
        } else if sniff.starts(with: [0x4D, 0x5A]) || sniff.starts(with: [0x7F, 0x45, 0x4C, 0x46]) {
            report.findings.append(
                SafetyFinding(
                    rule: "CTR-EXE", severity: .high, message: "\(name) is a native executable inside the archive", path: path, byteOffset: dataOffset
                ))
        } else if looksLikePickle(sniff) && (sniff.first == 0x80 || isPickleName(name)) {
            if member.flags & 0x0061 != 0 {
                report.findings.append(
                    SafetyFinding(
                        rule: "CTR-ZIP-DIFF", severity: .medium,
                        message:
                            "\(name) has flag bits 0x\(String(member.flags, radix: 16)) (encryption or patching) yet holds a readable pickle: readers disagree about it",
                        path: path, byteOffset: dataOffset))
            }
            if !isPickleName(name) {
                report.findings.append(
                    SafetyFinding(
                        rule: "CTR-MAGIC", severity: .medium, message: "\(name) holds a pickle under a non-pickle name", path: path,
                        byteOffset: dataOffset))
            }
            scanPickle(cursor, path: path, into: &report, container: name, streams: 1)
        } else if looksLikePickle(sniff) {
            let trial = PickleAnalyzer.scan(path: path, cursor: cursor, maxStreams: 1)
            guard !trial.malformed, !trial.globals.isEmpty else { return false }
            report.findings.append(
                SafetyFinding(
                    rule: "CTR-MAGIC", severity: .medium, message: "\(name) holds a pickle under a non-pickle name", path: path,
                    byteOffset: dataOffset))
            scanPickle(cursor, path: path, into: &report, container: name, streams: 1)
        } else {
            return false
        }
        return true
    }

    /// Compressed input is read up to this size, and inflated up to `maxInflated`; past either, the file is a
    /// coverage gap and, when the ratio is extreme, a bomb.
    static let maxCompressed = 64 << 20
    static let maxInflated = 256 << 20

    static func scanCompressed(
        _ file: BinaryFile, path: String, compression: Compression, budget: DecompressionBudget? = nil,
        into report: inout FileScanReport
    ) {
        guard file.size <= UInt64(maxCompressed), let input = try? file.read(at: 0, count: Int(file.size)) else {
            report.findings.append(
                SafetyFinding(
                    rule: "COV", severity: .coverage, message: "compressed file larger than \(maxCompressed) bytes; not scanned", path: path,
                    byteOffset: 0))
            return
        }
        let granted = budget?.reserve(maxInflated) ?? maxInflated
        guard granted > 0 else { return budgetSpent(budget, path: path, label: "the \(compression.rawValue) content", at: 0, into: &report) }
        do {
            let output = try compression.decompress(input, limit: granted)
            budget?.refund(granted - output.count)
            scanDecompressed(output, path: path, label: "\(compression.rawValue) content", into: &report)
        } catch {
            if case .tooLarge = error, granted < maxInflated {
                return budgetSpent(budget, path: path, label: "the \(compression.rawValue) content", at: 0, into: &report)
            }
            compressionFailure(error, path: path, label: "the \(compression.rawValue) content", at: 0, into: &report)
        }
    }

    static func budgetSpent(_ budget: DecompressionBudget?, path: String, label: String, at offset: UInt64, into report: inout FileScanReport) {
        let total = (budget?.total ?? maxInflated) >> 20
        report.findings.append(
            SafetyFinding(
                rule: "COV", severity: .coverage,
                message: "\(label) was not decompressed: the \(total) MiB that one rating decompresses in all are spent; not scanned", path: path,
                byteOffset: offset))
    }

    /// Inflates and scans one member; returns the bytes it inflated.
    @discardableResult
    static func inflateMember(
        _ file: BinaryFile, member: ZipArchive.Member, at offset: UInt64, limit: Int = maxInflated,
        budget: DecompressionBudget? = nil, path: String, into report: inout FileScanReport
    ) -> UInt64 {
        guard member.compressedSize <= UInt64(maxCompressed), let input = try? file.read(at: offset, count: Int(member.compressedSize)) else {
            report.findings.append(
                SafetyFinding(
                    rule: "COV", severity: .coverage, message: "\(member.name) is larger than \(maxCompressed) bytes compressed; not scanned",
                    path: path, byteOffset: offset))
            return 0
        }
        // Source files and other members that are neither pickles nor arrays nor executables are not inflated whole
        // (TorchScript archives deflate their code/ folder): the first bytes decide.
        let sniff = Inflate.rawPrefix(input, count: 64)
        let interesting =
            isPickleName(member.name) || looksLikePickle(Array(sniff.prefix(8))) || sniff.starts(with: NpyHeader.magic)
            || sniff.starts(with: [0x4D, 0x5A]) || sniff.starts(with: [0x7F, 0x45, 0x4C, 0x46])
        guard interesting else { return 0 }
        let granted = budget?.reserve(limit) ?? limit
        guard granted > 0 else {
            budgetSpent(budget, path: path, label: member.name, at: offset, into: &report)
            return 0
        }
        do {
            let output = try Inflate.raw(input, limit: granted)
            budget?.refund(granted - output.count)
            _ = scanMember(ByteCursor(bytes: output), sniff: Array(output.prefix(8)), member: member, at: offset, path: path, into: &report)
            return UInt64(output.count)
        } catch {
            if case .tooLarge = error, granted < limit {
                budgetSpent(budget, path: path, label: member.name, at: offset, into: &report)
            } else {
                compressionFailure(error, path: path, label: member.name, at: offset, into: &report)
            }
            return UInt64(granted)
        }
    }

    static func compressionFailure(_ error: Inflate.Failure, path: String, label: String, at offset: UInt64, into report: inout FileScanReport) {
        if case .tooLarge = error {
            report.findings.append(
                SafetyFinding(
                    rule: "CTR-BOMB", severity: .medium, message: "\(label) \(error) (a decompression bomb?); the rest was not scanned", path: path,
                    byteOffset: offset))
        }
        report.findings.append(
            SafetyFinding(rule: "COV", severity: .coverage, message: "\(label): \(error); not scanned", path: path, byteOffset: offset))
    }

    /// Decompressed bytes are dispatched on their own magic: an npy array, a pickle, or something unscanned.
    static func scanDecompressed(_ bytes: [UInt8], path: String, label: String, into report: inout FileScanReport) {
        if bytes.starts(with: NpyHeader.magic) {
            scanNpy(ByteCursor(bytes: bytes), path: path, into: &report, member: label)
        } else if looksLikePickle(Array(bytes.prefix(8))) {
            scanPickle(ByteCursor(bytes: bytes), path: path, into: &report, container: label)
        } else if bytes.starts(with: [0x4D, 0x5A]) || bytes.starts(with: [0x7F, 0x45, 0x4C, 0x46]) {
            report.findings.append(SafetyFinding(rule: "CTR-EXE", severity: .high, message: "\(label) is a native executable", path: path))
        }
    }
}

import TrustmarkCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// ONNX rules (docs/model-files.md, the ONNX row): external-data paths that leave the model's folder (CVE-2022-25882,
/// CVE-2024-27318), keys the format does not define (CVE-2026-34445), ranges past the data file,
/// and operators that need code from outside the model.
extension ModelFileScanner {
    /// The protobuf walk, or nil when the bytes only looked like ONNX (no graph).
    static func plausibleONNX(_ file: BinaryFile) -> ONNXModel? {
        let model = ONNXReader.read(file)
        return model.hasGraph ? model : nil
    }

    static let standardDomains: Set<String> = [
        "", "ai.onnx", "ai.onnx.ml", "ai.onnx.training", "ai.onnx.preview.training", "com.microsoft",
        "com.microsoft.nchwc", "com.microsoft.experimental", "org.pytorch.aten",
    ]
    static let externalDataKeys: Set<String> = ["location", "offset", "length", "checksum"]
    /// Operators that run Python in the loader's process (onnxruntime's PyOp, the onnxscript/torch Python fallbacks).
    static let pythonOperators: Set<String> = ["PyOp", "PythonOp", "PythonOpGrad"]

    static func scanONNX(_ model: ONNXModel, file: BinaryFile, path: String, into report: inout FileScanReport) {
        report.format = .onnx
        report.weights = model.facts(path: path, fileSize: file.size)
        if let problem = model.problem {
            report.findings.append(
                SafetyFinding(
                    rule: "ONNX-STRUCT", severity: .medium,
                    message: "not valid protobuf: \(problem.message); onnx.load would refuse it, and what follows was not read", path: path,
                    byteOffset: problem.offset))
            report.findings.append(
                SafetyFinding(
                    rule: "COV", severity: .coverage, message: "the ONNX graph after byte \(problem.offset) was not checked",
                    path: path, byteOffset: problem.offset))
        }
        let folder = String(file.path.prefix(upTo: file.path.lastIndex(of: "/") ?? file.path.startIndex))
        for tensor in model.initializers + model.attributeTensors where tensor.isExternal || !tensor.externalData.isEmpty {
            checkExternalData(tensor, folder: folder.isEmpty ? "." : folder, path: path, into: &report)
        }
        for (op, offset) in model.operators.sorted(by: { ($0.value, $0.key.type) < ($1.value, $1.key.type) }) {
            if pythonOperators.contains(op.type) {
                report.findings.append(
                    SafetyFinding(
                        rule: "ONNX-OP", severity: .high,
                        message: "operator \(op.domain.isEmpty ? "" : op.domain + ".")\(op.type) runs Python code in the loading process", path: path,
                        byteOffset: offset))
            } else if !standardDomains.contains(op.domain), !op.domain.hasPrefix("ai.onnx."), !model.functionDomains.contains(op.domain) {
                report.findings.append(
                    SafetyFinding(
                        rule: "ONNX-OP", severity: .info,
                        message:
                            "operator \(op.type) from the custom domain \"\(op.domain)\": it runs only with a native library the loader registers",
                        path: path, byteOffset: offset))
            }
        }
    }

    static func checkExternalData(_ tensor: ONNXModel.Tensor, folder: String, path: String, into report: inout FileScanReport) {
        let name = tensor.name.isEmpty ? "a tensor" : "tensor \(tensor.name)"
        for entry in tensor.externalData where !externalDataKeys.contains(entry.key) {
            report.findings.append(
                SafetyFinding(
                    rule: "ONNX-PATH", severity: .high,
                    message:
                        "\(name) has the external-data key \"\(entry.key.prefix(64))\", which ONNX does not define (onnx sets it as an attribute: CVE-2026-34445)",
                    path: path, byteOffset: tensor.offset))
        }
        let value = { (key: String) in tensor.externalData.last { $0.key == key }?.value }
        guard let location = value("location"), !location.isEmpty else {
            report.findings.append(
                SafetyFinding(
                    rule: "ONNX-PATH", severity: .medium, message: "\(name) is marked external but names no location", path: path,
                    byteOffset: tensor.offset))
            return
        }
        if let reason = unsafeLocation(location) {
            report.findings.append(
                SafetyFinding(
                    rule: "ONNX-PATH", severity: .high,
                    message: "\(name) reads its data from \"\(location.prefix(200))\": \(reason) (CVE-2022-25882, CVE-2024-27318)", path: path,
                    byteOffset: tensor.offset))
            return
        }
        let target = folder + "/" + location
        var status = stat()
        guard lstat(target, &status) == 0 else {
            report.findings.append(
                SafetyFinding(
                    rule: "COV", severity: .coverage,
                    message: "\(name): external data file \(location) is not present next to the model; its range was not checked", path: path,
                    byteOffset: tensor.offset))
            return
        }
        if (status.st_mode & S_IFMT) == S_IFLNK {
            // A link is fine only when it stays in the model's folder (the Hugging Face cache links into ../../blobs).
            let resolved = realpath(target, nil).map { pointer -> String in
                defer { free(pointer) }
                return String(cString: pointer)
            }
            let base = realpath(folder, nil).map { pointer -> String in
                defer { free(pointer) }
                return String(cString: pointer)
            }
            let cacheRoot = base.map { String($0.prefix(upTo: $0.range(of: "/snapshots/")?.lowerBound ?? $0.endIndex)) }
            guard let resolved, let base, resolved.hasPrefix(base + "/") || (cacheRoot.map { resolved.hasPrefix($0 + "/blobs/") } ?? false) else {
                report.findings.append(
                    SafetyFinding(
                        rule: "ONNX-PATH", severity: .high,
                        message: "\(name): external data \(location) is a symbolic link out of the model's folder", path: path,
                        byteOffset: tensor.offset))
                return
            }
            guard stat(target, &status) == 0 else { return }
        }
        let size = UInt64(status.st_size)
        let offset = value("offset").flatMap { UInt64($0) } ?? 0
        let length = value("length").flatMap { UInt64($0) }
        if value("offset") != nil && UInt64(value("offset")!) == nil || value("length") != nil && length == nil {
            report.findings.append(
                SafetyFinding(
                    rule: "ONNX-PATH", severity: .medium, message: "\(name): external-data offset or length is not a number",
                    path: path, byteOffset: tensor.offset))
            return
        }
        let (end, overflow) = offset.addingReportingOverflow(length ?? 0)
        if overflow || end > size || offset > size {
            report.findings.append(
                SafetyFinding(
                    rule: "ONNX-PATH", severity: .high,
                    message: "\(name): external range \(offset)+\(length ?? 0) runs past the end of \(location) (\(size) bytes)", path: path,
                    byteOffset: tensor.offset))
        }
    }

    /// Why an external-data location could leave the model's folder, or nil when it is a plain relative path.
    static func unsafeLocation(_ location: String) -> String? {
        if location.includes("\u{0}") { return "a NUL byte in the path" }
        if location.includes("://") { return "a URL" }
        if location.hasPrefix("\\\\") || location.hasPrefix("//") { return "a UNC or network path" }
        if location.hasPrefix("/") || location.hasPrefix("\\") { return "an absolute path" }
        if location.count >= 2, location.dropFirst().first == ":", location.first?.isLetter == true { return "a drive-letter path" }
        if location.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..") { return "a path that climbs out with .." }
        if location.hasPrefix("~") { return "a home-folder path" }
        return nil
    }
}

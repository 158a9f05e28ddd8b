import TrustmarkCore

/// TensorFlow files (rule TF-OPS): a SavedModel's `saved_model.pb` and TFLite flatbuffers. Their graphs
/// are data, but a few ops reach outside the model: `ReadFile`/`WriteFile` touch the file system and
/// `PyFunc`/`EagerPyFunc` call Python; TFLite reaches the same ops through `Flex` custom ops.
extension ModelFileScanner {
    static let riskyTensorFlowOps: [(name: String, what: String)] = [
        ("ReadFile", "reads files"), ("WriteFile", "writes files"), ("PyFunc", "calls Python"), ("EagerPyFunc", "calls Python"),
        ("PyFuncStateless", "calls Python"), ("MatchingFiles", "lists files"),
    ]
    /// Graph protobufs are normally kilobytes to a few megabytes; larger ones are searched up to this size.
    static let maxGraphSearch = 256 << 20

    static func scanTensorFlow(_ file: BinaryFile, path: String, format: FileScanReport.Format, into report: inout FileScanReport) {
        report.format = format
        let size = Int(min(file.size, UInt64(maxGraphSearch)))
        guard let bytes = try? file.read(at: 0, count: size) else { return }
        for op in riskyTensorFlowOps {
            let name = format == .tflite ? "Flex" + op.name : op.name
            // In a GraphDef, an op is NodeDef field 2: the tag 0x12, a one-byte length, the name. TFLite stores
            // custom op codes as plain strings.
            let needle = format == .tflite ? Array(name.utf8) : [0x12, UInt8(name.utf8.count)] + Array(name.utf8)
            if let offset = bytes.firstIndex(of: needle) {
                report.findings.append(
                    SafetyFinding(
                        rule: "TF-OPS", severity: .high,
                        message: "the graph uses the op \(name), which \(op.what) when the model runs", path: path, byteOffset: UInt64(offset)))
            }
        }
        if file.size > UInt64(maxGraphSearch) {
            report.findings.append(
                SafetyFinding(
                    rule: "COV", severity: .coverage, message: "only the first \(maxGraphSearch) bytes of the graph were searched for risky ops",
                    path: path, byteOffset: UInt64(maxGraphSearch)))
        }
    }
}

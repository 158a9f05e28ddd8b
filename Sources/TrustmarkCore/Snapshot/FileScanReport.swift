/// What one file is and what in it could run code.
public struct FileScanReport: Sendable, Equatable {
    public enum Format: String, Sendable, Codable {
        case safetensors, gguf, pickle
        case pytorchZip = "pytorch-zip"
        case pytorchLegacy = "pytorch-legacy"
        case torchScript = "torchscript"
        case numpy
        case numpyZip = "npz"
        case zip
        case kerasH5 = "keras-h5"
        case compressed
        case evasiveArchive = "evasive-archive"
        case executable, text, unknown
        case onnx, keras, tflite
        case tensorflowSavedModel = "tensorflow-savedmodel"
    }

    public var path: String
    public var size: UInt64
    public var format: Format
    public var findings: [SafetyFinding]
    /// `module.name` of every pickle global imported, in order.
    public var imports: [String]
    public var weights: WeightFileFacts?

    public init(path: String, size: UInt64, format: Format, findings: [SafetyFinding], imports: [String], weights: WeightFileFacts? = nil) {
        self.path = path
        self.size = size
        self.format = format
        self.findings = findings
        self.imports = imports
        self.weights = weights
    }

    public var worst: SafetySeverity? { findings.map(\.severity).max() }
    /// HIGH or CRITICAL: the file can run code, or is built to evade scanners.
    public var isUnsafe: Bool { (worst ?? .info) >= .high }
}

/// One file of the repository.
public struct RepositoryFile: Sendable, Equatable, Codable {
    public var path: String
    public var size: UInt64
    public var kind: FileKind
    /// Lower-case hex SHA-256 of the content; `nil` when hashing was skipped (`--no-hash`).
    public var sha256: String?

    public init(path: String, size: UInt64, kind: FileKind, sha256: String?) {
        self.path = path
        self.size = size
        self.kind = kind
        self.sha256 = sha256
    }

    public var name: Substring { path.split(separator: "/").last ?? Substring(path) }
}

/// A file's role in a model repository, decided from its name (the content is checked by readers).
public enum FileKind: String, Sendable, Codable, CaseIterable {
    case card
    case config
    case license
    case weights
    case weightsIndex = "weights-index"
    case tokenizer
    case code
    case documentation
    case other

    /// LICENSE, LICENCE, COPYING, NOTICE, LICENSE-MODEL, MODEL_LICENSE.md, USE_POLICY.md, USAGE_POLICY,
    /// "Tongyi Qianwen LICENSE AGREEMENT": license texts, policies and notices, not code or configs.
    static func isLicenseName(_ lower: String) -> Bool {
        let stem = lower.split(separator: ".").first.map(String.init) ?? lower
        let allowedExtensions = ["", "md", "txt", "rst", "markdown"]
        let ext = lower.utf8Contains(".") ? String(lower.split(separator: ".").last ?? "") : ""
        guard allowedExtensions.contains(ext) else { return false }
        let markers = [
            "license", "licence", "copying", "notice", "use_policy", "usage_policy", "use-policy", "usage-policy",
            "acceptable_use", "responsible_use",
        ]
        return markers.contains { stem.utf8Contains($0) }
    }

    public static func classify(path: String) -> FileKind {
        let name = (path.split(separator: "/").last.map(String.init) ?? path)
        let lower = name.lowercased()
        let isTopLevel = !path.utf8Contains("/")
        if isTopLevel && (lower == "readme.md" || lower == "readme") { return .card }
        if lower.hasSuffix(".safetensors.index.json") || lower.hasSuffix(".bin.index.json") || lower.hasSuffix(".pth.index.json") {
            return .weightsIndex
        }
        if WeightFormat.fromExtension(lower) != nil { return .weights }
        if FileKind.isLicenseName(lower) { return .license }
        if lower.hasSuffix(".py") { return .code }
        if lower.hasPrefix("tokenizer") || lower == "vocab.json" || lower == "vocab.txt" || lower == "merges.txt"
            || lower == "special_tokens_map.json" || lower.hasSuffix(".model") || lower == "chat_template.json" || lower == "chat_template.jinja"
        {
            return .tokenizer
        }
        if lower.hasSuffix(".json") && (lower.utf8Contains("config") || lower == "params.json") { return .config }
        if lower.hasSuffix(".md") || lower.hasSuffix(".txt") || lower.hasSuffix(".rst") { return .documentation }
        return .other
    }
}

/// Serialization formats of weight files.
public enum WeightFormat: String, Sendable, Codable, CaseIterable {
    case safetensors
    case gguf
    /// PyTorch `torch.save` output (zip or legacy): a pickle that can run code on load.
    case pytorch
    /// A raw pickle or joblib file.
    case pickle
    case numpy
    case keras
    case onnx
    case tensorflow
    case flax

    /// Formats whose loading can execute code embedded in the file.
    public var canExecuteCode: Bool {
        switch self {
        case .pytorch, .pickle: return true
        case .keras, .numpy: return true  // Lambda layers; object arrays are pickles
        case .safetensors, .gguf, .onnx, .tensorflow, .flax: return false
        }
    }

    /// The format a file name suggests (readers confirm it from the content).
    public static func fromExtension(_ lowercasedName: String) -> WeightFormat? {
        let table: [(String, WeightFormat)] = [
            (".safetensors", .safetensors), (".gguf", .gguf), (".bin", .pytorch), (".pt", .pytorch), (".pth", .pytorch),
            (".ckpt", .pytorch), (".pkl", .pickle), (".pickle", .pickle), (".joblib", .pickle), (".npy", .numpy),
            (".npz", .numpy), (".keras", .keras), (".h5", .keras), (".hdf5", .keras), (".onnx", .onnx), (".pb", .tensorflow),
            (".tflite", .tensorflow), (".msgpack", .flax),
        ]
        // `training_args.bin` is a pickle too, but it is not weights; it still counts as pickle content.
        return table.first { lowercasedName.hasSuffix($0.0) }?.1
    }
}

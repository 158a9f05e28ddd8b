/// What the weight files' headers say, for every weight file in the repository.
public struct WeightsInventory: Sendable, Equatable {
    public var files: [WeightFileFacts]
    public var indexes: [ShardIndexFacts]

    public init(files: [WeightFileFacts] = [], indexes: [ShardIndexFacts] = []) {
        self.files = files
        self.indexes = indexes
    }

    public var formats: Set<WeightFormat> { Set(files.map(\.format)) }

    /// Files whose headers were read and are valid.
    public var readable: [WeightFileFacts] { files.filter { $0.parameterCount != nil } }

    /// The model's parameter count from safetensors and GGUF headers; `nil` if none could be read.
    ///
    /// Files are grouped into weight sets: the shards of one index (or of one `-0000N-of-0000M`
    /// name), or a single file. Sets in the same folder are alternative copies of the same model
    /// (Mistral ships `consolidated.safetensors` beside sharded files; GGUF repos hold one file per
    /// quantization), so the largest counts; sets in different folders are components (a diffusers
    /// pipeline's `unet/` and `vae/`) and add up.
    /// The files whose headers give the parameter count: safetensors and GGUF; when a repository has
    /// neither, its PyTorch checkpoints (shapes from the pickle); failing those, its ONNX or Keras files.
    /// Only one tier counts, because an export beside the weights is the same model again.
    public var counted: [WeightFileFacts] {
        for tier in [[WeightFormat.safetensors, .gguf], [.pytorch], [.onnx, .keras]] {
            let files = readable.filter { tier.contains($0.format) }
            if !files.isEmpty { return files }
        }
        return []
    }

    public var parameterCount: UInt64? {
        let counted = self.counted
        guard !counted.isEmpty else { return nil }
        var sets: [String: UInt64] = [:]
        for file in counted { sets[weightSetKey(for: file.path), default: 0] &+= file.parameterCount ?? 0 }
        var largestPerFolder: [String: UInt64] = [:]
        for (key, count) in sets {
            let folder = WeightsInventory.folder(of: key)
            largestPerFolder[folder] = max(largestPerFolder[folder] ?? 0, count)
        }
        return largestPerFolder.values.reduce(0, &+)
    }

    /// The weight set a file belongs to: its index's path, its shard stem, or the file itself.
    public func weightSetKey(for path: String) -> String {
        let folder = WeightsInventory.folder(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let index = indexes.first(where: { WeightsInventory.folder(of: $0.path) == folder && $0.shards.contains(name) }) {
            return index.path
        }
        return WeightsInventory.shardStem(path)
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `model-00001-of-00004.safetensors` -> `model-of-00004.safetensors`; other names unchanged.
    static func shardStem(_ path: String) -> String {
        let parts = path.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return path }
        for index in 1..<(parts.count - 1) where parts[index + 1] == "of" && parts[index].allSatisfy(\.isNumber) && !parts[index].isEmpty {
            var kept = parts
            kept.remove(at: index)
            return kept.joined(separator: "-")
        }
        return path
    }

    public var parametersByDtype: [String: UInt64] {
        var totals: [String: UInt64] = [:]
        for file in readable {
            for (dtype, count) in file.parametersByDtype { totals[dtype, default: 0] &+= count }
        }
        return totals
    }

    /// Distinct transformer block indices seen in tensor names (`model.layers.N.`), over the files that
    /// count (safetensors and GGUF, else PyTorch state dicts, else ONNX and Keras), like the parameter count.
    public var blockIndices: Set<Int> { counted.reduce(into: Set<Int>()) { $0.formUnion($1.blockIndices) } }
}

/// One weight file as its header describes it.
public struct WeightFileFacts: Sendable, Equatable {
    public var path: String
    public var format: WeightFormat
    public var size: UInt64
    public var parameterCount: UInt64?
    public var parametersByDtype: [String: UInt64]
    public var tensorCount: Int
    /// Where the header is, for evidence.
    public var headerBytes: Range<UInt64>?
    public var metadata: [String: String]
    public var blockIndices: Set<Int>
    /// True when tensor names show packed quantized weights (`qweight`, `.absmax`, ...), where the
    /// element count is not the parameter count.
    public var isPackedQuantized: Bool
    /// Violations of the format's rules, with where they are.
    public var problems: [FormatProblem]

    public init(
        path: String, format: WeightFormat, size: UInt64, parameterCount: UInt64? = nil, parametersByDtype: [String: UInt64] = [:],
        tensorCount: Int = 0, headerBytes: Range<UInt64>? = nil, metadata: [String: String] = [:], blockIndices: Set<Int> = [],
        isPackedQuantized: Bool = false, problems: [FormatProblem] = []
    ) {
        self.path = path
        self.format = format
        self.size = size
        self.parameterCount = parameterCount
        self.parametersByDtype = parametersByDtype
        self.tensorCount = tensorCount
        self.headerBytes = headerBytes
        self.metadata = metadata
        self.blockIndices = blockIndices
        self.isPackedQuantized = isPackedQuantized
        self.problems = problems
    }

    public var headerEvidence: Evidence {
        let summary = parameterCount.map { "header: \(tensorCount) tensors, \(ParameterCount.format($0)) parameters" }
        if let headerBytes { return .bytes(path, headerBytes, snippet: summary) }
        return .file(path, snippet: summary)
    }
}

/// A rule of a file format that a file breaks.
public struct FormatProblem: Sendable, Equatable, Error {
    public var message: String
    public var byteOffset: UInt64?
    /// The tensor (or other item) concerned.
    public var item: String?
    /// True when the violation makes the whole file unusable (not just odd).
    public var isFatal: Bool

    public init(_ message: String, byteOffset: UInt64? = nil, item: String? = nil, isFatal: Bool = true) {
        self.message = message
        self.byteOffset = byteOffset
        self.item = item
        self.isFatal = isFatal
    }
}

/// A `*.index.json` that maps tensors to shard files.
public struct ShardIndexFacts: Sendable, Equatable {
    public var path: String
    public var declaredTotalSize: Located<UInt64>?
    /// Shard file names the `weight_map` refers to.
    public var shards: [String]

    /// The folder the index sits in, with a trailing slash ("" at the top): shard names are relative to it.
    public var folder: String { path.utf8Contains("/") ? String(path[..<path.lastIndex(of: "/")!]) + "/" : "" }
    public var tensorCount: Int
    public var problem: CardProblem?

    public init(path: String, declaredTotalSize: Located<UInt64>?, shards: [String], tensorCount: Int, problem: CardProblem? = nil) {
        self.path = path
        self.declaredTotalSize = declaredTotalSize
        self.shards = shards
        self.tensorCount = tensorCount
        self.problem = problem
    }
}

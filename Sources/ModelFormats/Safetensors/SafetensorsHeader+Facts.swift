import TrustmarkCore

extension SafetensorsHeader {
    /// The format-independent facts a rating uses.
    public func facts(path: String, fileSize: UInt64) -> WeightFileFacts {
        let usable = !problems.contains(where: \.isFatal)
        var byDtype: [String: UInt64] = [:]
        var total: UInt64 = 0
        for tensor in tensors {
            let count = tensor.elementCount ?? 0
            byDtype[tensor.dtype, default: 0] &+= count
            total &+= count
        }
        return WeightFileFacts(
            path: path, format: .safetensors, size: fileSize, parameterCount: usable ? total : nil,
            parametersByDtype: usable ? byDtype : [:], tensorCount: tensors.count,
            headerBytes: 0..<(problems.first?.byteOffset == 0 && !usable ? 8 : dataStart), metadata: metadata,
            blockIndices: usable ? TensorNames.blockIndices(tensors.map(\.name)) : [],
            isPackedQuantized: TensorNames.arePackedQuantized(tensors.map(\.name)), problems: problems
        )
    }
}

/// Facts that tensor names reveal, shared by every tensor format.
public enum TensorNames {
    static let blockContainers: Set<Substring> = ["layers", "h", "layer", "blocks", "block", "blk"]
    static let nonBackbone = ["vision", "visual", "audio", "image", "mm_projector", "multi_modal", "speech"]

    /// Distinct indices N in names such as `model.layers.N.mlp` or `transformer.h.N.attn`, for the
    /// language backbone only (vision and audio towers have their own layers).
    public static func blockIndices(_ names: [String]) -> Set<Int> {
        var indices = Set<Int>()
        for name in names where !nonBackbone.contains(where: { name.includes($0) }) {
            let parts = name.split(separator: ".")
            for position in 0..<max(0, parts.count - 1) where blockContainers.contains(parts[position]) {
                if let index = Int(parts[position + 1]), index >= 0, index < 100_000 {
                    indices.insert(index)
                    break
                }
            }
        }
        return indices
    }

    /// GPTQ/AWQ (`qweight`), bitsandbytes (`absmax`, `quant_state`) and compressed-tensors
    /// (`weight_packed`) store packed integers whose element count is not the parameter count.
    public static func arePackedQuantized(_ names: [String]) -> Bool {
        names.contains { name in
            name.hasSuffix(".qweight") || name.includes(".absmax") || name.includes("quant_state") || name.hasSuffix("weight_packed")
        }
    }
}

import TrustmarkCore

/// What an ONNX file says about itself, read from its protobuf without loading any tensor data.
public struct ONNXModel: Sendable, Equatable {
    public struct Tensor: Sendable, Equatable {
        public var name = ""
        public var dataType = 0
        public var dims: [Int64] = []
        /// `data_location` (field 14): 1 means the bytes live in another file.
        public var isExternal = false
        public var externalData: [Entry] = []
        /// Where the tensor's message starts in the file, for evidence.
        public var offset: UInt64 = 0

        public var elementCount: UInt64? {
            dims.reduce(UInt64(1) as UInt64?) { total, dim in
                guard let total, dim >= 0 else { return nil }
                let (product, overflow) = total.multipliedReportingOverflow(by: UInt64(dim))
                return overflow ? nil : product
            }
        }
    }

    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    public struct Problem: Sendable, Equatable {
        public var message: String
        public var offset: UInt64
    }

    public struct Operator: Sendable, Equatable, Hashable {
        public var domain: String
        public var type: String
    }

    public var irVersion: UInt64?
    public var producer: String?
    public var producerVersion: String?
    public var opsets: [String: UInt64] = [:]
    public var initializers: [Tensor] = []
    /// Tensors held in node attributes (`Constant` values and the like).
    public var attributeTensors: [Tensor] = []
    /// Each distinct operator, with where it was first seen.
    public var operators: [Operator: UInt64] = [:]
    public var nodeCount = 0
    /// Domains of the model's own functions: nodes calling them run ONNX defined in the file, not native code.
    public var functionDomains: Set<String> = []
    public var metadata: [String: String] = [:]
    /// The first violation of the wire format, if any; what was read before it stays.
    public var problem: Problem?
    public var hasGraph = false

    /// ONNX `TensorProto.DataType` names, in the safetensors spelling where one exists.
    public static func dtypeName(_ code: Int) -> String {
        let names = [
            1: "F32", 2: "U8", 3: "I8", 4: "U16", 5: "I16", 6: "I32", 7: "I64", 8: "STRING", 9: "BOOL", 10: "F16", 11: "F64",
            12: "U32", 13: "U64", 14: "C64", 15: "C128", 16: "BF16", 17: "F8_E4M3FN", 18: "F8_E4M3FNUZ", 19: "F8_E5M2",
            20: "F8_E5M2FNUZ", 21: "U4", 22: "I4", 23: "F4_E2M1",
        ]
        return names[code] ?? "type \(code)"
    }

    public var parametersByDtype: [String: UInt64] {
        var result: [String: UInt64] = [:]
        for tensor in initializers { result[Self.dtypeName(tensor.dataType), default: 0] &+= tensor.elementCount ?? 0 }
        return result
    }

    public func facts(path: String, fileSize: UInt64) -> WeightFileFacts {
        let byDtype = parametersByDtype
        var metadata = self.metadata
        if let irVersion { metadata["ir_version"] = String(irVersion) }
        if let producer { metadata["producer"] = [producer, producerVersion].compactMap { $0 }.joined(separator: " ") }
        for (domain, version) in opsets { metadata["opset " + (domain.isEmpty ? "ai.onnx" : domain)] = String(version) }
        // Exported initializers keep the framework's names (`model.layers.3.mlp...`), so the layer cross-check works too.
        return WeightFileFacts(
            path: path, format: .onnx, size: fileSize, parameterCount: byDtype.values.reduce(0, &+),
            parametersByDtype: byDtype, tensorCount: initializers.count, metadata: metadata,
            blockIndices: TensorNames.blockIndices(initializers.map(\.name)))
    }
}

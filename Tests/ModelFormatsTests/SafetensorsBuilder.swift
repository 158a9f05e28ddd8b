import Foundation

/// Builds safetensors bytes for tests, correct by default and broken on request.
struct SafetensorsBuilder {
    struct Tensor {
        var name: String
        var dtype: String
        var shape: [UInt64]
    }

    static let bytesPerElement: [String: UInt64] = ["F32": 4, "BF16": 2, "F16": 2, "I32": 4, "U8": 1, "I64": 8, "F64": 8]

    var tensors: [Tensor]
    var metadata: [String: String]? = nil

    /// The header JSON with offsets laid end to end, and the data size.
    func header(offsetOverride: [String: (UInt64, UInt64)] = [:]) -> (json: String, dataSize: UInt64) {
        var entries: [String] = []
        var offset: UInt64 = 0
        for tensor in tensors {
            let size = tensor.shape.reduce(1, *) * (SafetensorsBuilder.bytesPerElement[tensor.dtype] ?? 1)
            let (begin, end) = offsetOverride[tensor.name] ?? (offset, offset + size)
            entries.append(
                "\"\(tensor.name)\":{\"dtype\":\"\(tensor.dtype)\",\"shape\":[\(tensor.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(begin),\(end)]}"
            )
            offset += size
        }
        if let metadata {
            let fields = metadata.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",")
            entries.append("\"__metadata__\":{\(fields)}")
        }
        return ("{" + entries.joined(separator: ",") + "}", offset)
    }

    func bytes(headerJSON: String? = nil, dataSize: UInt64? = nil, extra: Int = 0) -> [UInt8] {
        let built = header()
        let json = Array((headerJSON ?? built.json).utf8)
        var file = SafetensorsBuilder.lengthPrefix(UInt64(json.count)) + json
        file += [UInt8](repeating: 0x3C, count: Int(dataSize ?? built.dataSize) + extra)
        return file
    }

    static func lengthPrefix(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    static let small = SafetensorsBuilder(
        tensors: [
            Tensor(name: "model.embed_tokens.weight", dtype: "F32", shape: [4, 2]),
            Tensor(name: "model.layers.0.mlp.weight", dtype: "BF16", shape: [2, 2]),
            Tensor(name: "model.layers.1.mlp.weight", dtype: "BF16", shape: [2, 2]),
            Tensor(name: "scalar", dtype: "I64", shape: []),
            Tensor(name: "empty", dtype: "F16", shape: [0, 3]),
        ], metadata: ["format": "pt"])
}

func temporaryFile(_ bytes: [UInt8], name: String = "model.safetensors") throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}

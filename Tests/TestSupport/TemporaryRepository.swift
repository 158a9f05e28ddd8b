import Foundation
import ModelRepository
import RatingPipeline
import Reports
import TrustmarkCore

/// The snapshot builder of the tests: a repository folder made of the files a test writes into it, loaded the way a
/// user's folder is loaded. The folder is removed when the value goes away (keep it while its path is in use).
public final class TemporaryRepository: @unchecked Sendable {
    public let root: URL
    private let container: URL

    public init(_ files: [String: String] = [:], name: String = "repo") throws {
        container = FileManager.default.temporaryDirectory.appendingPathComponent("trustmark-\(UUID().uuidString)")
        root = container.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, Array(text.utf8)) }
    }

    deinit { try? FileManager.default.removeItem(at: container) }

    public func write(_ path: String, _ bytes: [UInt8]) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    public func snapshot(hash: Bool = true) throws -> Snapshot {
        try SnapshotLoader(options: LoadOptions(hashLargeFiles: hash)).load(.folder(path: root.path))
    }

    /// The engine's rating alone (no framework labels): what probe tests look at.
    public func rating(hash: Bool = true) throws -> Rating { RatingEngine().rate(try snapshot(hash: hash)) }

    /// The complete record, made the one way records are made.
    public func record(hash: Bool = true) throws -> RatingRecord { RatingPipeline().rate(snapshot: try snapshot(hash: hash)) }
}

/// safetensors bytes for a tiny Llama-shaped model with `layers` blocks of width `hidden`.
public func llamaSafetensors(layers: Int, hidden: Int = 8, vocab: Int = 16, names: [String]? = nil) -> [UInt8] {
    var tensors: [(String, [Int])] = [("model.embed_tokens.weight", [vocab, hidden])]
    for layer in 0..<layers { tensors.append(("model.layers.\(layer).mlp.up_proj.weight", [hidden, hidden])) }
    tensors.append(("lm_head.weight", [vocab, hidden]))
    if let names { tensors = names.map { ($0, [hidden]) } }
    var entries: [String] = []
    var offset = 0
    for (name, shape) in tensors {
        let size = shape.reduce(1, *) * 2
        entries.append(
            "\"\(name)\":{\"dtype\":\"F16\",\"shape\":[\(shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + size)]}"
        )
        offset += size
    }
    let json = Array(("{" + entries.joined(separator: ",") + "}").utf8)
    let length = UInt64(json.count)
    return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + json + [UInt8](repeating: 0, count: offset)
}

public func llamaConfig(layers: Int, extra: String = "") -> String {
    """
    {
      "architectures": ["LlamaForCausalLM"],
      "model_type": "llama",
      "hidden_size": 8,
      "num_hidden_layers": \(layers),
      "max_position_embeddings": 4096\(extra.isEmpty ? "" : ",\n  " + extra)
    }
    """
}

extension Rating {
    public func findings(_ check: CheckID) -> [Finding] { findings.filter { $0.check == check } }
    public func outcome(_ check: CheckID) -> Outcome? { checks.first { $0.id == check }?.outcome }
}

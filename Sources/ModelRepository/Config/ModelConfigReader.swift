import TrustmarkCore

/// Reads Transformers-style JSON configs into `ModelConfig`, keeping each value's line and pointer.
public enum ModelConfigReader {
    public static func read(_ document: TextDocument) -> ModelConfig {
        var config = ModelConfig(path: document.path)
        let root: JSONNode
        do {
            root = try JSONParser.parse(document.text)
        } catch {
            config.problem = CardProblem(message: "not valid JSON: \(error.message)", line: error.line)
            return config
        }
        guard root.members != nil else {
            config.problem = CardProblem(message: "not a JSON object", line: root.line)
            return config
        }
        let reader = Reader(document: document)
        // Multimodal configs keep the language model's sizes under `text_config`.
        let textConfig = root["text_config"].flatMap { $0.members != nil ? $0 : nil }
        let sizes = textConfig ?? root
        let sizesPrefix = textConfig == nil ? [] : ["text_config"]

        config.architectures = (root["architectures"]?.elements ?? []).enumerated().compactMap { index, node in
            node.string.map { reader.located($0, node, ["architectures", String(index)]) }
        }
        config.modelType = reader.string(root, "model_type")
        config.hiddenSize = reader.int(sizes, sizesPrefix, ["hidden_size", "n_embd", "d_model"])
        config.layerCount = reader.int(sizes, sizesPrefix, ["num_hidden_layers", "n_layer", "num_layers", "n_layers"])
        config.vocabularySize = reader.int(sizes, sizesPrefix, ["vocab_size"])
        config.contextLength = reader.int(
            sizes, sizesPrefix, ["max_position_embeddings", "n_positions", "max_sequence_length", "seq_length", "n_ctx"])
        if let scaling = sizes["rope_scaling"], let factor = scaling["factor"], let value = factor.double {
            config.ropeScalingFactor = reader.located(value, factor, sizesPrefix + ["rope_scaling", "factor"])
        }
        config.expertCount = reader.int(sizes, sizesPrefix, ["num_local_experts", "n_routed_experts", "num_experts"])
        config.expertsPerToken = reader.int(sizes, sizesPrefix, ["num_experts_per_tok", "num_experts_per_token", "moe_top_k"])
        if let quantization = root["quantization_config"] {
            let method = quantization["quant_method"]?.string ?? "declared"
            config.quantizationMethod = reader.located(method, quantization, ["quantization_config"])
        }
        config.torchDtype = reader.string(root, "torch_dtype") ?? reader.string(root, "dtype")
        if let autoMap = root["auto_map"]?.members {
            for member in autoMap {
                let targets = member.node.string.map { [$0] } ?? (member.node.elements ?? []).compactMap(\.string)
                for target in targets {
                    config.autoMap.append(reader.located(target, member.node, ["auto_map", member.key]))
                }
            }
        }
        if let template = root["chat_template"] {
            config.hasChatTemplate = reader.located(true, template, ["chat_template"])
        }
        config.baseModelReference = reader.string(root, "base_model_name_or_path")
        return config
    }

    private struct Reader {
        let document: TextDocument

        func located<Value>(_ value: Value, _ node: JSONNode, _ pointer: [String]) -> Located<Value> {
            Located(
                value, path: document.path, line: node.line, pointer: JSONPointer.make(pointer), snippet: document.line(node.line).trimmingSpaces())
        }

        func string(_ object: JSONNode, _ key: String) -> Located<String>? {
            guard let node = object[key], let text = node.string, !text.isEmpty else { return nil }
            return located(text, node, [key])
        }

        func int(_ object: JSONNode, _ prefix: [String], _ keys: [String]) -> Located<Int>? {
            for key in keys {
                if let node = object[key], let value = node.int { return located(value, node, prefix + [key]) }
            }
            return nil
        }
    }
}

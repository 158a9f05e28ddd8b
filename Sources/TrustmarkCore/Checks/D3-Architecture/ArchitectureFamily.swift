import Foundation

/// Architecture families, so that a card's "Llama architecture" can be compared with
/// `"model_type": "llama"` and `LlamaForCausalLM`. Keys are family names; values are the
/// Transformers `model_type` values that implement them.
enum ArchitectureFamily {
    static let modelTypes: [String: [String]] = [
        "llama": ["llama", "llama4", "mllama"],
        "mistral": ["mistral", "mixtral", "mistral3", "ministral"],
        "qwen": ["qwen", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "qwen2_vl", "qwen2_5_vl", "qwen3_next"],
        "gemma": ["gemma", "gemma2", "gemma3", "gemma3_text", "gemma3n", "recurrent_gemma"],
        "phi": ["phi", "phi3", "phimoe", "phi4_multimodal"],
        "gpt2": ["gpt2"],
        "gpt-neox": ["gpt_neox"],
        "gpt-j": ["gptj"],
        "gpt-oss": ["gpt_oss"],
        "falcon": ["falcon", "falcon_h1", "falcon_mamba"],
        "bert": ["bert", "modernbert"],
        "roberta": ["roberta", "xlm-roberta"],
        "t5": ["t5", "mt5", "umt5"],
        "deepseek": ["deepseek_v2", "deepseek_v3"],
        "olmo": ["olmo", "olmo2", "olmoe", "olmo3"],
        "mamba": ["mamba", "mamba2"],
        "bloom": ["bloom"],
        "opt": ["opt"],
        "starcoder": ["gpt_bigcode", "starcoder2"],
        "internlm": ["internlm", "internlm2", "internlm3"],
        "glm": ["chatglm", "glm", "glm4", "glm4_moe"],
        "stablelm": ["stablelm"],
        "cohere": ["cohere", "cohere2"],
        "granite": ["granite", "granitemoe"],
    ]

    /// Words in prose that name a family (lower-case, matched as whole words).
    static let aliases: [String: String] = [
        "llama": "llama", "mistral": "mistral", "mixtral": "mistral", "qwen": "qwen", "qwen2": "qwen", "qwen2.5": "qwen", "qwen3": "qwen",
        "gemma": "gemma", "phi": "phi", "gpt-2": "gpt2", "gpt2": "gpt2", "gpt-neox": "gpt-neox", "gpt-j": "gpt-j", "gpt-oss": "gpt-oss",
        "falcon": "falcon", "bert": "bert", "roberta": "roberta", "t5": "t5", "deepseek": "deepseek", "olmo": "olmo", "mamba": "mamba",
        "bloom": "bloom", "starcoder": "starcoder", "internlm": "internlm", "chatglm": "glm", "glm": "glm", "stablelm": "stablelm",
        "cohere": "cohere", "granite": "granite",
    ]

    /// The family of a config's `model_type`.
    static func family(ofModelType modelType: String) -> String? {
        let lower = modelType.lowercased()
        return modelTypes.first { $0.value.contains(lower) }?.key
    }

    /// The family of an `architectures` class name such as `LlamaForCausalLM` or `Qwen2MoeForCausalLM`.
    static func family(ofClass className: String) -> String? {
        let lower = className.lowercased()
        let stem = lower.components(separatedBy: "for").first ?? lower
        let candidates = modelTypes.flatMap { family, types in types.map { (family, $0.replacingOccurrences(of: "_", with: "")) } }
        // Longest type first, so `qwen2moe` wins over `qwen2`.
        return candidates.sorted { $0.1.count > $1.1.count }.first { stem.hasPrefix($0.1) }?.0
    }

    /// Families named as whole words in a line of prose.
    static func families(inProse line: String) -> [String] {
        let words = line.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        var found: [String] = []
        for word in words {
            let trimmed = word.trimmingCharacters(in: ["."])
            if let family = aliases[trimmed] ?? aliases[String(trimmed.prefix { $0 != "-" })], !found.contains(family) {
                found.append(family)
            }
        }
        return found
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var result = self[...]
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return String(result)
    }
}

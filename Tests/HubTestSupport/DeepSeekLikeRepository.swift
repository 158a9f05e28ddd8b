import Foundation

/// A repository shaped like deepseek-ai/DeepSeek-R1: 163 safetensors shards (about 690 GB if they were
/// real) with the DeepSeek-V3 tensor layout — 61 layers, MLA attention, 3 dense layers, 58 MoE layers of
/// 256 routed experts plus a shared expert, FP8 weights with F32 block scales — and the small files
/// beside them. Shard files are a real header followed by zeros, generated on demand.
public enum DeepSeekLikeRepository {
    public struct Tensor: Sendable {
        public var name: String
        public var dtype: String
        public var shape: [UInt64]
        public var bytes: UInt64 { shape.reduce(1, *) * (dtype == "BF16" ? 2 : dtype == "F32" ? 4 : 1) }
    }

    public static func tensors() -> [Tensor] {
        var list = [Tensor(name: "model.embed_tokens.weight", dtype: "BF16", shape: [129_280, 7168])]
        func fp8(_ name: String, _ rows: UInt64, _ columns: UInt64) {
            list.append(Tensor(name: name + ".weight", dtype: "F8_E4M3", shape: [rows, columns]))
            list.append(Tensor(name: name + ".weight_scale_inv", dtype: "F32", shape: [(rows + 127) / 128, (columns + 127) / 128]))
        }
        for layer in 0..<61 {
            let prefix = "model.layers.\(layer)."
            list.append(Tensor(name: prefix + "input_layernorm.weight", dtype: "BF16", shape: [7168]))
            list.append(Tensor(name: prefix + "post_attention_layernorm.weight", dtype: "BF16", shape: [7168]))
            fp8(prefix + "self_attn.q_a_proj", 1536, 7168)
            list.append(Tensor(name: prefix + "self_attn.q_a_layernorm.weight", dtype: "BF16", shape: [1536]))
            fp8(prefix + "self_attn.q_b_proj", 24_576, 1536)
            fp8(prefix + "self_attn.kv_a_proj_with_mqa", 576, 7168)
            list.append(Tensor(name: prefix + "self_attn.kv_a_layernorm.weight", dtype: "BF16", shape: [512]))
            fp8(prefix + "self_attn.kv_b_proj", 32_768, 512)
            fp8(prefix + "self_attn.o_proj", 7168, 16_384)
            if layer < 3 {
                fp8(prefix + "mlp.gate_proj", 18_432, 7168)
                fp8(prefix + "mlp.up_proj", 18_432, 7168)
                fp8(prefix + "mlp.down_proj", 7168, 18_432)
            } else {
                list.append(Tensor(name: prefix + "mlp.gate.weight", dtype: "BF16", shape: [256, 7168]))
                list.append(Tensor(name: prefix + "mlp.gate.e_score_correction_bias", dtype: "F32", shape: [256]))
                for expert in 0..<256 {
                    fp8(prefix + "mlp.experts.\(expert).gate_proj", 2048, 7168)
                    fp8(prefix + "mlp.experts.\(expert).up_proj", 2048, 7168)
                    fp8(prefix + "mlp.experts.\(expert).down_proj", 7168, 2048)
                }
                fp8(prefix + "mlp.shared_experts.gate_proj", 2048, 7168)
                fp8(prefix + "mlp.shared_experts.up_proj", 2048, 7168)
                fp8(prefix + "mlp.shared_experts.down_proj", 7168, 2048)
            }
        }
        list.append(Tensor(name: "model.norm.weight", dtype: "BF16", shape: [7168]))
        list.append(Tensor(name: "lm_head.weight", dtype: "BF16", shape: [129_280, 7168]))
        return list
    }

    /// Each shard's safetensors header and file size, 163 shards of about equal size, in tensor order.
    public static func shards(count: Int = 163) -> [(name: String, header: [UInt8], size: UInt64, tensors: [String])] {
        let all = tensors()
        let total = all.reduce(UInt64(0)) { $0 + $1.bytes }
        let target = total / UInt64(count) + 1
        var groups: [[Tensor]] = [[]]
        var filled: UInt64 = 0
        for tensor in all {
            if filled >= target, groups.count < count {
                groups.append([])
                filled = 0
            }
            groups[groups.count - 1].append(tensor)
            filled += tensor.bytes
        }
        return groups.enumerated().map { index, group in
            var offset: UInt64 = 0
            var entries = ["\"__metadata__\":{\"format\":\"pt\"}"]
            for tensor in group {
                let shape = tensor.shape.map(String.init).joined(separator: ",")
                entries.append(
                    "\"\(tensor.name)\":{\"dtype\":\"\(tensor.dtype)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + tensor.bytes)]}")
                offset += tensor.bytes
            }
            var json = Array(("{" + entries.joined(separator: ",") + "}").utf8)
            while json.count % 8 != 0 { json.append(0x20) }
            let length = UInt64(json.count)
            let header = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * UInt64($0))) } + json
            let name = String(format: "model-%05d-of-%05d.safetensors", index + 1, groups.count)
            return (name, header, UInt64(header.count) + offset, group.map(\.name))
        }
    }

    public static let card = """
        ---
        license: mit
        library_name: transformers
        ---
        # DeepSeek-R1 (fixture)

        ## Model Summary

        A mixture-of-experts reasoning model with 671B total parameters, 37B activated for each token, trained with
        large-scale reinforcement learning. This repository is a test fixture shaped like the real one.

        ## Evaluation Results

        | Benchmark | Score |
        |---|---|
        | MMLU | 90.8 |

        ## License

        This code repository and the model weights are licensed under the MIT License.
        """

    public static let config = """
        {"architectures": ["DeepseekV3ForCausalLM"], "model_type": "deepseek_v3", "hidden_size": 7168, "num_hidden_layers": 61,
         "n_routed_experts": 256, "num_experts_per_tok": 8, "vocab_size": 129280, "max_position_embeddings": 163840,
         "auto_map": {"AutoConfig": "configuration_deepseek.DeepseekV3Config", "AutoModel": "modeling_deepseek.DeepseekV3Model",
                      "AutoModelForCausalLM": "modeling_deepseek.DeepseekV3ForCausalLM"}}
        """

    public static let mit = """
        MIT License

        Copyright (c) 2023 DeepSeek

        Permission is hereby granted, free of charge, to any person obtaining a copy
        of this software and associated documentation files (the "Software"), to deal
        in the Software without restriction, including without limitation the rights
        to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
        copies of the Software, and to permit persons to whom the Software is
        furnished to do so, subject to the following conditions:

        The above copyright notice and this permission notice shall be included in all
        copies or substantial portions of the Software.

        THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
        OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
        SOFTWARE.

        """

    public static func repository(id: String = "deepseek-ai/DeepSeek-R1") -> FakeRepository {
        let shards = shards()
        var weightMap: [String] = []
        for shard in shards { for tensor in shard.tensors { weightMap.append("\"\(tensor)\": \"\(shard.name)\"") } }
        let total = shards.reduce(UInt64(0)) { $0 + $1.size - UInt64($1.header.count) }
        let index = "{\"metadata\": {\"total_size\": \(total)}, \"weight_map\": {" + weightMap.joined(separator: ", ") + "}}"
        var files: [FakeFile] = [
            .text("README.md", card), .text("LICENSE", mit), .text("config.json", config),
            .text("configuration_deepseek.py", "class DeepseekV3Config:\n    model_type = 'deepseek_v3'\n"),
            .text("modeling_deepseek.py", "import torch\n\nclass DeepseekV3Model(torch.nn.Module):\n    pass\n"),
            .text("generation_config.json", "{\"do_sample\": true, \"temperature\": 0.6, \"top_p\": 0.95}"),
            .text(
                "tokenizer_config.json",
                "{\"bos_token\": \"<｜begin▁of▁sentence｜>\", \"chat_template\": \"{% for m in messages %}{{ m['content'] }}{% endfor %}\"}"),
            .text("model.safetensors.index.json", index),
        ]
        files += shards.map { FakeFile.sparse($0.name, header: $0.header, size: $0.size) }
        return FakeRepository(id: id, sha: "56d4cbbb4d29f4355bab4b9a39ccb717a14ad5ad", files: files.sorted { $0.path < $1.path })
    }
}

import Testing
import TrustmarkCore
import TrustmarkTestSupport

@testable import ModelRepository

@Suite("Config files")
struct ModelConfigReaderTests {
    @Test func readsArchitectureSizesAndRemoteCode() throws {
        let text = """
            {
              "architectures": ["Qwen2MoeForCausalLM"],
              "model_type": "qwen2_moe",
              "num_hidden_layers": 24,
              "max_position_embeddings": 32768,
              "rope_scaling": {"type": "yarn", "factor": 4.0},
              "num_experts": 60,
              "num_experts_per_tok": 4,
              "auto_map": {"AutoModel": "modeling_x.XModel", "AutoTokenizer": ["tok.A", "other/repo--tok.B"]},
              "quantization_config": {"quant_method": "gptq"}
            }
            """
        let config = ModelConfigReader.read(TextDocument(path: "config.json", text: text))
        #expect(config.problem == nil)
        #expect(config.architectures.first?.value == "Qwen2MoeForCausalLM")
        #expect(config.architectures.first?.pointer == "/architectures/0")
        #expect(config.layerCount?.value == 24 && config.layerCount?.line == 4)
        #expect(config.contextLength?.value == 32768)
        #expect(config.ropeScalingFactor?.value == 4)
        #expect(config.expertCount?.value == 60 && config.expertsPerToken?.value == 4)
        #expect(config.autoMap.map(\.value) == ["modeling_x.XModel", "tok.A", "other/repo--tok.B"])
        #expect(config.autoMap.last?.pointer == "/auto_map/AutoTokenizer")
        #expect(config.quantizationMethod?.value == "gptq")
    }

    @Test func readsSizesFromTextConfig() {
        let text = #"{"model_type": "gemma3", "text_config": {"num_hidden_layers": 34, "max_position_embeddings": 131072}}"#
        let config = ModelConfigReader.read(TextDocument(path: "config.json", text: text))
        #expect(config.layerCount?.value == 34)
        #expect(config.layerCount?.pointer == "/text_config/num_hidden_layers")
    }

    @Test func reportsInvalidJSON() {
        let config = ModelConfigReader.read(TextDocument(path: "config.json", text: "{\n\"a\": 1,\n}"))
        #expect(config.problem?.line == 3)
    }

    @Test func readsShardIndexes() {
        let text = #"{"metadata": {"total_size": 123}, "weight_map": {"a": "s-1.safetensors", "b": "s-2.safetensors", "c": "s-1.safetensors"}}"#
        let index = ShardIndexReader.read(TextDocument(path: "model.safetensors.index.json", text: text))
        #expect(index.shards == ["s-1.safetensors", "s-2.safetensors"])
        #expect(index.tensorCount == 3)
        #expect(index.declaredTotalSize?.value == 123)
    }
}

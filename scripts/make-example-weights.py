#!/usr/bin/env python3
"""Writes the tiny, deterministic weight files and configs of the bundled examples.

Pure Python (no numpy, torch or safetensors needed): safetensors is an 8-byte little-endian
header length, a JSON header and the raw tensor bytes. Values come from a fixed LCG, so running
this twice gives identical files. Run from the repository root: python3 scripts/make-example-weights.py
"""
import json
import os
import struct

def lcg_bytes(seed, count):
    state = seed & 0xFFFFFFFF
    out = bytearray(count)
    for i in range(0, count, 2):
        state = (1103515245 * state + 12345) & 0x7FFFFFFF
        # BF16 values of small magnitude: sign bit, exponent around 2^-4..2^-8, random mantissa.
        exponent = 0x3B + (state >> 20) % 4
        mantissa = (state >> 8) & 0x7F
        sign = (state >> 3) & 1
        value = (sign << 15) | (exponent << 7) | mantissa
        out[i] = value & 0xFF
        if i + 1 < count:
            out[i + 1] = value >> 8
    return bytes(out)

def llama_tensors(vocab, hidden, layers, intermediate):
    tensors = [("model.embed_tokens.weight", [vocab, hidden])]
    for i in range(layers):
        p = f"model.layers.{i}."
        tensors += [
            (p + "self_attn.q_proj.weight", [hidden, hidden]),
            (p + "self_attn.k_proj.weight", [hidden, hidden]),
            (p + "self_attn.v_proj.weight", [hidden, hidden]),
            (p + "self_attn.o_proj.weight", [hidden, hidden]),
            (p + "mlp.gate_proj.weight", [intermediate, hidden]),
            (p + "mlp.up_proj.weight", [intermediate, hidden]),
            (p + "mlp.down_proj.weight", [hidden, intermediate]),
            (p + "input_layernorm.weight", [hidden]),
            (p + "post_attention_layernorm.weight", [hidden]),
        ]
    tensors += [("model.norm.weight", [hidden]), ("lm_head.weight", [vocab, hidden])]
    return tensors

def write_safetensors(path, tensors, seed, metadata=None):
    header = {}
    offset = 0
    blobs = []
    for index, (name, shape) in enumerate(tensors):
        count = 1
        for dim in shape:
            count *= dim
        size = count * 2
        header[name] = {"dtype": "BF16", "shape": shape, "data_offsets": [offset, offset + size]}
        blobs.append(lcg_bytes(seed + index, size))
        offset += size
    if metadata:
        header["__metadata__"] = metadata
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * ((8 - len(encoded) % 8) % 8)
    with open(path, "wb") as handle:
        handle.write(struct.pack("<Q", len(encoded)))
        handle.write(encoded)
        for blob in blobs:
            handle.write(blob)
    return offset

def config(layers, hidden, intermediate, vocab, extra=None):
    value = {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "hidden_size": hidden,
        "intermediate_size": intermediate,
        "num_hidden_layers": layers,
        "num_attention_heads": 4,
        "num_key_value_heads": 4,
        "vocab_size": vocab,
        "max_position_embeddings": 2048,
        "rms_norm_eps": 1e-5,
        "tie_word_embeddings": False,
        "torch_dtype": "bfloat16",
    }
    value.update(extra or {})
    return value

def dump(path, value):
    with open(path, "w") as handle:
        json.dump(value, handle, indent=2)
        handle.write("\n")

VOCAB, HIDDEN, LAYERS, INTERMEDIATE = 512, 64, 2, 172

def open_tiny_lm(root):
    tensors = llama_tensors(VOCAB, HIDDEN, LAYERS, INTERMEDIATE)
    half = len(tensors) // 2
    shards = [tensors[:half], tensors[half:]]
    weight_map = {}
    total = 0
    for number, shard in enumerate(shards, start=1):
        name = f"model-0000{number}-of-00002.safetensors"
        total += write_safetensors(os.path.join(root, name), shard, seed=100 * number, metadata={"format": "pt"})
        for tensor, _ in shard:
            weight_map[tensor] = name
    dump(os.path.join(root, "model.safetensors.index.json"), {"metadata": {"total_size": total}, "weight_map": weight_map})
    dump(os.path.join(root, "config.json"), config(LAYERS, HIDDEN, INTERMEDIATE, VOCAB))
    dump(os.path.join(root, "generation_config.json"), {"bos_token_id": 1, "eos_token_id": 2, "max_new_tokens": 256})

def community_chat(root):
    write_safetensors(os.path.join(root, "model.safetensors"), llama_tensors(VOCAB, HIDDEN, LAYERS, INTERMEDIATE), seed=7,
                      metadata={"format": "pt"})
    dump(os.path.join(root, "config.json"), config(LAYERS, HIDDEN, INTERMEDIATE, VOCAB, {
        "architectures": ["CommunityChatForCausalLM"],
        "model_type": "community_chat",
        "auto_map": {
            "AutoConfig": "configuration_community_chat.CommunityChatConfig",
            "AutoModelForCausalLM": "modeling_community_chat.CommunityChatForCausalLM",
        },
    }))
    dump(os.path.join(root, "tokenizer_config.json"), {
        "bos_token": "<s>", "eos_token": "</s>", "model_max_length": 2048,
        "chat_template": "{% for message in messages %}<|{{ message['role'] }}|>{{ message['content'] }}</s>{% endfor %}",
    })

def contradicting_card(root):
    write_safetensors(os.path.join(root, "model.safetensors"), llama_tensors(VOCAB, HIDDEN, LAYERS, INTERMEDIATE), seed=42)
    # The config claims four layers; the weights hold two.
    dump(os.path.join(root, "config.json"), config(4, HIDDEN, INTERMEDIATE, VOCAB))

if __name__ == "__main__":
    for name, build in [("open-tiny-lm", open_tiny_lm), ("community-chat", community_chat), ("contradicting-card", contradicting_card)]:
        root = os.path.join("Examples", name)
        os.makedirs(root, exist_ok=True)
        build(root)
        print("wrote", root)

#!/usr/bin/env python3
"""Writes Tests/Fixtures/pytorch/: PyTorch zip checkpoints laid out as torch.save writes them (protocol-2 data.pkl with
`torch._utils._rebuild_tensor_v2` calls on persistent storage ids, `data/<key>` storages, `version`, `byteorder`),
without torch: the torch names are stand-in modules, so CPython's own pickler emits exactly the opcodes torch's
would. Tensors are zeros; only names, dtypes and shapes matter to the reader.

Run from the repository root: python3 scripts/make-pytorch-fixtures.py
"""
import collections
import io
import pickle
import sys
import types
import zipfile

torch = types.ModuleType("torch")
utils = types.ModuleType("torch._utils")
sys.modules["torch"] = torch
sys.modules["torch._utils"] = utils
torch._utils = utils


def _rebuild_tensor_v2(*args):
    raise RuntimeError("never called: the fixture is only written")


_rebuild_tensor_v2.__module__ = "torch._utils"
utils._rebuild_tensor_v2 = _rebuild_tensor_v2


class FloatStorage:
    pass


FloatStorage.__module__ = "torch"
torch.FloatStorage = FloatStorage


class StorageRef:
    def __init__(self, key, numel):
        self.key, self.numel = key, numel


class Tensor:
    def __init__(self, key, shape):
        self.key, self.shape = key, shape

    def numel(self):
        n = 1
        for s in self.shape:
            n *= s
        return n

    def __reduce_ex__(self, protocol):
        stride, step = [], 1
        for s in reversed(self.shape):
            stride.insert(0, step)
            step *= s
        return (_rebuild_tensor_v2, (StorageRef(self.key, self.numel()), 0, tuple(self.shape), tuple(stride), False, collections.OrderedDict()))


class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, StorageRef):
            return ("storage", FloatStorage, obj.key, "cpu", obj.numel)
        return None


def llama_state_dict(layers, hidden=8, intermediate=16, vocab=32):
    shapes = [("model.embed_tokens.weight", [vocab, hidden])]
    for i in range(layers):
        p = f"model.layers.{i}."
        shapes += [(p + "input_layernorm.weight", [hidden]), (p + "post_attention_layernorm.weight", [hidden])]
        shapes += [(p + f"self_attn.{n}_proj.weight", [hidden, hidden]) for n in "qkvo"]
        shapes += [(p + "mlp.gate_proj.weight", [intermediate, hidden]), (p + "mlp.up_proj.weight", [intermediate, hidden]),
                   (p + "mlp.down_proj.weight", [hidden, intermediate])]
    shapes += [("model.norm.weight", [hidden]), ("lm_head.weight", [vocab, hidden])]
    return collections.OrderedDict((name, Tensor(str(k), shape)) for k, (name, shape) in enumerate(shapes))


def write(path, state):
    buffer = io.BytesIO()
    TorchPickler(buffer, protocol=2).dump(state)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("archive/data.pkl", buffer.getvalue())
        archive.writestr("archive/byteorder", "little")
        for tensor in state.values():
            archive.writestr(f"archive/data/{tensor.key}", bytes(4 * tensor.numel()))
        archive.writestr("archive/version", "3\n")
    total = sum(t.numel() for t in state.values())
    print(path, len(state), "tensors,", total, "parameters")


write("Tests/Fixtures/pytorch/llama-3-layers.bin", llama_state_dict(3))

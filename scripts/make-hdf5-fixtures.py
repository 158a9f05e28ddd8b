#!/usr/bin/env python3
"""Writes Tests/Fixtures/hdf5/: small HDF5 files made with h5py (`pip install h5py`) that exercise the H5-LINK
walk and the Keras H5 config check. Nothing here is a real model; the Lambda "bytecode" is a base64 string that
only looks like marshal output (`4wEA...`), it is not valid bytecode.

    python3 scripts/make-hdf5-fixtures.py
"""
import json, os
import h5py, numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "hdf5")

def layers(extra=None):
    items = [{"class_name": "InputLayer", "config": {"name": "in", "batch_input_shape": [None, 4]}},
             {"class_name": "Dense", "config": {"name": "d", "units": 2}}]
    return {"class_name": "Sequential", "config": {"name": "tiny", "layers": items + (extra or [])}}

def keras_file(name, config, libver="earliest", groups=12):
    with h5py.File(os.path.join(OUT, name), "w", libver=libver) as f:
        f.attrs["model_config"] = json.dumps(config)
        f.attrs["keras_version"] = "2.15.0"
        weights = f.create_group("model_weights")
        for index in range(groups):  # more than 8 children: a B-tree with several entries, or dense storage
            g = weights.create_group(f"layer_{index:02d}")
            g.create_dataset("kernel", data=np.arange(4, dtype="float32"))
        return f

def main():
    os.makedirs(OUT, exist_ok=True)
    keras_file("benign-earliest.h5", layers())
    keras_file("benign-latest.h5", layers(), libver="latest", groups=4)
    keras_file("dense-latest.h5", layers(), libver="latest", groups=12)  # more than 8 links: dense (fractal heap) storage
    lam = {"class_name": "Lambda", "config": {"name": "l", "function": ["4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMEAAAAfABTACkBTqkAKQHaAXhyAgAAAHICAAAA", None, None], "function_type": "lambda"}}
    keras_file("lambda.h5", layers([lam]))
    module = {"module": "os", "class_name": "system", "config": "true", "registered_name": "system"}
    keras_file("module-os.h5", layers([{"class_name": "Dense", "config": {"name": "x", "kernel_initializer": module}}]))
    with h5py.File(os.path.join(OUT, "soft-link.h5"), "w") as f:
        f.create_dataset("real", data=np.zeros(2))
        f["alias"] = h5py.SoftLink("/real")
    with h5py.File(os.path.join(OUT, "external-link.h5"), "w", libver="latest") as f:
        f.create_dataset("real", data=np.zeros(2))
        f["elsewhere"] = h5py.ExternalLink("/etc/passwd", "/secret")
    with h5py.File(os.path.join(OUT, "external-file.h5"), "w") as f:
        f.create_dataset("raw", shape=(4,), dtype="uint8", external=[("outside.bin", 0, 4)])
    layout = h5py.VirtualLayout(shape=(2,), dtype="float64")
    layout[:] = h5py.VirtualSource("other.h5", "data", shape=(2,))
    with h5py.File(os.path.join(OUT, "virtual.h5"), "w", libver="latest") as f:
        f.create_virtual_dataset("v", layout, fillvalue=0)
    for name in sorted(os.listdir(OUT)):
        if name.endswith(".h5"):
            print(name, os.path.getsize(os.path.join(OUT, name)))

main()

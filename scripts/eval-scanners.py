#!/usr/bin/env python3
"""Model-file scanners side by side: Trustmark, picklescan, modelscan and fickling on one corpus, in one run.

    python3 -m venv .venv-peers && .venv-peers/bin/pip install picklescan modelscan fickling typing_extensions
    .venv-peers/bin/python scripts/eval-scanners.py          # from the repository root; ../shared must exist

Corpus: ../shared/safety-corpus (picklescan's 95 malicious and 14 benign samples with their labels, 16 real benign
model files, 8 inert probes) plus inert payloads this script writes to bench-data/bypasses/ for every bypass class in
the research note. The payloads are spelled as opcode bytes: they name dangerous callables with harmless arguments and
nothing here ever loads them. Each tool runs as its CLI, one process per file (as a user or CI would run it).
Verdicts: flag (the tool's exit status says unsafe), clean (exit 0), err (the tool failed or could not read the file).
A malicious file is caught only when flagged; "silent" = clean on a malicious file.
"""
import os, shutil, statistics, struct, subprocess, sys, time, zipfile, zlib

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
    return labels

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
    return files

def trustmark_binary():
    # Release build with the Swift runtime linked statically, as the binary is shipped: start-up is about 6 ms
    # instead of about 11 ms with a dynamically linked runtime.
    flags = ["-c", "release", "--static-swift-stdlib", "--scratch-path", os.path.join(ROOT, ".build-static"), "-Xlinker", "--gc-sections"]
    subprocess.run(["swift", "build", *flags, "--product", "trustmark"], cwd=ROOT, check=True, capture_output=True)
    return subprocess.run(["swift", "build", *flags, "--show-bin-path"], cwd=ROOT, capture_output=True, text=True).stdout.strip() + "/trustmark"

def run(command):
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONWARNINGS": "ignore"})
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
    print(f"\nOne process per file: Trustmark is {ratio:.0f}x faster than picklescan over the whole corpus.")
    folder = os.path.join(SHARED, "peer-picklescan")
    binary = tools["trustmark"]("")[0]
    for tool, command in [("trustmark", [binary, "scan", folder]), ("picklescan", [os.path.join(PEERS, "picklescan"), "-p", folder]),
                          ("modelscan", [os.path.join(PEERS, "modelscan"), "-p", folder])]:
        runs = [run(command)[1] for _ in range(5)]
        print(f"One process over the picklescan suite folder (109 files): {tool} median {statistics.median(runs):.3f} s")
    print("\n| file | set | label | trustmark | picklescan | modelscan | fickling |\n|---|---|---|---|---|---|---|")
    for path, (group, label) in files.items():
        name = os.path.relpath(path, SHARED) if path.startswith(SHARED) else os.path.relpath(path, ROOT)
        print(f"| {name} | {group} | {label} | " + " | ".join(results[tool][path] for tool in tools) + " |")

main()

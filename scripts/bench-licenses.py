#!/usr/bin/env python3
"""License identification, Trustmark against ScanCode, side by side on one labelled corpus.

    python3 -m venv .venv-sc && .venv-sc/bin/pip install scancode-toolkit-mini==32.5.0 "pluggy<1.6"
    .venv-sc/bin/python scripts/bench-licenses.py            # from the repository root

The corpus is built from the catalog texts in Sources/Licenses/Resources/texts (bench-data/licenses/):
  verbatim      every catalog text                       expected: exact <license>
  reformatted   model-license texts reflowed to 60 columns, CRLF line ends, Markdown decoration and a new
                copyright line                           expected: exact <license>
  variant       material edits (caps, inserted clauses, appended policy, swapped titles, riders)
                                                         expected: variant of <family>, never exact
  unrelated     prose that is not a license              expected: unknown
Each tool's verdict is judged against the label. ScanCode has no "variant" verdict: a detection with score 100
and full coverage claims the license as-is (exact); a lower score is counted as flagging a variant (generous) and,
in the strict reading, only below 99. Timing: Trustmark's release CLI over all files minus its run over one file
(start-up and catalog load excluded), divided by the extra files; ScanCode in-process after its index is loaded,
per file; and ScanCode's CLI over the whole folder.
"""
import json, os, re, statistics, subprocess, sys, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TEXTS = os.path.join(ROOT, "Sources", "Licenses", "Resources", "texts")
CORPUS = os.path.join(ROOT, "bench-data", "licenses")
catalog = json.load(open(os.path.join(ROOT, "Sources", "Licenses", "Resources", "catalog.json")))
by_key = {t["key"]: e for e in catalog["licenses"] for t in e["texts"]}

def family_of_key(key):
    if key in by_key:
        return by_key[key]["family"]
    for needle, name in [("llama", "llama"), ("qwen", "qwen"), ("tongyi", "qwen"), ("gemma", "gemma"), ("rail", "openrail"), ("mit", "mit"),
                         ("apache", "apache"), ("cc-", "creative-commons"), ("gpl", "gnu"), ("bsd", "bsd")]:
        if needle in key:
            return name
    return key

def read(key):
    return open(os.path.join(TEXTS, key + ".txt"), encoding="utf-8").read()

def reflow(text, width=60):
    lines, current = [], ""
    for word in text.split():
        if len(current) + len(word) + 1 > width:
            lines.append(current); current = ""
        current += (" " if current else "") + word
    return "\n".join(lines + [current])

def build_corpus():
    os.makedirs(CORPUS, exist_ok=True)
    labels = {}
    def put(name, text, label):
        with open(os.path.join(CORPUS, name), "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        labels[name] = label
    for key in sorted(by_key):
        put(f"verbatim--{key}.txt", read(key), {"kind": "exact", "key": key})
    model_keys = sorted(k for k in by_key if os.path.exists(os.path.join(ROOT, "..", "shared", "license-data", "texts", "model", k + ".txt")) or by_key[k]["family"] not in ("gnu", "creative-commons", "bsd", "cdla", "apache", "mit"))
    for key in model_keys:
        # Drop copyright notices (a year or "all rights reserved"), not body lines that begin with "Copyright Holder".
        body = "\n".join(l for l in read(key).splitlines()
                         if not (re.match(r"^\W*(copyright\b|\(c\)|©)", l, re.I) and re.search(r"(19|20)\d\d|all rights reserved", l, re.I)))
        text = "# " + reflow(body).replace("\n", "\r\n") + "\r\n\r\nCopyright (c) 2031 A Redistributor Ltd.\r\n"
        put(f"reformatted--{key}.txt", text, {"kind": "exact", "key": key})
    qwen, mit, apache = read("qwen-2024"), read("mit"), read("apache-2.0")
    variants = {
        "qwen-cap-10m": (qwen.replace("more than 100 million monthly", "more than 10 million monthly"), "qwen"),
        "qwen-noncommercial-inserted": (qwen.replace("If you are commercially using the Materials,", "You may not use the Materials for commercial purposes. If you are commercially using the Materials,"), "qwen"),
        "apache-plus-usage-policy": (apache + "\n\nUSAGE POLICY\nYou may not use the model for military purposes or to develop weapons. The acceptable use policy at https://example.org/aup is incorporated by reference.\n", "apache"),
        "llama-3.2-text-3.1-title": (read("llama-3.2-license-2024").replace("LLAMA 3.2 COMMUNITY LICENSE AGREEMENT", "LLAMA 3.1 COMMUNITY LICENSE AGREEMENT"), "llama"),
        "llama-3.1-cap-7m": (read("llama-3.1-license-2024").replace("700 million", "7 million"), "llama"),
        "mit-plus-rider": ("MIT License\n\nCopyright (c) 2025 Example Corp\n\n" + mit + "\nAdditional term: products with more than 50 million monthly active users must prominently display \"Powered by Example\".\n", "mit"),
        "tongyi-research-clause": (read("tongyi-qianwen-2023").replace("Tongyi Qianwen LICENSE AGREEMENT", "Tongyi Qianwen RESEARCH LICENSE AGREEMENT", 1) + "\nThe Materials may be used for research purposes only.\n", "qwen"),
        "gemma-clause-removed": (re.sub(r"(?s)3\.2.*?3\.3", "3.3", read("gemma-tou-2025-03-24"), count=1), "gemma"),
    }
    for name, (text, family) in variants.items():
        put(f"variant--{name}.txt", text, {"kind": "variant", "family": family})
    put("unrelated--prose.txt", "This model card describes a small language model trained on public web text. " * 30, {"kind": "unknown"})
    put("unrelated--readme.txt", "# Project\n\nInstall with pip. Run the tests with pytest. Contributions are welcome; open an issue first.\n" * 5, {"kind": "unknown"})
    return labels

def judge(label, verdict, key_or_family, family):
    if label["kind"] == "exact":
        return verdict == "exact" and key_or_family == label["key"]
    if label["kind"] == "variant":
        return verdict == "variant" and family == label["family"]
    return verdict == "unknown"

def trustmark(files):
    binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True).stdout.strip() + "/trustmark"
    subprocess.run(["swift", "build", "-c", "release", "--product", "trustmark"], cwd=ROOT, check=True, capture_output=True)
    def timed(paths):
        start = time.perf_counter()
        output = subprocess.run([binary, "license", "--format", "json", *paths], capture_output=True, text=True, check=True).stdout
        return time.perf_counter() - start, json.loads(output)
    alls, ones = [], []
    for _ in range(5):
        t_all, result = timed(files)
        t_one, _ = timed(files[:1])
        alls.append(t_all); ones.append(t_one)
    per_file = (statistics.median(alls) - statistics.median(ones)) / (len(files) - 1)
    verdicts = {}
    text_key = {e["id"]: [t["key"] for t in e["texts"]] for e in catalog["licenses"]}
    for r in result["results"]:
        name = os.path.basename(r["path"])
        keys = text_key.get(r.get("license") or "", [])
        verdicts[name] = (r["verdict"], keys, r.get("family"), r.get("license"))
    return verdicts, per_file, statistics.median(ones)

def scancode_in_process(files):
    from scancode.api import get_licenses
    from licensedcode.cache import get_index
    start = time.perf_counter(); get_index(); load = time.perf_counter() - start
    verdicts, times = {}, []
    for path in files:
        start = time.perf_counter()
        result = get_licenses(path, include_text=False)
        times.append(time.perf_counter() - start)
        matches = [m for d in result.get("license_detections", []) for m in d["matches"]]
        expression = result.get("detected_license_expression") or ""
        keys = sorted({m["license_expression"] for m in matches})
        low = min((min(m["score"], m["match_coverage"]) for m in matches), default=0)
        verdicts[os.path.basename(path)] = (expression, keys, low)
    return verdicts, statistics.median(times), sum(times), load

def scancode_cli(folder):
    out = os.path.join(ROOT, "bench-data", "scancode-cli.json")
    start = time.perf_counter()
    subprocess.run([os.path.join(os.path.dirname(sys.executable), "scancode"), "-l", "-n", "1", "--json-pp", out, folder], capture_output=True, check=True)
    return time.perf_counter() - start

def scancode_verdict(expression, keys, low, strict):
    if not expression:
        return "unknown", None
    single = keys[0] if len(keys) == 1 else None
    if single and low >= 100:
        return "exact", single
    if single is None and len({family_of_key(k) for k in keys}) > 1:
        return "variant", keys[0]
    if strict and low >= 99:
        return "exact", keys[0]
    return "variant", keys[0]

def main():
    labels = build_corpus()
    files = [os.path.join(CORPUS, name) for name in sorted(labels)]
    tm, tm_per_file, tm_one = trustmark(files)
    sc, sc_median, sc_total, sc_load = scancode_in_process(files)
    cli_seconds = scancode_cli(CORPUS)
    rows, score = [], {"trustmark": 0, "scancode-generous": 0, "scancode-strict": 0}
    worse = []
    for name in sorted(labels):
        label = labels[name]
        verdict, keys, family, identifier = tm[name]
        tm_key = label.get("key") if label.get("key") in keys else (keys[0] if keys else None)
        tm_ok = judge(label, verdict, tm_key if label["kind"] == "exact" else family, family)
        expression, sc_keys, low = sc[name]
        results = {}
        for strict in (False, True):
            v, key = scancode_verdict(expression, sc_keys, low, strict)
            results[strict] = judge(label, v, key if label["kind"] == "exact" else family_of_key(key or ""), family_of_key(key or ""))
        score["trustmark"] += tm_ok; score["scancode-generous"] += results[False]; score["scancode-strict"] += results[True]
        if results[False] and not tm_ok:
            worse.append(name)
        expected = label["kind"] + (" " + label.get("key", label.get("family", "")) if label["kind"] != "unknown" else "")
        rows.append(f"| {name} | {expected} | {verdict} {identifier or ''} {'✔' if tm_ok else '✘'} | {expression or '-'} ({low:.1f}) {'✔' if results[False] else '✘'}{'' if results[True] == results[False] else ' / strict ✘'} |")
    n = len(labels)
    print(f"files: {n}")
    print(f"correct: Trustmark {score['trustmark']}/{n}; ScanCode {score['scancode-generous']}/{n} (generous), {score['scancode-strict']}/{n} (strict)")
    print(f"files ScanCode got right and Trustmark did not: {worse or 'none'}")
    print(f"Trustmark (release CLI): {tm_per_file * 1000:.2f} ms per file after start-up; one-file run incl. start-up and catalog load {tm_one * 1000:.0f} ms")
    print(f"ScanCode in-process: median {sc_median * 1000:.0f} ms per file, total {sc_total:.1f} s, index load {sc_load:.1f} s; CLI over the folder {cli_seconds:.1f} s")
    print("\n| file | expected | Trustmark | ScanCode (lowest score) |\n|---|---|---|---|")
    print("\n".join(rows))

main()

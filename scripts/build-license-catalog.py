#!/usr/bin/env python3
"""Builds Sources/Licenses/Resources/{catalog.json,texts/} from ../shared/license-data.

The catalog is data: license facts compiled for Trustmark's research note (model-licenses.json), the
ScanCode LicenseDB index of the extra texts (index-extra.json), and the texts themselves. Run from the
repository root: python3 scripts/build-license-catalog.py [path/to/shared/license-data]
Then rebuild the matcher's bigram index from the new catalog:
TRUSTMARK_WRITE_BIGRAM_INDEX=1 swift test --filter BigramIndexTests
"""
import hashlib
import json
import os
import re
import shutil
import sys
import unicodedata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "license-data")
OUT = os.path.join(ROOT, "Sources", "Licenses", "Resources")

def tm_tokens_v1(text):
    text = unicodedata.normalize("NFKC", text)
    lines = [line for line in text.splitlines() if not re.match(r"^\W*(copyright\b|\(c\)|©)", line, re.IGNORECASE)]
    return re.findall(r"[a-z0-9]+", "\n".join(lines).lower())

def family(identifier):
    rules = [("llama", "llama"), ("qwen", "qwen"), ("tongyi", "qwen"), ("gemma", "gemma"), ("rail", "openrail"),
             ("responsible-ai-source", "openrail"), ("deepseek", "deepseek"), ("falcon", "falcon"), ("nvidia", "nvidia"),
             ("stability", "stability"), ("mit", "mit"), ("apache", "apache"), ("cc-", "creative-commons"), ("cc0", "creative-commons"),
             ("gpl", "gnu"), ("bsd", "bsd"), ("cdla", "cdla"), ("minimax", "minimax"), ("hunyuan", "hunyuan"), ("fair-", "fair"),
             ("openmdw", "openmdw"), ("exaone", "exaone"), ("flux", "flux")]
    for needle, name in rules:
        if needle in identifier:
            return name
    return identifier

CATEGORY_GRADES = {"Permissive": "A", "Public Domain": "A", "Copyleft": "B", "Copyleft Limited": "B"}
EXTRA_OVERRIDES = {
    # Grades for texts the research catalogue does not cover, from what their names and categories say.
    "cc-by-nc-4.0": ("G", "no"), "cc-by-nc-sa-4.0": ("G", "no"), "cc-by-nc-nd-4.0": ("G", "no"), "cc-by-nd-4.0": ("D", "yes"),
    "c-uda-1.0": ("A", "yes"), "responsible-ai-source-1.0": ("D", "yes"), "responsible-ai-source-1.1": ("D", "yes"),
    "fair-ai-public-1.0-sd": ("D", "yes"), "chameleon-research-2024": ("H", "no"), "playground-v2-community": ("D", "unknown"),
    "ltxv-owl-2025-04-17": ("E", "conditional"), "bilibili-model-ula-2025-09-09": ("D", "unknown"), "open-aleph-1.0": ("G", "no"),
    "nvidia-model-training-2025": ("D", "unknown"),
}
POLICY_TEXTS = {"gemma-pup-2024-02-21", "llama-4-license-2025"}

def main():
    catalog = json.load(open(os.path.join(SHARED, "model-licenses.json")))
    extra = json.load(open(os.path.join(SHARED, "texts", "index-extra.json")))
    shutil.rmtree(os.path.join(OUT, "texts"), ignore_errors=True)
    os.makedirs(os.path.join(OUT, "texts"))
    texts = {}
    for folder in ("spdx", "model"):
        for name in sorted(os.listdir(os.path.join(SHARED, "texts", folder))):
            key = name[:-4]
            shutil.copyfile(os.path.join(SHARED, "texts", folder, name), os.path.join(OUT, "texts", name))
            body = open(os.path.join(SHARED, "texts", folder, name), encoding="utf-8").read()
            tokens = tm_tokens_v1(body)
            texts[key] = {"file": name, "sha256": hashlib.sha256(" ".join(tokens).encode()).hexdigest(), "tokens": len(tokens)}

    entries = []
    claimed = set()
    for entry in catalog["licenses"]:
        keys = []
        for source in entry.get("sources", []):
            copy = source.get("copy")
            if copy:
                keys.append(os.path.basename(copy)[:-4])
        scancode = (entry.get("scancode") or "").split(" ")[0].rstrip(",")
        if not keys and scancode in texts:
            keys.append(scancode)
        if entry["id"] == "gpt-oss-apache-2.0-usage-policy":
            keys = []
        keys = [k for k in keys if k in texts]
        claimed.update(keys)
        spdx = entry.get("spdx")
        if spdx and " " in spdx:
            spdx = spdx.split(" ")[0]
        entries.append({
            "id": entry["id"], "name": entry["name"], "family": family(entry["id"]),
            "spdx": spdx, "licenseRef": None if spdx else (f"LicenseRef-scancode-{scancode}" if scancode else f"LicenseRef-trustmark-{entry['id']}"),
            "hubTags": [t for t in entry["hf"].get("license", []) if t not in ("other", "(absent)") and not t.startswith("other ")] + entry["hf"].get("also", []),
            "licenseNames": entry["hf"].get("license_name", []),
            "versionDate": entry.get("version_date"), "grade": entry["grade"],
            "osiApproved": entry.get("osi_approved") is True, "osaidTermsOK": entry.get("osaid_terms_ok") is True,
            "terms": entry.get("terms", {}), "confidence": entry.get("confidence", ""),
            "texts": [{"key": k, "role": "policy" if k in POLICY_TEXTS else "license", **texts[k]} for k in keys],
            "source": "shared/license-data/model-licenses.json",
        })
    known_ids = {e["id"] for e in entries}
    for item in extra:
        key = item["key"]
        if key in claimed:
            continue
        identifier = key if key not in known_ids else key + "-text"
        grade, commercial = EXTRA_OVERRIDES.get(key, (CATEGORY_GRADES.get(item["category"], "D"), "yes" if item["category"] in CATEGORY_GRADES else "unknown"))
        spdx = item.get("spdx_license_key")
        is_ref = spdx.startswith("LicenseRef-") if spdx else True
        hub_tag = key.replace("bsd-simplified", "bsd-2-clause").replace("bsd-new", "bsd-3-clause").replace("boost-1.0", "bsl-1.0")
        entries.append({
            "id": identifier, "name": item["name"], "family": family(key), "spdx": None if is_ref else spdx,
            "licenseRef": spdx if is_ref else None, "hubTags": [hub_tag] if not is_ref else [], "licenseNames": [],
            "versionDate": None, "grade": grade, "osiApproved": False, "osaidTermsOK": grade in ("A", "B"),
            "terms": {"commercial_use": commercial}, "confidence": f"ScanCode category only ({item['category']})",
            "texts": [{"key": key, "role": "license", **texts[key]}], "source": "shared/license-data/texts/index-extra.json",
        })
    # OSI approval for the extra SPDX texts comes from the Hub tag table of the research catalogue.
    osi = {tag: value.get("osi_approved") for tag, value in catalog.get("hf_hub_license_tags", {}).items()}
    for entry in entries:
        for tag in entry["hubTags"]:
            if osi.get(tag) is True:
                entry["osiApproved"] = True
    aliases = {tag: value.get("catalogue") for tag, value in catalog.get("hf_hub_license_tags", {}).items()}
    out = {"version": "2026.11.29", "hashMethod": catalog["hash_method"]["tm_tokens_v1"], "grades": catalog["grades"],
           "hubTags": {tag: {"spdx": v.get("spdx"), "osiApproved": v.get("osi_approved"), "catalogue": v.get("catalogue")}
                       for tag, v in catalog.get("hf_hub_license_tags", {}).items()},
           "licenses": entries}
    with open(os.path.join(OUT, "catalog.json"), "w") as handle:
        json.dump(out, handle, indent=1, sort_keys=True, ensure_ascii=False)
        handle.write("\n")
    print(f"{len(entries)} entries, {len(texts)} texts")
    print("now rebuild the bigram index: TRUSTMARK_WRITE_BIGRAM_INDEX=1 swift test --filter BigramIndexTests")

main()

#!/usr/bin/env python3
"""Start-up of the commands CI loops, bulk workers and hooks run once per model or file, side by side.

Usage: scripts/bench-startup.py [--runs N] LABEL=BINARY [LABEL=BINARY ...]

Each command is run N times per binary, the binaries interleaved run by run so that both see the same machine
load; prints the median and minimum wall time (process start to exit) per binary and the ratio of each median to
the first binary's. Run from the repository root (the commands read Examples/).
"""
import argparse
import statistics
import subprocess
import time

COMMANDS = [
    ("rate open-tiny-lm", ["rate", "Examples/open-tiny-lm"]),
    ("rate open-tiny-lm (json)", ["rate", "Examples/open-tiny-lm", "--no-hash", "--format", "json"]),
    ("rate open-tiny-lm (text)", ["rate", "Examples/open-tiny-lm", "--no-hash"]),
    ("rate community-chat (json)", ["rate", "Examples/community-chat", "--no-hash", "--format", "json"]),
    ("license LICENSE", ["license", "Examples/open-tiny-lm/LICENSE"]),
    ("scan one safetensors file", ["scan", "Examples/open-tiny-lm/model-00001-of-00002.safetensors"]),
    ("--version", ["--version"]),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()
    binaries = [item.split("=", 1) for item in args.binaries]
    for label, command in COMMANDS:
        times = {name: [] for name, _ in binaries}
        for _ in range(args.runs):
            for name, binary in binaries:
                start = time.perf_counter()
                subprocess.run([binary] + command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                times[name].append((time.perf_counter() - start) * 1000)
        base = statistics.median(times[binaries[0][0]])
        cells = []
        for name, _ in binaries:
            median = statistics.median(times[name])
            cells.append(f"{name} {median:6.1f} ms (min {min(times[name]):5.1f}, x{median / base:4.2f})")
        print(f"{label:28} " + " | ".join(cells))


if __name__ == "__main__":
    main()

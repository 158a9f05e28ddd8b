#!/usr/bin/env bash
# Hashing throughput: trustmark (release build) against sha256sum on the same 1 GB file, side by side.
# Usage: scripts/bench-hash.sh [size-in-MiB] [runs]
# Prints each run and the medians; the file is read from the page cache after a warm-up run of each tool,
# so both measure hashing, not the disk.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-1024}
runs=${2:-5}
mkdir -p bench-data
file=bench-data/random-${size_mib}MiB.bin
if [ ! -f "$file" ]; then
  echo "writing $file ($size_mib MiB of random bytes)"
  head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$file"
fi
swift build -c release --product trustmark >/dev/null
bin=$(swift build -c release --show-bin-path)/trustmark

measure() { # prints wall seconds of one run of "$@"
  python3 -c 'import subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(f"{time.perf_counter() - start:.4f}")' "$@"
}

sha256sum "$file" >/dev/null
"$bin" rate "$file" --format json >/dev/null || true
declare -a ours theirs
for i in $(seq "$runs"); do
  theirs+=("$(measure sha256sum "$file")")
  ours+=("$(measure "$bin" rate "$file" --format json)")
  echo "run $i: sha256sum ${theirs[-1]} s, trustmark ${ours[-1]} s"
done
# The digests must agree, or the comparison means nothing.
expected=$(sha256sum "$file" | cut -d' ' -f1)
actual=$("$bin" rate "$file" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["files"][0]["sha256"])')
[ "$expected" = "$actual" ] || { echo "digest mismatch: $expected vs $actual"; exit 1; }
python3 - "$size_mib" "${theirs[*]}" "${ours[*]}" <<'PY'
import statistics, sys
size = int(sys.argv[1]) * 1024 * 1024 / 1e6
theirs = [float(x) for x in sys.argv[2].split()]
ours = [float(x) for x in sys.argv[3].split()]
t, o = statistics.median(theirs), statistics.median(ours)
print(f"median sha256sum {t:.3f} s ({size / t:.0f} MB/s); trustmark {o:.3f} s ({size / o:.0f} MB/s); "
      f"trustmark speed = {100 * t / o:.0f}% of sha256sum")
PY

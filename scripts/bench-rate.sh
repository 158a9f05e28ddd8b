#!/usr/bin/env bash
# Time to rate each bundled example without hashing (release build): median of N runs, whole process.
# Usage: scripts/bench-rate.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
swift build -c release --product trustmark >/dev/null
bin=$(swift build -c release --show-bin-path)/trustmark
for example in Examples/*/; do
  python3 - "$runs" "$bin" "$example" <<'PY'
import statistics, subprocess, sys, time
runs, binary, example = int(sys.argv[1]), sys.argv[2], sys.argv[3]
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run([binary, "rate", example, "--no-hash", "--format", "json"], stdout=subprocess.DEVNULL, check=False)
    times.append((time.perf_counter() - start) * 1000)
print(f"{example:32} median {statistics.median(times):6.1f} ms  (min {min(times):.1f}, max {max(times):.1f}, {runs} runs)")
PY
done

#!/usr/bin/env bash
# Builds the libFuzzer harnesses (FuzzTesting/) with ASan and runs each for SECONDS (default 600), two at a time.
# Usage: scripts/fuzz-all.sh [seconds] [harness...]
set -uo pipefail
cd "$(dirname "$0")/../FuzzTesting"
seconds=${1:-600}; shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(FuzzJSON FuzzSafetensors FuzzGGUF FuzzPickle FuzzScanner FuzzTemplate FuzzCard FuzzLicense FuzzDecompress FuzzONNX FuzzHDF5 FuzzKeras FuzzHubResponses)
# swiftc's -sanitize=fuzzer alone emits no coverage libFuzzer registers (runs would be blind: "corp: 1/1b");
# inline 8-bit counters with a PC table are what this libFuzzer reads.
swift build -c debug --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
  --scratch-path ../.build-fuzz >/dev/null || exit 1
mkdir -p crashes logs
export SWIFT_BACKTRACE=enable=no
run() {
  local name=$1
  mkdir -p "corpus/$name"
  ../.build-fuzz/debug/"$name" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="crashes/$name-" "corpus/$name" "Seeds/$name" > "logs/$name.log" 2>&1
  echo "$name exit $? $(grep -E 'DONE|INITED' "logs/$name.log" | tail -1) $(grep -E 'stat::number_of_executed_units' "logs/$name.log" | tail -1)"
}
for ((i = 0; i < ${#harnesses[@]}; i += 2)); do
  run "${harnesses[i]}" &
  [ $((i + 1)) -lt ${#harnesses[@]} ] && run "${harnesses[i + 1]}" &
  wait
done
ls crashes

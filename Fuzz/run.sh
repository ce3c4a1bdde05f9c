#!/usr/bin/env bash
# Builds the libFuzzer targets and runs one (or all) for a given time, then appends a line to FUZZING.md.
#   Fuzz/run.sh TARGET SECONDS      TARGET: parser interpreter csv json wandblog, or all
#   Fuzz/run.sh all 600             each target for 10 minutes, one after the other
# Inputs the fuzzer finds go to Fuzz/.work/<target>/ (not committed); the seed corpus Fuzz/corpus/<target>/
# is only read. Crashes, timeouts and leaks go to Fuzz/findings/<target>/ (crash-*, timeout-*, oom-*).
# Reproduce a finding: Fuzz/.build/release/Fuzz<Target> Fuzz/findings/<target>/crash-…
# JOBS=2 runs two fuzzing processes (the machine has 2 cores; default 1).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
target="${1:?usage: Fuzz/run.sh TARGET|all SECONDS}"
seconds="${2:?usage: Fuzz/run.sh TARGET|all SECONDS}"
jobs="${JOBS:-1}"
all=(parser interpreter csv json wandblog)
if [ "$target" = all ]; then
    for t in "${all[@]}"; do "$0" "$t" "$seconds"; done
    exit 0
fi
case "$target" in
    parser) product=FuzzParser ;; interpreter) product=FuzzInterpreter ;; csv) product=FuzzCSV ;;
    json) product=FuzzJSON ;; wandblog) product=FuzzWandbLog ;;
    *) echo "unknown target: $target (${all[*]} or all)" >&2; exit 2 ;;
esac

# SwiftPM names a path dependency after its folder; a checkout folder named "fuzz" would clash with this
# package, so such a checkout is built from a copy named "sift".
build="$here"
if [ "$(basename "$root" | tr A-Z a-z)" = fuzz ]; then
    copy="${SIFT_FUZZ_COPY:-${TMPDIR:-/tmp}/sift-fuzz-build}/sift"
    mkdir -p "$copy"
    (cd "$root" && tar --exclude='./.build*' --exclude=./.git --exclude=./Fuzz/.build --exclude=./Fuzz/.work -cf - .) | (cd "$copy" && tar xf -)
    build="$copy/Fuzz"
fi
(cd "$build" && swift build -c release -Xswiftc -sanitize=fuzzer --product "$product" 2>&1 | grep -E "error|warning:" >&2 || true)
binary="$build/.build/release/$product"
[ -x "$binary" ] || { echo "build failed" >&2; exit 1; }

work="$here/.work/$target"; findings="$here/findings/$target"; log="$here/.work/$target.log"
mkdir -p "$work" "$findings"
before=$(ls "$findings" | wc -l)
maxlen=4096; [ "$target" = wandblog ] && maxlen=65536
args=(-max_total_time="$seconds" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
      -dict="$here/sift.dict" -artifact_prefix="$findings/")
[ "$jobs" -gt 1 ] && args+=(-fork="$jobs" -ignore_crashes=1)
echo "== $product for ${seconds}s" >&2
set +e
"$binary" "${args[@]}" "$work" "$here/corpus/$target" >"$log" 2>&1
status=$?
set -e
execs=$( (grep -E "stat::number_of_executed_units" "$log" || true) | awk '{s+=$2} END {print s+0}')
if [ "$jobs" -gt 1 ]; then execs=$(grep -oE "#[0-9]+: cov" "$log" | tail -1 | tr -dc 0-9); fi
after=$(ls "$findings" | wc -l)
found=$((after - before))
echo "== $product: $execs executions, $found new findings, exit $status (log $log)" >&2
ls -t "$findings" | head -n "$found" >&2
printf '| %s | %s | %ss | %s | %s | %s | `Fuzz/run.sh %s %s` |\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$target" "$seconds" \
    "$execs" "$found" "${FIXES:-none}" "$target" "$seconds" >>"$root/FUZZING.md"

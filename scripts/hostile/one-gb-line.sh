#!/usr/bin/env bash
# The 1 GB single-line check of issue 7 (too slow for the unit suite, which does 20 MB):
# makes a CSV whose one data row holds a 1 GiB cell, loads it with the release sift, and reports wall time,
# peak memory and the outcome (a table or a clear error, never a crash).
#   bash scripts/hostile/one-gb-line.sh            # needs ~1 GiB in $TMPDIR (default /tmp), removed after
set -euo pipefail
cd "$(dirname "$0")/../.."
#   SIFT_BIN=.build/debug/sift bash scripts/hostile/one-gb-line.sh   # use a sift already built
bin="${SIFT_BIN:-}"
if [ -z "$bin" ]; then
    swift build -c release --product sift 2>&1 | grep -E "error|warning:" >&2 || true
    bin="$(swift build -c release --show-bin-path)/sift"
fi
dir="$(mktemp -d "${TMPDIR:-/tmp}/sift-1gb.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
file="$dir/one-line.csv"
{ printf 'name,note,loss\nr1,'; head -c 1073741824 /dev/zero | tr '\0' 'x'; printf ',0.5\n'; } >"$file"
ls -l "$file" >&2
printf 'load "%s"\nruns\n' "$file" >"$dir/check.sift"
set +e
/usr/bin/time -v "$bin" "$dir/check.sift" >"$dir/out.txt" 2>"$dir/err.txt"
status=$?
set -e
grep -E "Elapsed|Maximum resident" "$dir/err.txt" >&2 || true
grep -vE "^\s" "$dir/err.txt" | head -5 >&2
head -c 300 "$dir/out.txt" | cut -c1-120 >&2
echo "exit status: $status" >&2

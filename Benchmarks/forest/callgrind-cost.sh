#!/usr/bin/env bash
# A deterministic cost of a forest fit, for changes too small to see through this shared machine's noise:
# callgrind with cache and branch simulation on a `strip -g` copy of sift-bench (valgrind cannot read
# Swift 6.3's DWARF), summed over SiftAnalysis and libc's memory routines, and weighted as
#   Ir/3 + 12 per L1 miss + 40 per last-level miss + 15 per mispredicted branch.
# The weights are rough (a 2-core AMD EPYC); compare binaries with one another, not with wall clock.
#
#   bash Benchmarks/forest/callgrind-cost.sh [BINARY] [CSV] [TREES]
#   defaults: .build/release/sift-bench, Benchmarks/data/forest_2000x20.csv, 10 trees (one thread)
#
# Needs valgrind (apt-get install -y valgrind) and the data file (bash Benchmarks/run.sh writes it).
set -euo pipefail
cd "$(dirname "$0")/../.."
binary="${1:-.build/release/sift-bench}"
data="${2:-Benchmarks/data/forest_2000x20.csv}"
trees="${3:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$binary" "$work/bench"
strip -g "$work/bench"
valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes --callgrind-out-file="$work/out" \
    "$work/bench" forest "$data" fit "$trees" 1 1 >/dev/null 2>&1
callgrind_annotate --show=Ir,D1mr,D1mw,DLmr,DLmw,Bcm,Bim "$work/out" 2>/dev/null \
    | grep -E "SiftAnalysis|memmove|memset|memcpy" \
    | awk '{
        n = 0
        for (i = 1; i <= NF; i++) if ($i ~ /^[0-9][0-9,]*$/) { v = $i; gsub(",", "", v); n++; a[n] = v }
        ir += a[1]; l1 += a[2] + a[3]; ll += a[4] + a[5]; bm += a[6] + a[7]
    } END {
        printf "instructions %.1fM  L1 misses %.2fM  LL misses %.3fM  mispredicts %.2fM  estimated cycles %.1fM\n",
            ir / 1e6, l1 / 1e6, ll / 1e6, bm / 1e6, (ir / 3 + 12 * l1 + 40 * ll + 15 * bm) / 1e6
    }'

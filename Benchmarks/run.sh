#!/usr/bin/env bash
# One command for every benchmark of issue 8: sift against pandas, scikit-learn, LightGBM and Optuna.
#
#     bash Benchmarks/run.sh [quick|full] [--only SECTION,...] [--skip 100000x50] [--deadline HH:MM] [--no-write]
#
# quick (default): the small sizes, a few minutes on an idle 2-core machine; full: also forests at 100k×20 and
# 100k×50 and fANOVA at 10,000 trials (tens of minutes: scikit-learn at 100k×50 alone takes minutes).
# Makes Benchmarks/.venv (ignored by git) with the peers pinned in Benchmarks/requirements.txt, builds `sift` and
# `sift-bench` in release, writes the data once with fixed seeds into Benchmarks/data/ (ignored), runs
# Benchmarks/harness.py and writes the figures and the met/missed targets into BENCHMARKS.md.
# Not part of the test suite: nothing here runs in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"
case "$mode" in quick|full|tiny) shift || true ;; *) mode=quick ;; esac

if [ ! -x /usr/bin/time ]; then
    echo "== installing GNU time (peak memory)"
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

venv=Benchmarks/.venv
if [ ! -x "$venv/bin/python" ]; then
    echo "== creating $venv"
    python3 -m venv "$venv"
fi
echo "== the peers (Benchmarks/requirements.txt)"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r Benchmarks/requirements.txt

echo "== building sift and sift-bench (release)"
mkdir -p Benchmarks/data
for product in sift-bench sift; do
    if ! swift build -c release --product "$product" > Benchmarks/data/build.log 2>&1; then
        tail -20 Benchmarks/data/build.log; exit 1
    fi
done
rm -f Benchmarks/data/build.log

exec "$venv/bin/python" Benchmarks/harness.py --mode "$mode" "$@"

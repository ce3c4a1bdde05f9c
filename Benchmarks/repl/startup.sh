#!/usr/bin/env bash
# REPL start-up: time from launching `sift` on a pseudo-terminal to its first prompt (target: under 50 ms).
# Run from the repository root:  bash Benchmarks/repl/startup.sh [runs]
# Builds the release binary, then measures with Benchmarks/repl/first_prompt.py (plain `sift` on a pty, fresh HOME, no rc
# file). When hyperfine is installed it also times `sift --version`, process start plus argument parsing.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-30}"
swift build -c release --product sift >/dev/null
sift=.build/release/sift
echo "== first prompt on a pty ($runs runs)"
python3 Benchmarks/repl/first_prompt.py "$sift" "$runs"
if command -v sqlite3 >/dev/null 2>&1; then
    echo "== peer: sqlite3's first prompt, same driver"
    python3 Benchmarks/repl/first_prompt.py "$sift" "$runs" --peer sqlite3
fi
if command -v hyperfine >/dev/null 2>&1; then
    echo "== process start + argument parsing: sift --version"
    hyperfine --warmup 3 --runs "$runs" --style basic "$sift --version" 2>/dev/null | grep -E "Time|Range"
fi

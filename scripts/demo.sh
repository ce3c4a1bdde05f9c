#!/usr/bin/env bash
# One command from a fresh clone: install prerequisites, build sift, and show the importance panel
# of the example sweep.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product sift 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]|^Building|^Compiling|^Write|^Fetching|^Cloning|^Computing|^Resolving|^Creating|^Working copy' >&2 || true
exec .build/release/sift Examples/quickstart.sift "$@"

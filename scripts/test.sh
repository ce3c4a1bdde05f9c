#!/usr/bin/env bash
# One command from a fresh clone: install prerequisites and run the whole test suite (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test-tools
swift build --build-tests
swift test --skip-build --parallel "$@"

#!/usr/bin/env bash
# One command from a fresh clone: install prerequisites and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Optional checkers: ebnflint (grammar) is small; tests skip it, saying so, when absent.
if ! command -v ebnflint >/dev/null 2>&1 && [ "${SIFT_SKIP_OPTIONAL:-0}" != 1 ]; then
    (apt-get install -y -qq ebnflint >/dev/null 2>&1 || true)
fi
# tmux drives the REPL tests through a real terminal; they are skipped, saying so, when it is absent.
if ! command -v tmux >/dev/null 2>&1 && [ "${SIFT_SKIP_OPTIONAL:-0}" != 1 ]; then
    (apt-get install -y -qq tmux >/dev/null 2>&1 || true)
fi
swift build --build-tests
swift test --skip-build --parallel "$@"

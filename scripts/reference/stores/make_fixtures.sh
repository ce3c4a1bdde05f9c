#!/usr/bin/env bash
# Makes the MLflow, Optuna and Ray Tune fixtures of SiftCoreTests from the real clients.
# Usage (from the repo root): bash scripts/reference/stores/make_fixtures.sh [mlflow] [optuna] [ray]
# Creates scripts/.venv-stores (gitignored) with the clients from PyPI on first use.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
venv="$root/scripts/.venv-stores"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q mlflow optuna "ray[tune]"
fi
out="$root/Tests/SiftCoreTests/Fixtures"
cd "$(mktemp -d)"   # MLflow and Ray leave scratch files in the working directory
MLFLOW_TRACKING_URI= MLFLOW_ALLOW_FILE_STORE=true "$venv/bin/python" "$root/scripts/reference/stores/make_fixtures.py" "$out" "$@"
"$venv/bin/python" "$root/scripts/reference/stores/derive_fixtures.py" "$out"

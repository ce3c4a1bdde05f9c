#!/usr/bin/env bash
# Makes the MLflow, Optuna and Ray Tune fixtures of SiftCoreTests from the real clients.
# Usage (from the repo root): bash scripts/reference/stores/make_fixtures.sh [mlflow] [optuna] [ray]
# Creates scripts/.venv-stores and scripts/.venv-stores-old (gitignored) with the clients from PyPI on first use.
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

# The pre-2.4 Optuna schema, from Optuna 2.3 itself (its own venv: it needs SQLAlchemy 1.3).
if [ $# -eq 0 ] || [[ " $* " == *" optuna "* ]]; then
    old="$root/scripts/.venv-stores-old"
    if [ ! -x "$old/bin/python" ]; then
        python3 -m venv "$old"
        "$old/bin/pip" install -q "setuptools<70" wheel
        "$old/bin/pip" install -q --no-build-isolation "optuna==2.3.0" "sqlalchemy<1.4"
    fi
    "$old/bin/python" "$root/scripts/reference/stores/make_legacy_optuna.py" "$out"
fi

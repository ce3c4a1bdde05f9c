#!/usr/bin/env bash
# Makes SiftCoreTests/Fixtures/history (metric histories) from the real W&B, MLflow and Optuna clients.
# Run from anywhere: bash scripts/reference/history/make_fixtures.sh
# Needs python3 and PyPI; creates scripts/.venv-history (gitignored) with wandb, mlflow and optuna.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
venv="$repo/scripts/.venv-history"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install -q "wandb==${WANDB_VERSION:-0.31.0}" "mlflow==${MLFLOW_VERSION:-3.17.2}" "optuna==${OPTUNA_VERSION:-5.0.0}"
MLFLOW_TRACKING_URI= MLFLOW_ALLOW_FILE_STORE=true "$venv/bin/python" "$here/make_fixtures.py"

#!/usr/bin/env bash
# Makes the W&B loader's fixtures from the real client.
# Run from anywhere: bash scripts/reference/wandb/make_fixtures.sh
# Needs python3 and PyPI; creates scripts/.venv-wandb (gitignored) and pip-installs wandb there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
venv="$repo/scripts/.venv-wandb"
WANDB_VERSION="${WANDB_VERSION:-0.31.0}"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install -q "wandb==$WANDB_VERSION"
"$venv/bin/python" "$here/make_fixtures.py"

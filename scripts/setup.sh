#!/usr/bin/env bash
# Installs what sift needs on a fresh Debian machine (idempotent, quiet when all is there).
#   bash scripts/setup.sh               # build prerequisites: libedit-dev, libsqlite3-dev, pkg-config
#   bash scripts/setup.sh --test-tools  # also the tools some tests drive (ebnflint, tmux, chromium);
#                                       # those tests say clearly that they are skipped when a tool is absent
# SIFT_SKIP_OPTIONAL=1 leaves the test tools out.
set -euo pipefail
need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists libedit 2>/dev/null || need+=(libedit-dev)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
optional=()
if [ "${1:-}" = "--test-tools" ] && [ "${SIFT_SKIP_OPTIONAL:-0}" != 1 ]; then
    command -v ebnflint >/dev/null 2>&1 || optional+=(ebnflint)
    command -v tmux >/dev/null 2>&1 || optional+=(tmux)
    command -v chromium >/dev/null 2>&1 || optional+=(chromium)
fi
[ ${#need[@]} -gt 0 ] || [ ${#optional[@]} -gt 0 ] || exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "setup: apt-get update" >&2
$SUDO apt-get update -qq >/dev/null
if [ ${#need[@]} -gt 0 ]; then
    echo "setup: installing ${need[*]}" >&2
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ${#optional[@]} -gt 0 ]; then
    echo "setup: installing test tools ${optional[*]}" >&2
    $SUDO apt-get install -y -qq --no-install-recommends "${optional[@]}" >/dev/null \
        || echo "setup: could not install ${optional[*]}; the tests that need them will say they are skipped" >&2
fi

#!/bin/sh
# Renders an HTML report to a PNG with headless Chromium (Debian: apt-get install -y chromium), so a person
# can look at it.   usage: scripts/screenshot-report.sh REPORT.html OUT.png [WIDTHxHEIGHT]
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTHxHEIGHT]" >&2
    exit 2
fi
report=$1
out=$2
size=${3:-1200x2200}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "$0: chromium not found (apt-get install -y chromium)" >&2
    exit 1
fi
[ -f "$report" ] || { echo "$0: no such file: $report" >&2; exit 1; }
abs_report=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
case $out in /*) abs_out=$out ;; *) abs_out=$(pwd)/$out ;; esac
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# --no-sandbox: Chromium refuses to run as root with its sandbox (containers, CI).
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --window-size="$(echo "$size" | tr x ,)" --screenshot="$abs_out" "file://$abs_report" 2>/dev/null
[ -s "$abs_out" ] || { echo "$0: no screenshot written" >&2; exit 1; }
echo "$abs_out"

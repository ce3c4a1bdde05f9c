#!/bin/sh
# Renders an HTML report to a PNG with headless Chromium (Debian: apt-get install -y chromium), so a person
# can look at it. The page is measured first (the report writes its height into <html data-height>), so the
# screenshot holds the whole page.
#   usage: scripts/screenshot-report.sh REPORT.html OUT.png [WIDTH]      (WIDTH defaults to 1200)
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTH]" >&2
    exit 2
fi
report=$1
out=$2
width=${3:-1200}
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
flags="--headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir=$profile"
height=$("$browser" $flags --window-size="$width,900" --dump-dom "file://$abs_report" 2>/dev/null \
    | sed -n 's/.*data-height="\([0-9]*\)".*/\1/p' | head -n 1)
[ -n "$height" ] || height=2200
"$browser" $flags --window-size="$width,$height" --screenshot="$abs_out" "file://$abs_report" 2>/dev/null
[ -s "$abs_out" ] || { echo "$0: no screenshot written" >&2; exit 1; }
echo "$abs_out (${width}x$height)"

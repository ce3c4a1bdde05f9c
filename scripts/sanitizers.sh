#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and ThreadSanitizer (the forest trains in parallel).
#   bash scripts/sanitizers.sh            # both
#   bash scripts/sanitizers.sh thread     # one
# Each sanitizer builds into its own folder (.build-asan, .build-tsan) so normal builds stay warm.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(address thread)
status=0
for kind in "${kinds[@]}"; do
    case "$kind" in
        address) dir=.build-asan ;;
        thread) dir=.build-tsan ;;
        *) echo "unknown sanitizer: $kind (address, thread)" >&2; exit 2 ;;
    esac
    # Leaks outside sift's code (libedit, Foundation, test statics) are listed in scripts/lsan-suppressions.txt.
    export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0"
    echo "== swift test --sanitize=$kind" >&2
    if swift test --scratch-path "$dir" --sanitize="$kind" 2>&1 | tee "/tmp/sift-sanitize-$kind.log" | tail -5; then
        if grep -qE "ERROR: (AddressSanitizer|ThreadSanitizer)|WARNING: ThreadSanitizer" "/tmp/sift-sanitize-$kind.log"; then
            echo "== $kind: sanitizer reports found (see /tmp/sift-sanitize-$kind.log)" >&2
            status=1
        else
            echo "== $kind: clean" >&2
        fi
    else
        echo "== $kind: tests failed (see /tmp/sift-sanitize-$kind.log)" >&2
        status=1
    fi
done
exit $status

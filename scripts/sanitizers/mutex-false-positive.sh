#!/usr/bin/env bash
# Shows that ThreadSanitizer on Linux reports "Swift access race" for data guarded by Synchronization.Mutex
# (the pattern RandomForest.fit and Fanova use), although the lock works, and not for the same code with
# NSLock (a pthread mutex, which TSan understands). Mutex's contended path hands the lock over inside the
# kernel (a futex), where TSan cannot see the happens-before edge. See FUZZING.md, Sanitizers.
#   bash scripts/sanitizers/mutex-false-positive.sh     # ~10 s; prints the warning count for each lock
set -euo pipefail
dir="$(mktemp -d "${TMPDIR:-/tmp}/sift-tsan-mutex.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
body='DispatchQueue.concurrentPerform(iterations: 4) { w in for i in 0..<200_000 { INCREMENT } }
        print("sum", READ, "(expected 800000)")'
make() {  # name, imports, box, increment, read
    local main="${body//INCREMENT/$4}"
    main="${main//READ/$5}"
    printf '%s\nimport Dispatch\n%s\n@main struct Main {\n    static func main() {\n        let box = Box()\n        %s\n    }\n}\n' \
        "$2" "$3" "$main" >"$dir/$1.swift"
    swiftc -parse-as-library -sanitize=thread -g "$dir/$1.swift" -o "$dir/$1"
}
make mutex "import Synchronization" \
    'final class Box: Sendable { let m = Mutex<[Int]>(Array(repeating: 0, count: 64)) }' \
    'box.m.withLock { $0[(i + w) % 64] += 1 }' 'box.m.withLock { $0.reduce(0, +) }'
make nslock "import Foundation" \
    'final class Box: @unchecked Sendable { let lock = NSLock(); var v = Array(repeating: 0, count: 64) }' \
    'box.lock.withLock { box.v[(i + w) % 64] += 1 }' 'box.lock.withLock { box.v.reduce(0, +) }'
for lock in mutex nslock; do
    out="$("$dir/$lock" 2>&1 || true)"
    echo "$lock: $(grep -m1 '^sum' <<<"$out"), $(grep -c 'WARNING: ThreadSanitizer' <<<"$out" || true) TSan warnings"
done

#!/usr/bin/env python3
"""Time from starting `sift` on a pseudo-terminal to its first prompt, then leave with Ctrl-D.

Run: python3 Benchmarks/repl/first_prompt.py [path/to/sift] [runs] [--peer sqlite3]
(Benchmarks/repl/startup.sh does it.) Prints one line per statistic, in milliseconds. Starts plain `sift`, as a
person does, with a fresh HOME (no history, no ~/.siftrc; `--no-rc` is not needed and would cost ~3 ms: any
argument makes sift parse its command line with swift-argument-parser). With `--peer sqlite3` it times sqlite3's first `sqlite> ` prompt the same way
(sqlite3 is also a libedit/readline shell that reads a start-up file), as the yardstick.
"""
import os
import pty
import select
import statistics
import sys
import tempfile
import time

args = [a for a in sys.argv[1:] if a != "--peer" and a != "sqlite3"]
peer = "--peer" in sys.argv
sift = args[0] if len(args) > 0 else ".build/release/sift"
runs = int(args[1]) if len(args) > 1 else 30
if peer:
    program, argv, prompt, leave = "/usr/bin/sqlite3", ["sqlite3"], b"sqlite> ", b".quit\r"
else:
    program, argv, prompt, leave = sift, [sift], b"]> ", b".quit\r"
home = tempfile.mkdtemp(prefix="sift-startup-")
env = {"HOME": home, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}


def once():
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(program, argv, env)
    seen = b""
    elapsed = None
    deadline = start + 10
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if prompt in seen:
            elapsed = time.perf_counter() - start
            break
    # Leave once the editor reads keys (input typed while the terminal mode changes can be lost), reading
    # what it prints so it never blocks on a full terminal.
    time.sleep(0.05)
    os.write(fd, leave)
    while True:
        ready, _, _ = select.select([fd], [], [], 2)
        try:
            if not ready or not os.read(fd, 4096):
                break
        except OSError:
            break
    os.waitpid(pid, 0)
    os.close(fd)
    if elapsed is None:
        sys.exit(f"no prompt within 10 s; the terminal showed: {seen!r}")
    return elapsed * 1000


once()  # warm the page cache
times = [once() for _ in range(runs)]
print(f"runs {runs}")
print(f"median_ms {statistics.median(times):.1f}")
print(f"min_ms {min(times):.1f}")
print(f"max_ms {max(times):.1f}")

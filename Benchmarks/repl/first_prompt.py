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
import signal
import statistics
import sys
import tempfile
import time


def measure(argv, prompt, env, timeout=30):
    """Starts `argv` on a fresh pseudo-terminal with `env` and returns (seconds until `prompt` appeared or None,
    the last bytes the terminal showed). Leaves with Ctrl-D, sent again until the process ends (a line editor
    that set up the terminal after the byte arrived may have flushed it), and kills it after 10 s.
    Benchmarks/harness.py uses it too."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    seen, elapsed = b"", None
    while time.perf_counter() < start + timeout:
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
    done = False
    for _ in range(100):
        try:
            os.write(fd, b"\x04")
        except OSError:
            pass
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                os.read(fd, 4096)
            except OSError:
                pass
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            done = True
            break
    if not done:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    os.close(fd)
    return elapsed, seen[-200:]


def main():
    args = [a for a in sys.argv[1:] if a != "--peer" and a != "sqlite3"]
    sift = args[0] if len(args) > 0 else ".build/release/sift"
    runs = int(args[1]) if len(args) > 1 else 30
    argv, prompt = (["/usr/bin/sqlite3"], b"sqlite> ") if "--peer" in sys.argv else ([sift], b"]> ")
    env = {"HOME": tempfile.mkdtemp(prefix="sift-startup-"), "TERM": "xterm", "LANG": "C.UTF-8",
           "PATH": "/usr/bin:/bin"}

    def once():
        elapsed, seen = measure(argv, prompt, env, timeout=10)
        if elapsed is None:
            sys.exit(f"no prompt within 10 s; the terminal showed: {seen!r}")
        return elapsed * 1000

    once()  # warm the page cache
    times = [once() for _ in range(runs)]
    print(f"runs {runs}")
    print(f"median_ms {statistics.median(times):.1f}")
    print(f"min_ms {min(times):.1f}")
    print(f"max_ms {max(times):.1f}")


if __name__ == "__main__":
    main()

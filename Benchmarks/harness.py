#!/usr/bin/env python3
"""The benchmark driver behind Benchmarks/run.sh: sift against the tools people would use instead.

Run it through `bash Benchmarks/run.sh [quick|full]` (which makes the venv and the release builds first), or,
once those exist, directly from the repository root:

    Benchmarks/.venv/bin/python Benchmarks/harness.py --mode quick [--deadline HH:MM] [--only SECTION,...]

It writes the data once, with fixed seeds, into Benchmarks/data/ (ignored by git), runs every section with
sift and each peer alternating (the order flips every repetition), each job in its own process under
/usr/bin/time -v (peak resident memory), and takes medians. After every section it rewrites the block between
the `bench:results` markers of BENCHMARKS.md: machine, date, command, load average, the figures, the ratios
sift/peer and the issue-8 targets with met/missed computed from the figures. Raw results go to
Benchmarks/data/results.json, which later runs extend: the block shows each case from the latest run that
measured it, and says which run that was. `tiny` (1k×10, 100 trials, one repetition) only checks the harness.

Sections (quick: the small sizes; full: everything):
  repl     time to the first prompt on a pty (sift vs python3), median of 20
  panel    `importance` on 2,000 runs x 20 params: sift's own `.timer` vs a scikit-learn forest fit
  csv      load of 100k x 50 (Benchmarks/csv/bench_csv.py's file): sift-bench csv vs pandas.read_csv
  e2e      Benchmarks/e2e/importance.sift run by `sift` vs Benchmarks/e2e/importance.py (whole process)
  fanova   100, 1,000 (+10,000 in full) trials: sift-bench fanova vs Optuna's FanovaImportanceEvaluator
  forest   1k x 10, 10k x 20 (+100k x 20, 100k x 50 in full): sift-bench forest fit vs scikit-learn and
           LightGBM rf, 100 trees, with R² (OOB; LightGBM: held-out)
"""
import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BENCH_DIR = os.path.join(ROOT, "Benchmarks")
DATA = os.path.join(BENCH_DIR, "data")
SIFT = os.path.join(ROOT, ".build", "release", "sift")
SIFT_BENCH = os.path.join(ROOT, ".build", "release", "sift-bench")
PY = sys.executable
PEERS = os.path.join(BENCH_DIR, "peers.py")
MARK_BEGIN = "<!-- bench:results:begin (written by Benchmarks/harness.py; edits here are overwritten) -->"
MARK_END = "<!-- bench:results:end -->"
TIMEOUT = 3600
REPS_CAP = {"value": None}  # --max-reps (tiny mode: 1), read by alternate()


class JobFailed(Exception):
    """A benchmark process exited with an error or timed out (then `stopped_after` holds the seconds)."""

    def __init__(self, message, stopped_after=None):
        super().__init__(message)
        self.stopped_after = stopped_after


# ---------------------------------------------------------------------------------------------------- data

def friedman_csv(n, p):
    """Benchmarks/forest/run.py's data: make_friedman1(n, p, noise=1.0, random_state=0), last column y."""
    path = os.path.join(DATA, f"forest_{n}x{p}.csv")
    if not os.path.exists(path):
        import pandas as pd
        from sklearn.datasets import make_friedman1
        X, y = make_friedman1(n_samples=n, n_features=p, noise=1.0, random_state=0)
        frame = pd.DataFrame(X, columns=[f"x{i}" for i in range(p)])
        frame["y"] = y
        frame.to_csv(path + ".tmp", index=False, float_format="%.10g")
        os.replace(path + ".tmp", path)
    return path


def fanova_csv(n):
    """Benchmarks/fanova/run.py's trials: make_friedman1(n, 10 params, noise=1.0, random_state=0), floats as repr."""
    path = os.path.join(DATA, f"fanova_{n}.csv")
    if not os.path.exists(path):
        from sklearn.datasets import make_friedman1
        X, y = make_friedman1(n_samples=n, noise=1.0, random_state=0)
        with open(path + ".tmp", "w") as f:
            f.write(",".join([f"x{i}" for i in range(10)] + ["y"]) + "\n")
            for row, value in zip(X, y):
                f.write(",".join(repr(float(a)) for a in list(row) + [value]) + "\n")
        os.replace(path + ".tmp", path)
    return path


def sweep_csv(rows):
    """Benchmarks/csv/bench_csv.py's sweep-like table (50 columns, seed 7), made by its own make_csv."""
    path = os.path.join(DATA, f"runs_{rows}x50.csv")
    if not os.path.exists(path):
        spec = importlib.util.spec_from_file_location("bench_csv", os.path.join(BENCH_DIR, "csv", "bench_csv.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.make_csv(path + ".tmp", rows, 7)
        os.replace(path + ".tmp", path)
    return path


# ---------------------------------------------------------------------------------------------- processes

def run_job(argv, cwd=ROOT, env=None, timeout=TIMEOUT):
    """Runs argv under /usr/bin/time -v: (stdout, stderr, wall seconds, peak RSS bytes, CPU seconds)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        # A session of its own, so a stopped job takes its children (time's child, worker processes) with it.
        proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", report.name] + argv, cwd=cwd, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise JobFailed(f"stopped after {timeout:.0f} s", timeout) from error
        wall = time.perf_counter() - start
        text = report.read()
    if proc.returncode != 0:
        tail = (stderr.strip().splitlines() or ["(no message)"])[0]
        raise JobFailed(f"{os.path.basename(argv[0])} {' '.join(argv[1:3])}: exit {proc.returncode}: {tail[:200]}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    user = re.search(r"User time \(seconds\): ([\d.]+)", text)
    system = re.search(r"System time \(seconds\): ([\d.]+)", text)
    cpu = (float(user.group(1)) if user else 0) + (float(system.group(1)) if system else 0)
    return stdout, stderr, wall, int(peak.group(1)) * 1024 if peak else None, cpu


def key_values(text):
    """sift-bench's `key=value` figures (any number of lines)."""
    return dict(item.split("=", 1) for item in text.split() if "=" in item)


def sift_bench(args):
    """One sift-bench process: its figures, with `peak` from /usr/bin/time."""
    out, _, wall, peak, cpu = run_job([SIFT_BENCH] + args)
    fields = key_values(out)
    return {"seconds": float(fields["seconds"]), "fields": fields, "peak": peak, "wall": wall, "cpu": cpu}


def peer(job, path, timeout=TIMEOUT):
    """One peer process (Benchmarks/peers.py): its JSON, with `peak` from /usr/bin/time."""
    out, _, wall, peak, cpu = run_job([PY, PEERS, job, path], timeout=timeout)
    result = json.loads(out.strip().splitlines()[-1])
    result.update(peak=peak, wall=wall, cpu=cpu)
    return result


def alternate(tools, reps):
    """Runs each tool `reps[name]` times, alternating (order reversed every other round); failures recorded."""
    if REPS_CAP["value"]:
        reps = {name: min(count, REPS_CAP["value"]) for name, count in reps.items()}
    runs = {name: [] for name in tools}
    errors = {}
    stopped = {}
    for round_ in range(max(reps.values())):
        order = list(tools) if round_ % 2 == 0 else list(reversed(tools))
        for name in order:
            if name in errors or round_ >= reps[name]:
                continue
            try:
                runs[name].append(tools[name]())
            except (JobFailed, KeyError, ValueError) as error:
                errors[name] = str(error)
                if getattr(error, "stopped_after", None):
                    stopped[name] = error.stopped_after
            print(f"    {name}: {runs[name][-1]['seconds']:.4f} s" if name not in errors else
                  f"    {name}: FAILED {errors[name]}", flush=True)
    for name, seconds in stopped.items():
        errors[name] = {"stopped_after": seconds}
    return runs, errors


def summary(runs, error, extra=()):
    """Median seconds, max peak memory, number of repetitions and the last run's `extra` fields."""
    if isinstance(error, dict):
        return {"error": f"stopped after {error['stopped_after']:.0f} s", "stopped_after": error["stopped_after"]}
    if error or not runs:
        return {"error": error or "not run"}
    out = {"seconds": statistics.median(r["seconds"] for r in runs), "reps": len(runs),
           "peak": max((r.get("peak") or 0) for r in runs), "cpu": statistics.median(r.get("cpu", 0) for r in runs)}
    for key in extra:
        out[key] = runs[-1].get(key)
    return out


# ------------------------------------------------------------------------------------------------ sections

def section_repl(cfg):
    """Time to the first prompt on a pseudo-terminal, fresh HOME (no rc file, no history), median of 20."""
    home = tempfile.mkdtemp(prefix="sift-bench-home-")
    env = {"HOME": home, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"}
    tools = {
        "sift": ([SIFT], b"]> "),
        "python3": ([PY, "-q"], b">>> "),
        "python3 + pandas, sklearn": ([PY, "-q", "-i", "-c", "import pandas, sklearn.ensemble"], b">>> "),
    }
    sqlite3 = shutil.which("sqlite3")
    if sqlite3:  # a libedit/readline shell that reads a start-up file, as Benchmarks/repl/first_prompt.py uses
        tools["sqlite3"] = ([sqlite3], b"sqlite> ")

    spec = importlib.util.spec_from_file_location("first_prompt", os.path.join(BENCH_DIR, "repl", "first_prompt.py"))
    timer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(timer)

    def first_prompt(argv, prompt):
        elapsed, seen = timer.measure(argv, prompt, env)
        if elapsed is None:
            raise JobFailed(f"no prompt {prompt!r} within 30 s; the terminal showed {seen!r}")
        return {"seconds": elapsed}

    for argv, prompt in tools.values():  # warm the page cache
        first_prompt(argv, prompt)
    runs, errors = alternate({name: (lambda a=argv, p=prompt: first_prompt(a, p)) for name, (argv, prompt)
                              in tools.items()}, {"sift": 20, "python3": 20, "python3 + pandas, sklearn": 5, "sqlite3": 20})
    shutil.rmtree(home, ignore_errors=True)
    return {name: summary(runs[name], errors.get(name)) for name in tools}


def section_panel(cfg):
    """`importance y` on 2,000 runs x 20 params: sift's statement time (`set timer = on`) vs scikit-learn."""
    path = friedman_csv(2000, 20)
    rel = os.path.relpath(path, ROOT)

    def sift_panel():
        _, err, wall, peak, cpu = run_job([SIFT, "-q", "--no-color", "-e", "set timer = on",
                                           "-e", f'load "{rel}" metrics y', "-e", "importance y"])
        times = [float(t) for t in re.findall(r"time: ([\d.]+) s", err)]
        if len(times) < 2:
            raise JobFailed(f"no timer lines on stderr: {err[-200:]!r}")
        return {"seconds": times[-1], "load_seconds": times[-2], "peak": peak, "wall": wall, "cpu": cpu}

    # The panel is short and single runs spread by ±20 % on a shared VM, so it gets more runs for a steadier
    # median; the peer's second-long fits vary less.
    runs, errors = alternate({"sift importance": sift_panel,
                              "sklearn RF fit": lambda: peer("forest-sklearn", path)}, {"sift importance": 15,
                                                                                         "sklearn RF fit": 7})
    return {"case": "2000x20", "sift importance": summary(runs["sift importance"], errors.get("sift importance"),
                                                          ["wall"]),
            "sklearn RF fit": summary(runs["sklearn RF fit"], errors.get("sklearn RF fit"), ["r2", "wall"])}


def section_csv(cfg):
    """Load of the 100k x 50 sweep table: sift-bench csv (one load per process) vs pandas.read_csv."""
    path = sweep_csv(100_000)
    tools = {"sift": lambda: sift_bench(["csv", path, "1"]), "pandas": lambda: peer("csv-pandas", path)}
    tools["sift"]()  # warm the page cache
    runs, errors = alternate(tools, {"sift": 5, "pandas": 5})
    return {"case": "100000x50", "bytes": os.path.getsize(path),
            **{name: summary(runs[name], errors.get(name)) for name in tools}}


def section_e2e(cfg):
    """Benchmarks/e2e/importance.sift by the real `sift` vs Benchmarks/e2e/importance.py: whole-process time."""
    sweep_csv(10_000)
    script = os.path.join(BENCH_DIR, "e2e", "importance.sift")
    python = os.path.join(BENCH_DIR, "e2e", "importance.py")

    def whole(argv):
        out, _, wall, peak, cpu = run_job(argv)
        return {"seconds": wall, "peak": peak, "cpu": cpu, "lines": len(out.splitlines())}

    tools = {"sift": lambda: whole([SIFT, "-q", "--no-color", script]),
             "pandas + sklearn": lambda: whole([PY, python])}
    runs, errors = alternate(tools, {"sift": 3, "pandas + sklearn": 3})
    return {"case": "10000x50", **{name: summary(runs[name], errors.get(name)) for name in tools}}


def section_fanova(cfg):
    """fANOVA importance: sift-bench fanova (64 trees, depth 64, the panel) vs Optuna's evaluator."""
    results = []
    for n in cfg["fanova"]:
        if past_deadline(cfg):
            results.append({"case": n, "skipped": "out of time"})
            continue
        print(f"  fanova {n} trials", flush=True)
        path = fanova_csv(n)
        tools = {"sift": lambda: sift_bench(["fanova", path, "y", "64", "1"]),
                 "optuna": lambda: peer("fanova-optuna", path, timeout=cfg["optuna_budget"])}
        # Optuna takes minutes from 1,000 trials on: once there, and stopped after the budget (a lower bound).
        runs, errors = alternate(tools, {"sift": 3 if n <= 1000 else 1, "optuna": 3 if n < 1000 else 1})
        sift = summary(runs["sift"], errors.get("sift"))
        if "error" not in sift:
            sift["top"] = runs["sift"][-1]["fields"].get("top", "")
        results.append({"case": n, "sift": sift, "optuna": summary(runs["optuna"], errors.get("optuna"), ["top"])})
        cfg["record"]("fanova", [dict(r) for r in results])
    return results


def section_forest(cfg):
    """Forest fit + importances, 100 trees: sift-bench forest fit vs scikit-learn and LightGBM rf."""
    results = []
    for n, p in cfg["forest"]:
        case = f"{n}x{p}"
        if past_deadline(cfg):
            results.append({"case": case, "skipped": "out of time"})
            continue
        print(f"  forest {case}", flush=True)
        path = friedman_csv(n, p)
        budget = cfg["sklearn_budget"]
        tools = {"sift": lambda: sift_forest(path), "lightgbm rf": lambda: peer("forest-lightgbm", path),
                 "sklearn": lambda: peer("forest-sklearn", path, timeout=budget)}
        big = n >= 100_000
        reps = {"sift": 3 if big else 5, "lightgbm rf": 3 if big else 5, "sklearn": 1 if big else 5}
        skipped = {}
        if case in cfg["skip"]:
            reps["sklearn"] = 0
            skipped["sklearn"] = "skipped (--skip): out of time"
        runs, errors = alternate({k: v for k, v in tools.items() if reps[k]}, {k: v for k, v in reps.items() if v})
        errors.update(skipped)
        results.append({"case": case, **{name: summary(runs.get(name, []), errors.get(name), ["r2", "r2_kind"])
                                         for name in tools}})
        cfg["record"]("forest", [dict(r) for r in results])
    return results


def sift_forest(path):
    result = sift_bench(["forest", path, "fit", "100", "1"])
    result["r2"] = float(result["fields"]["oob_r2"])
    result["r2_kind"] = "OOB"
    return result


SECTIONS = {"repl": section_repl, "panel": section_panel, "csv": section_csv, "e2e": section_e2e,
            "fanova": section_fanova, "forest": section_forest}


def case_order(case):
    """Forest cases `NxP` by size, fANOVA cases by trials."""
    c = case["case"]
    return tuple(int(v) for v in c.split("x")) if isinstance(c, str) else (c,)


def past_deadline(cfg):
    return cfg["deadline"] is not None and dt.datetime.now(dt.timezone.utc) >= cfg["deadline"]


# ------------------------------------------------------------------------------------------------- report

def machine():
    model = ""
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        model = next((line.split(":", 1)[1].strip() for line in lscpu.splitlines()
                      if line.startswith("Model name")), "")
    except OSError:
        pass
    memory = ""
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return {"cores": cores, "cpu": model or platform.processor(), "memory": memory,
            "os": platform.platform(), "python": platform.python_version()}


def versions():
    out = {}
    for name, module in [("numpy", "numpy"), ("pandas", "pandas"), ("scikit-learn", "sklearn"),
                         ("lightgbm", "lightgbm"), ("optuna", "optuna")]:
        try:
            out[name] = __import__(module).__version__
        except ImportError:
            out[name] = "missing"
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    out["swift"] = swift[0] if swift else "?"
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    out["sift commit"] = commit.stdout.strip()
    return out


def s(x):
    """Seconds for a table cell."""
    if x is None:
        return "–"
    if x < 0.1:
        return f"{x * 1000:.1f} ms"
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def mib(b):
    return f"{b / 2**20:.0f} MiB" if b else "–"


def ratio(sift, other):
    """sift's median over the peer's; below `-x` (an upper bound, returned negated) when the peer was stopped."""
    if "seconds" in sift and other.get("stopped_after"):
        return -sift["seconds"] / other["stopped_after"]
    if "seconds" not in sift or "seconds" not in other or not other["seconds"]:
        return None
    return sift["seconds"] / other["seconds"]


def rcell(r):
    if r is not None and r < 0:
        return "< " + rcell(-r)
    return "–" if r is None else (f"{r:.4f}" if r < 0.01 else f"{r:.3f}" if r < 10 else f"{r:.1f}")


def cell(entry, key="seconds"):
    if entry.get("stopped_after"):
        return f"> {s(entry['stopped_after'])} (stopped)"
    if "error" in entry:
        return f"not measured: {entry['error']}"
    return s(entry.get(key))


def run_of(entry):
    """' (run N)' for an entry that carries the index of the run that measured it."""
    return f" (run {entry['_run']})" if isinstance(entry, dict) and "_run" in entry else ""


def render(report):
    """The markdown block: machine, figures per section, targets."""
    cfg, res = report["config"], report["results"]
    m = report["machine"]
    runs = report["runs"]
    lines = [MARK_BEGIN, "",
             "Reproduce everything: `bash Benchmarks/run.sh full` (`quick`: the small sizes only). Each figure below "
             "is from the latest run that measured it; the runs are listed here, and every table says which run "
             "its figures come from.", "",
             f"Machine: {m['cores']} cores (`nproc`), {m['cpu']}, {m['memory']} RAM, {m['os']}.  ",
             "Versions: " + ", ".join(f"{k} {v}" for k, v in report["versions"].items()) + ".", "",
             "| run | started (UTC) | finished | command | load average (1 min) start → end | OpenMP wait |",
             "|---|---|---|---|---|---|"]
    for i, r in enumerate(runs, 1):
        lines.append(f"| {i} | {r['started']} | {r.get('finished', '(running)')} | `{r['command']}` | "
                     f"{r['load_start']} → {r.get('load_end', '–')} | "
                     f"{'passive' if r.get('omp_passive') else 'default'} |")
    if any(float(r["load_start"]) > float(m["cores"] or 1) for r in runs):
        lines += ["", "A load average above the core count means the machine was shared with other builds: absolute "
                  "times are inflated, and the alternation of sift and peers keeps the ratios fair only as far as "
                  "the load stayed even. OpenMP *passive* (`OMP_WAIT_POLICY=PASSIVE`, set automatically on a busy "
                  "machine): spinning OpenMP threads made LightGBM about ten times slower under that load."]
    lines += ["", "Times are medians over the repetitions (count in brackets), each job in its own process, sift and "
              "the peers alternating; *sift/peer* < 1 means sift is faster. Peak memory is the process's maximum "
              "resident set (`/usr/bin/time -v`), Python interpreter and imports included.", ""]

    if "forest" in res:
        lines += ["### Random forest, 100 trees: fit + importances", "",
                  "Data: `make_friedman1(n, p, noise=1, random_state=0)`; timing excludes reading the file. "
                  "sift: `sift-bench forest FILE fit 100` (fit + impurity importances, all cores). scikit-learn: "
                  "`RandomForestRegressor(n_estimators=100, n_jobs=-1, oob_score=True)`. LightGBM: "
                  "`LGBMRegressor(boosting_type=\"rf\", num_leaves=4095, bagging_fraction=0.632, bagging_freq=1, "
                  "feature_fraction=1.0, n_estimators=100, n_jobs=-1)`, other settings LightGBM's defaults "
                  "(min_child_samples=20). R² is out-of-bag for sift and scikit-learn; LightGBM has no out-of-bag "
                  "score, so its R² is held-out: an untimed fit on the first 80 % of the rows scored on the last 20 %.",
                  "", "| runs × params | tool | median | sift/tool | R² | peak memory |", "|---|---|---|---|---|---|"]
        for row in res["forest"]:
            if "skipped" in row:
                lines.append(f"| {row['case']} | all | skipped: {row['skipped']} | | | |")
                continue
            for tool in ["sift", "sklearn", "lightgbm rf"]:
                e = row[tool]
                if tool == "sift":
                    e = dict(e, _label=f"{row['case']}{run_of(row)}")
                r = None if tool == "sift" else ratio(row["sift"], e)
                r2 = f"{e['r2']:.4f} ({e.get('r2_kind')})" if e.get("r2") is not None else "–"
                reps = f" ({e['reps']})" if "reps" in e else ""
                lines.append(f"| {e.get('_label', row['case'])} | {tool} | {cell(e)}{reps} | {rcell(r) if tool != 'sift' else ''} "
                             f"| {r2} | {mib(e.get('peak'))} |")
        lines.append("")

    if "fanova" in res:
        lines += ["### fANOVA importance", "",
                  "Trials: Friedman #1 (`make_friedman1(n, noise=1, random_state=0)`, 10 float params in [0, 1]). "
                  "Optuna: `get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=0))` (64 trees, "
                  "depth 64), study building untimed. sift: `sift-bench fanova FILE y 64`, the whole `using fanova` "
                  "panel (forest of 64 trees of depth ≤ 64, decomposition, pairwise interactions, correlations).", "",
                  "| trials | tool | median | sift/Optuna | peak memory | top 3 |", "|---|---|---|---|---|---|"]
        for row in res["fanova"]:
            if "skipped" in row:
                lines.append(f"| {row['case']:,} | all | skipped: {row['skipped']} | | | |")
                continue
            for tool in ["sift", "optuna"]:
                e = row[tool]
                reps = f" ({e['reps']})" if "reps" in e else ""
                top = ", ".join((e.get("top") or "").split(",")[:3])
                label = f"{row['case']:,}{run_of(row)}" if tool == "sift" else f"{row['case']:,}"
                lines.append(f"| {label} | {tool} | {cell(e)}{reps} | "
                             f"{rcell(ratio(row['sift'], row['optuna'])) if tool == 'optuna' else ''} | "
                             f"{mib(e.get('peak'))} | {top} |")
        lines.append("")

    if "csv" in res:
        row = res["csv"]
        lines += ["### CSV load", "",
                  f"`Benchmarks/csv/bench_csv.py`'s sweep table: 100,000 runs × 50 columns "
                  f"({row['bytes'] / 1e6:.1f} MB; names, states, categoricals, floats, missing cells), seed 7. "
                  "sift: `sift-bench csv FILE 1` (`RunLoader.load`, one load per process); pandas: `pandas.read_csv`.",
                  f"Run {row.get('_run', '?')}.", "", "| tool | median | sift/tool | peak memory |", "|---|---|---|---|"]
        for tool in ["sift", "pandas"]:
            e = row[tool]
            reps = f" ({e['reps']})" if "reps" in e else ""
            lines.append(f"| {tool} | {cell(e)}{reps} | {rcell(ratio(row['sift'], e)) if tool != 'sift' else ''} "
                         f"| {mib(e.get('peak'))} |")
        lines.append("")

    if "e2e" in res:
        row = res["e2e"]
        lines += ["### End to end: load → filter → importance", "",
                  "`Benchmarks/e2e/importance.sift` run by the release `sift` executable against "
                  "`Benchmarks/e2e/importance.py` (pandas + scikit-learn: the same filter, a 100-tree "
                  "forest, importances per param and correlations), on the same 10,000-run sweep table. "
                  "Whole-process wall time: start-up, imports, load, filter, fit, printing. "
                  f"Run {row.get('_run', '?')}.", "",
                  "| tool | median | sift/tool | peak memory |", "|---|---|---|---|"]
        for tool in ["sift", "pandas + sklearn"]:
            e = row[tool]
            reps = f" ({e['reps']})" if "reps" in e else ""
            lines.append(f"| {tool} | {cell(e)}{reps} | {rcell(ratio(row['sift'], e)) if tool != 'sift' else ''} "
                         f"| {mib(e.get('peak'))} |")
        lines.append("")

    if "repl" in res or "panel" in res:
        lines += ["### Interactive latency", "",
                  "REPL start-up: from spawning the process on a pseudo-terminal (fresh HOME, no rc file) until the "
                  "prompt text appears (`]> ` for sift, `>>> ` for Python, `sqlite> ` for sqlite3), median of 20 (of 5 for Python with the imports). Panel: `importance y` on "
                  "`make_friedman1(2000, 20)` as the statement time sift prints with `set timer = on` (`sift -e`), "
                  "against a scikit-learn forest fit (100 trees, all cores) on the same file. "
                  f"Runs: REPL {res.get('repl', {}).get('_run', '–')}, panel {res.get('panel', {}).get('_run', '–')}.",
                  "",
                  "| work | tool | median | sift/tool | peak memory |", "|---|---|---|---|---|"]
        if "repl" in res:
            for tool, e in res["repl"].items():
                if tool.startswith("_"):
                    continue
                reps = f" ({e['reps']})" if "reps" in e else ""
                lines.append(f"| REPL first prompt | {tool} | {cell(e)}{reps} | "
                             f"{rcell(ratio(res['repl']['sift'], e)) if tool != 'sift' else ''} | – |")
        if "panel" in res:
            row = res["panel"]
            for tool in ["sift importance", "sklearn RF fit"]:
                e = row[tool]
                reps = f" ({e['reps']})" if "reps" in e else ""
                lines.append(f"| importance 2,000 × 20 | {tool} | {cell(e)}{reps} | "
                             f"{rcell(ratio(row['sift importance'], e)) if tool != 'sift importance' else ''} | "
                             f"{mib(e.get('peak'))} |")
        lines.append("")

    lines += ["### Targets (issue 8)", "",
              "Computed from the figures above by the harness; *not measured* where this run did not produce the "
              "figure.", "", "| work | target | measured | result |", "|---|---|---|---|"]
    for work, target, measured, verdict in targets(res):
        lines.append(f"| {work} | {target} | {measured} | {verdict} |")
    lines += ["", MARK_END]
    return "\n".join(lines)


def targets(res):
    """(work, target, measured, met/missed/not measured) for every target of issue 8."""
    rows = []

    def within(r, limit):
        if r is None:
            return None
        if r < 0:  # an upper bound: the peer was stopped
            return True if -r <= limit else None
        return r <= limit

    def verdict(ok):
        return "not measured" if ok is None else ("**met**" if ok else "**missed**")

    def forest_row(case):
        return next((r for r in res.get("forest", []) if r["case"] == case and "skipped" not in r), None)

    def r2_check(row):
        if not row or "r2" not in row["sift"] or "r2" not in row["sklearn"] or row["sklearn"].get("r2") is None:
            return None, "–"
        d = row["sift"]["r2"] - row["sklearn"]["r2"]
        return d >= -0.01, f"OOB R² sift − sklearn = {d:+.4f}"

    for case, label in [("10000x20", "forest 100 trees, 10k×20"), ("100000x50", "forest 100 trees, 100k×50")]:
        row = forest_row(case)
        if case == "10000x20":
            r = ratio(row["sift"], row["sklearn"]) if row else None
            rows.append((label, "≤ 0.1 × scikit-learn", rcell(r) + " ×" if r is not None else "–",
                         verdict(within(r, 0.1))))
        r = ratio(row["sift"], row["lightgbm rf"]) if row else None
        rows.append((label, "≤ 0.5 × LightGBM rf (num_leaves 4095)", rcell(r) + " ×" if r is not None else "–",
                     verdict(within(r, 0.5))))
        if case == "100000x50":
            peak = row["sift"].get("peak") if row else None
            rows.append((label, "peak memory < 2 GiB", mib(peak), verdict(None if not peak else peak < 2 * 2**30)))
        ok, text = r2_check(row)
        rows.append((label, "OOB R² not below scikit-learn's by more than 0.01", text, verdict(ok)))

    fan = {r["case"]: r for r in res.get("fanova", []) if "skipped" not in r}
    r = ratio(fan[1000]["sift"], fan[1000]["optuna"]) if 1000 in fan else None
    rows.append(("fANOVA, 1,000 trials", "≤ 0.02 × Optuna", rcell(r) + " ×" if r is not None else "–",
                 verdict(within(r, 0.02))))
    t = fan[10000]["sift"].get("seconds") if 10000 in fan else None
    rows.append(("fANOVA, 10,000 trials", "< 10 s", s(t), verdict(None if t is None else t < 10)))

    csv = res.get("csv")
    r = ratio(csv["sift"], csv["pandas"]) if csv else None
    rows.append(("CSV load 100k×50", "≤ 1 × pandas", rcell(r) + " ×" if r is not None else "–",
                 verdict(within(r, 1))))

    t = res.get("repl", {}).get("sift", {}).get("seconds")
    rows.append(("REPL start-up", "< 50 ms", s(t), verdict(None if t is None else t < 0.05)))
    t = res.get("panel", {}).get("sift importance", {}).get("seconds")
    rows.append(("panel on 2,000 runs × 20 params", "< 100 ms", s(t), verdict(None if t is None else t < 0.1)))
    return rows


def write_markdown(report):
    path = os.path.join(ROOT, "BENCHMARKS.md")
    block = render(report)
    text = open(path).read() if os.path.exists(path) else "# Benchmarks\n\n"
    if MARK_BEGIN.split(" (")[0] in text and MARK_END in text:
        start = text.index(MARK_BEGIN.split(" (")[0])
        end = text.index(MARK_END) + len(MARK_END)
        text = text[:start] + block + text[end:]
    else:
        text = text.rstrip("\n") + "\n\n## Latest figures\n\n" + block + "\n"
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def load1():
    return os.getloadavg()[0].__format__(".1f")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=["quick", "full", "tiny"], default="quick")
    ap.add_argument("--only", default="", help="comma-separated sections (default: all)")
    ap.add_argument("--skip", default="", help="forest cases whose scikit-learn fit is skipped, e.g. 100000x50")
    ap.add_argument("--optuna-budget", type=float, default=900,
                    help="seconds after which an Optuna fANOVA job is stopped and recorded as a lower bound (default 900)")
    ap.add_argument("--sklearn-budget", type=float, default=TIMEOUT,
                    help="seconds after which a scikit-learn forest fit is stopped and recorded as a lower bound")
    ap.add_argument("--deadline", default=None, help="HH:MM UTC: cases not started by then are skipped")
    ap.add_argument("--no-write", action="store_true", help="do not touch BENCHMARKS.md nor results.json")
    ap.add_argument("--cases", default="", help="only these forest/fANOVA cases, e.g. 100000x20,100000x50,10000")
    ap.add_argument("--max-reps", type=int, default=None, help="at most this many repetitions (tiny: 1)")
    ap.add_argument("--fresh", action="store_true", help="forget the figures of earlier runs (results.json)")
    ap.add_argument("--omp-passive", choices=["auto", "on", "off"], default="auto",
                    help="OMP_WAIT_POLICY=PASSIVE for every job (auto: when the load average exceeds the cores)")
    args = ap.parse_args()

    forest = {"tiny": [(1000, 10)], "quick": [(1000, 10), (10000, 20)],
              "full": [(1000, 10), (10000, 20), (100000, 20), (100000, 50)]}[args.mode]
    fanova = {"tiny": [100], "quick": [100, 1000], "full": [100, 1000, 10000]}[args.mode]
    if args.cases:
        wanted = set(args.cases.split(","))
        forest = [c for c in forest if f"{c[0]}x{c[1]}" in wanted]
        fanova = [n for n in fanova if str(n) in wanted]
    deadline = None
    if args.deadline:
        hh, mm = (int(v) for v in args.deadline.split(":"))
        now = dt.datetime.now(dt.timezone.utc)
        deadline = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
    command = f"bash Benchmarks/run.sh {args.mode}" + "".join(
        f" --{k} {v}" for k, v in [("only", args.only), ("cases", args.cases), ("skip", args.skip),
                                       ("deadline", args.deadline),
                                       ("optuna-budget", args.optuna_budget if args.optuna_budget != 900 else None),
                                       ("sklearn-budget", args.sklearn_budget if args.sklearn_budget != TIMEOUT else None)]
        if v)
    cfg = {"mode": args.mode, "forest": forest, "fanova": fanova, "skip": set(filter(None, args.skip.split(","))),
           "deadline": deadline, "command": command, "optuna_budget": args.optuna_budget,
           "sklearn_budget": args.sklearn_budget}
    os.makedirs(DATA, exist_ok=True)
    # OpenMP threads spin while they wait; on a machine already busier than its cores, LightGBM then spends
    # most of its time spinning against the other load (1k×10 went from 2.5 s to 30 s). Passive waiting keeps
    # the peers' figures meaningful on a shared machine; the report says when it was on.
    passive = args.omp_passive == "on" or (args.omp_passive == "auto" and os.getloadavg()[0] > (os.cpu_count() or 1))
    if passive:
        os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
    REPS_CAP["value"] = args.max_reps or (1 if args.mode == "tiny" else None)
    results_path = os.path.join(DATA, "results.json")
    report = {"runs": [], "results": {}}
    if os.path.exists(results_path) and not args.fresh:
        with open(results_path) as f:
            report = json.load(f)
    report.update(config={"mode": args.mode, "command": command}, machine=machine(), versions=versions())
    this = {"started": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M"), "command": command,
            "load_start": load1(), "omp_passive": passive}
    report["runs"].append(this)
    number = len(report["runs"])
    earlier = {name: list(value) if isinstance(value, list) else value for name, value in report["results"].items()}

    def record(name, result):
        """Merges a section's (or its first cases') figures into the report, then saves and writes it."""
        if isinstance(result, list):  # per case: keep the other cases of earlier runs
            for case in result:
                case["_run"] = number
            kept = [c for c in earlier.get(name, []) if c["case"] not in {r["case"] for r in result}]
            result = sorted(kept + result, key=case_order)
        else:
            result["_run"] = number
        report["results"][name] = result
        this["load_end"] = load1()
        this["finished"] = dt.datetime.now(dt.timezone.utc).strftime("%H:%M")
        if args.no_write:
            return
        with open(results_path + ".tmp", "w") as f:
            json.dump(report, f, indent=1, default=str)
        os.replace(results_path + ".tmp", results_path)
        write_markdown(report)

    cfg["record"] = record
    only = [x for x in args.only.split(",") if x] or list(SECTIONS)
    for name in only:
        print(f"== {name} (load {load1()})", flush=True)
        record(name, SECTIONS[name](cfg))
    for work, target, measured, verdict in targets(report["results"]):
        print(f"{work:34} {target:48} {measured:32} {verdict}")


if __name__ == "__main__":
    main()

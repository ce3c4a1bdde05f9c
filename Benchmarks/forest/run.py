#!/usr/bin/env python3
"""Random forest benchmark: sift vs scikit-learn vs LightGBM (random-forest mode) on the same files.

Run from the repository root (builds sift-bench in release first):

    swift build -c release --product sift-bench
    python3 Benchmarks/forest/run.py                 # 1k×10 and 10k×20, 5 repetitions
    python3 Benchmarks/forest/run.py --big           # also 100k×20 and 100k×50 (minutes for scikit-learn)
    python3 Benchmarks/forest/run.py --cases 10000x20 --reps 3

Data: scikit-learn's make_friedman1(n, p, noise=1.0, random_state=0) written once to Benchmarks/data/
(ignored by git). Every tool fits 100 trees on the same file; each repetition runs the tools one after the
other in separate processes (alternating), timing only the fit (+ importances) inside the process, not the
file load. Reported: median seconds, ratio sift/peer, OOB R² (LightGBM has no out-of-bag score: n/a) and
peak resident memory.

Peers: RandomForestRegressor(n_estimators=100, n_jobs=-1, oob_score=True, random_state=0);
LightGBM boosting="rf", num_leaves=4095, bagging_fraction=0.632, bagging_freq=1, min_data_in_leaf=1,
num_iterations=100, num_threads=0 (all cores). sift: `sift-bench forest FILE fit 100` (fit + impurity
importances, no noise columns) and `... panel 100` (the whole panel: noise columns, intervals, correlations).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Benchmarks", "data")
SIFT = os.path.join(ROOT, ".build", "release", "sift-bench")

SKLEARN = r"""
import json, resource, sys, time
import numpy as np, pandas as pd
from sklearn.ensemble import RandomForestRegressor
d = pd.read_csv(sys.argv[1]); X = d.iloc[:, :-1].to_numpy(); y = d.iloc[:, -1].to_numpy()
t = time.perf_counter()
rf = RandomForestRegressor(n_estimators=100, n_jobs=-1, oob_score=True, random_state=0).fit(X, y)
_ = rf.feature_importances_
s = time.perf_counter() - t
print(json.dumps({"seconds": s, "oob_r2": rf.oob_score_, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""

LIGHTGBM = r"""
import json, resource, sys, time
import numpy as np, pandas as pd
import lightgbm as lgb
d = pd.read_csv(sys.argv[1]); X = d.iloc[:, :-1].to_numpy(); y = d.iloc[:, -1].to_numpy()
t = time.perf_counter()
params = dict(boosting="rf", objective="regression", num_leaves=4095, bagging_fraction=0.632, bagging_freq=1,
              feature_fraction=1.0, min_data_in_leaf=1, min_sum_hessian_in_leaf=0, max_bin=255, num_threads=0,
              verbose=-1, seed=0)
b = lgb.train(params, lgb.Dataset(X, y), num_boost_round=100)
_ = b.feature_importance("gain")
s = time.perf_counter() - t
print(json.dumps({"seconds": s, "oob_r2": None, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def ensure_data(n, p):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, f"forest_{n}x{p}.csv")
    if not os.path.exists(path):
        from sklearn.datasets import make_friedman1
        import pandas as pd
        X, y = make_friedman1(n_samples=n, n_features=p, noise=1.0, random_state=0)
        df = pd.DataFrame(X, columns=[f"x{i}" for i in range(p)])
        df["y"] = y
        df.to_csv(path, index=False, float_format="%.10g")
    return path


def run_python(code, path):
    out = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_sift(path, mode):
    out = subprocess.run([SIFT, "forest", path, mode, "100", "1"], capture_output=True, text=True, check=True)
    kv = dict(item.split("=", 1) for item in out.stdout.split())
    r2 = float(kv["oob_r2"])
    return {"seconds": float(kv["seconds"]), "oob_r2": r2, "peak": int(kv["peak_rss_bytes"])}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", default="1000x10,10000x20")
    ap.add_argument("--big", action="store_true", help="add 100000x20 and 100000x50")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--no-sklearn", action="store_true")
    args = ap.parse_args()
    try:
        import lightgbm  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "lightgbm"], check=True)
    cases = [tuple(int(v) for v in c.split("x")) for c in args.cases.split(",") if c]
    if args.big:
        cases += [(100000, 20), (100000, 50)]
    tools = {
        "sift fit": lambda path: run_sift(path, "fit"),
        "sift panel": lambda path: run_sift(path, "panel"),
        "lightgbm rf": lambda path: run_python(LIGHTGBM, path),
    }
    if not args.no_sklearn:
        tools["sklearn"] = lambda path: run_python(SKLEARN, path)
    print(f"{'case':>10} {'tool':>12} {'median s':>9} {'oob R2':>8} {'peak MiB':>9}")
    for n, p in cases:
        path = ensure_data(n, p)
        reps = args.reps if n * p <= 200_000 else 1
        results = {t: [] for t in tools}
        for _ in range(reps):
            for name, fn in tools.items():
                results[name].append(fn(path))
        med = {}
        for name, rs in results.items():
            med[name] = statistics.median(r["seconds"] for r in rs)
            r2 = rs[-1]["oob_r2"]
            r2s = f"{r2:.4f}" if r2 is not None else "n/a"
            print(f"{n}x{p:>4} {name:>12} {med[name]:9.3f} {r2s:>8} {max(r['peak'] for r in rs) / 2**20:9.0f}")
        for peer in ("sklearn", "lightgbm rf"):
            if peer in med:
                print(f"{'':>10} sift fit / {peer} = {med['sift fit'] / med[peer]:.3f}"
                      f"   sift panel / {peer} = {med['sift panel'] / med[peer]:.3f}")
        if "sklearn" in results:
            d = results["sift fit"][-1]["oob_r2"] - results["sklearn"][-1]["oob_r2"]
            print(f"{'':>10} OOB R² sift fit − sklearn = {d:+.4f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

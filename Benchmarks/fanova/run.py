#!/usr/bin/env python3
"""fANOVA: sift vs Optuna's FanovaImportanceEvaluator, side by side on the same trials.

Run from the repository root:
    swift build -c release --product sift-bench
    python3 Benchmarks/fanova/run.py [N ...]          # default: 100 1000; add 10000 (Optuna takes minutes)
    python3 Benchmarks/fanova/run.py --sift-only 10000

For each N: a study of N trials of Friedman #1 (10 float params in [0, 1], sklearn.datasets.make_friedman1,
noise 1, random_state 0) is built with optuna.trial.create_trial; Optuna's evaluator (64 trees, depth 64,
seed 0) is timed once on it; the same trials are written to a CSV and `sift-bench fanova` times sift's
panel (fit of a 64-tree forest of depth ≤ 64 + decomposition + interactions + correlations) on them.
Prints one line per N with both times, the ratio, and each side's top-5.
"""
import os
import subprocess
import sys
import tempfile
import time

import optuna
from optuna.distributions import FloatDistribution
from optuna.importance import FanovaImportanceEvaluator, get_param_importances
from sklearn.datasets import make_friedman1

optuna.logging.set_verbosity(optuna.logging.ERROR)
BENCH = os.path.join(".build", "release", "sift-bench")


def study_of(n):
    X, y = make_friedman1(n_samples=n, noise=1.0, random_state=0)
    dists = {f"x{i}": FloatDistribution(0.0, 1.0) for i in range(10)}
    study = optuna.create_study()
    study.add_trials([optuna.trial.create_trial(params={f"x{i}": float(r[i]) for i in range(10)},
                                                distributions=dists, value=float(v)) for r, v in zip(X, y)])
    return study, X, y


def main():
    args = sys.argv[1:]
    sift_only = "--sift-only" in args
    sizes = [int(a) for a in args if a.isdigit()] or [100, 1000]
    print(f"optuna {optuna.__version__}; machine: {os.cpu_count()} cores")
    for n in sizes:
        study, X, y = study_of(n)
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write(",".join([f"x{i}" for i in range(10)] + ["y"]) + "\n")
            for r, v in zip(X, y):
                f.write(",".join(repr(float(a)) for a in list(r) + [v]) + "\n")
            path = f.name
        out = subprocess.run([BENCH, "fanova", path, "y", "64", "3"], capture_output=True, text=True, check=True)
        fields = dict(kv.split("=", 1) for line in out.stdout.splitlines() for kv in line.split())
        sift = float(fields["seconds"])
        line = (f"n={n} sift={sift:.3f}s cpu={float(fields['cpu_seconds']):.3f}s (fit {float(fields['fit_seconds']):.3f}s, decomposition "
                f"{float(fields['decompose_seconds']):.3f}s) sift_top={fields['top']}")
        if not sift_only:
            start = time.perf_counter()
            imp = get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=0))
            optuna_s = time.perf_counter() - start
            top = ",".join(f"{k}:{v:.3f}" for k, v in list(imp.items())[:5])
            line += f" optuna={optuna_s:.3f}s ratio={sift / optuna_s:.4f} optuna_top={top}"
        print(line, flush=True)
        os.unlink(path)


if __name__ == "__main__":
    main()

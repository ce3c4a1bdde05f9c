#!/usr/bin/env python3
"""CSV load benchmark: sift's loader against pandas.read_csv on the same file, in one run.

Run from the repository root:

    swift build -c release --product sift-bench
    python3 Benchmarks/csv/bench_csv.py            # 100,000 runs x 50 columns, seed 7

It writes Benchmarks/data/runs_100000x50.csv (git-ignored) once, with a fixed seed, then times
`pandas.read_csv` (median of 5) and `.build/release/sift-bench csv FILE 5` (median of 5 loads in one
process), and prints both with their ratio and the table's memory next to the file's size.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def make_csv(path, rows, seed):
    """A sweep-like table: meta columns, numeric and categorical params, metrics, some missing cells."""
    rng = np.random.default_rng(seed)
    cols = {}
    cols["name"] = [f"sweep-{i // 1000}/run-{i:06d}" for i in range(rows)]
    cols["state"] = rng.choice(["finished", "crashed", "failed", "running"], rows, p=[0.85, 0.08, 0.05, 0.02])
    cols["created"] = 1764000000 + np.arange(rows) * 37
    cols["runtime"] = rng.integers(30, 90000, rows)
    cols["optimizer"] = rng.choice(["adam", "adamw", "sgd", "rmsprop"], rows)
    cols["activation"] = rng.choice(["relu", "gelu", "silu"], rows)
    cols["scheduler"] = rng.choice(["cosine", "linear", "constant", "step"], rows)
    cols["batch_size"] = rng.choice([16, 32, 64, 128, 256], rows)
    cols["layers"] = rng.integers(1, 12, rows)
    cols["width"] = rng.choice([128, 256, 512, 1024], rows)
    cols["seed"] = rng.integers(0, 5, rows)
    cols["epochs"] = rng.integers(5, 100, rows)
    # 28 float params: log-uniform and uniform, full repr precision as Python writes them.
    for j in range(28):
        if j % 2 == 0:
            cols[f"p{j:02d}_lr"] = 10 ** rng.uniform(-6, -1, rows)
        else:
            cols[f"p{j:02d}_frac"] = rng.uniform(0, 1, rows)
    momentum = rng.uniform(0.5, 0.99, rows)
    momentum[cols["optimizer"] != "sgd"] = np.nan  # conditional param: missing unless SGD
    cols["momentum"] = momentum
    # 9 metrics, some missing (crashed runs) and a few NaN/inf.
    crashed = cols["state"] != "finished"
    for name in ["val_loss", "val_acc", "train_loss", "train_acc", "test_loss", "test_acc", "f1", "auc", "perplexity"]:
        x = rng.normal(1.0, 0.3, rows)
        x[crashed & (rng.uniform(size=rows) < 0.7)] = np.nan
        cols[name] = x
    df = pd.DataFrame(cols)
    assert df.shape[1] == 50, df.shape
    df.to_csv(path, index=False)


def time_pandas(path, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        df = pd.read_csv(path)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), df


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--bench", default=os.path.join(ROOT, ".build", "release", "sift-bench"))
    args = ap.parse_args()

    data = os.path.join(ROOT, "Benchmarks", "data")
    os.makedirs(data, exist_ok=True)
    path = os.path.join(data, f"runs_{args.rows}x50.csv")
    if not os.path.exists(path):
        make_csv(path, args.rows, args.seed)
    size = os.path.getsize(path)

    pandas_s, df = time_pandas(path, args.repeats)
    pandas_mem = int(df.memory_usage(deep=True).sum())

    out = subprocess.run([args.bench, "csv", path, str(args.repeats)], check=True, capture_output=True, text=True)
    fields = dict(kv.split("=", 1) for kv in out.stdout.split())
    sift_s = float(fields["seconds"])

    print(f"file         {path} ({size / 1e6:.1f} MB, {args.rows} rows x 50 columns)")
    print(f"pandas       {pandas_s:.3f} s  (median of {args.repeats}; pandas {pd.__version__}, memory {pandas_mem / 1e6:.1f} MB)")
    print(f"sift         {sift_s:.3f} s  (median of {args.repeats}; table {int(fields['table_bytes']) / 1e6:.1f} MB"
          f" = {int(fields['table_bytes']) / size:.2f} x file)")
    print(f"ratio        sift is {pandas_s / sift_s:.2f} x as fast as pandas.read_csv")


if __name__ == "__main__":
    sys.exit(main())

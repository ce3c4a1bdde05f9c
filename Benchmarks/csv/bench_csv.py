#!/usr/bin/env python3
"""CSV load benchmark: sift's loader against pandas.read_csv on the same file, in one run.

Run from the repository root:

    swift build -c release --product sift-bench
    python3 Benchmarks/csv/bench_csv.py            # 100,000 runs x 50 columns, seed 7

It writes Benchmarks/data/runs_100000x50.csv (git-ignored) once, with a fixed seed, then alternates
`pandas.read_csv` (in this process) and `.build/release/sift-bench csv FILE 1` (a fresh process per load,
timing only the load), 5 times each after one warm-up each, and prints the medians of wall-clock and CPU
time, their ratios, and the table's memory next to the file's size.
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


def time_pandas(path):
    """One pandas.read_csv: (wall seconds, CPU seconds, frame)."""
    c0, t0 = time.process_time(), time.perf_counter()
    df = pd.read_csv(path)
    return time.perf_counter() - t0, time.process_time() - c0, df


def time_sift(bench, path):
    """One load in a fresh sift-bench process: (wall seconds, CPU seconds, figures)."""
    out = subprocess.run([bench, "csv", path, "1"], check=True, capture_output=True, text=True)
    fields = dict(kv.split("=", 1) for kv in out.stdout.split())
    return float(fields["seconds"]), float(fields["cpu_seconds"]), fields


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

    # Alternate the two readers so both see the same machine load; one warm-up each (page cache).
    time_pandas(path)
    time_sift(args.bench, path)
    p_wall, p_cpu, s_wall, s_cpu = [], [], [], []
    for _ in range(args.repeats):
        w, c, df = time_pandas(path)
        p_wall.append(w)
        p_cpu.append(c)
        w, c, fields = time_sift(args.bench, path)
        s_wall.append(w)
        s_cpu.append(c)
    med = statistics.median
    pandas_mem = int(df.memory_usage(deep=True).sum())
    table = int(fields["table_bytes"])

    print(f"file     {os.path.relpath(path, ROOT)}: {size / 1e6:.1f} MB, {args.rows} rows x 50 columns (seed {args.seed})")
    print(f"pandas   {med(p_wall):.3f} s wall, {med(p_cpu):.3f} s CPU  (median of {args.repeats}; pandas {pd.__version__}; "
          f"frame {pandas_mem / 1e6:.1f} MB)")
    print(f"sift     {med(s_wall):.3f} s wall, {med(s_cpu):.3f} s CPU  (median of {args.repeats}; "
          f"table {table / 1e6:.1f} MB = {table / size:.2f} x the file)")
    print(f"ratio    pandas/sift: {med(p_wall) / med(s_wall):.2f} x wall, {med(p_cpu) / med(s_cpu):.2f} x CPU")
    print(f"all      pandas wall {[round(x, 3) for x in p_wall]}  sift wall {[round(x, 3) for x in s_wall]}")


if __name__ == "__main__":
    sys.exit(main())

"""How often a pure-noise param clears the noise baseline of sift's importance panels (docs/statistics.md,
"Forest importance"). Not a fixture: a measurement, rerun after changing a baseline or the forest.

    python3 scripts/reference/stats/noise_calibration.py [SIFT] [METHOD ...]

SIFT defaults to .build/release/sift; methods default to forest and fanova. Needs numpy, pandas and
scikit-learn (Benchmarks/.venv has them). Two sets:
- Friedman #1: make_friedman1(n=1000, 10 features, noise=1.0, random_state=1..10) x sift seeds 0..2;
  x5..x9 are pure noise. Also counts panels where some of x0..x4 ranks at or under some of x5..x9.
- null: y = 2 x0 + 0.5 [cat0 == b] + N(0, 0.3); z1..z4 uniform, z5 log-uniform, z6 categorical, all pure
  noise; n = 500 and 2000, 10 data sets each.
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from sklearn.datasets import make_friedman1

SIFT = sys.argv[1] if len(sys.argv) > 1 else ".build/release/sift"
METHODS = sys.argv[2:] or ["forest", "fanova"]
WORK = tempfile.mkdtemp(prefix="sift-noise-")


def panel(path, statements):
    out = subprocess.run([SIFT, "-q", "--format", "json"] + sum((["-e", s] for s in statements), []),
                         capture_output=True, text=True, check=True).stdout
    return {q["name"]: q for q in json.loads(out.splitlines()[0])["params"]}


def friedman():
    above, panels, rank = collections.Counter(), collections.Counter(), collections.Counter()
    for rs in range(1, 11):
        X, y = make_friedman1(n_samples=1000, n_features=10, noise=1.0, random_state=rs)
        frame = pd.DataFrame({f"x{i}": X[:, i] for i in range(10)})
        frame["y"] = y
        path = os.path.join(WORK, f"friedman{rs}.csv")
        frame.to_csv(path, index=False, float_format="%.17g")
        for seed in range(3):
            for m in METHODS:
                imp = panel(path, [f'load "{path}" metrics y', f"importance y using {m} seed {seed}"])
                flagged = [k for k in ["x5", "x6", "x7", "x8", "x9"] if not imp[k]["below_noise"]]
                above[m] += len(flagged)
                panels[m] += bool(flagged)
                if min(imp[f"x{i}"]["importance"] for i in range(5)) <= \
                        max(imp[f"x{i}"]["importance"] for i in range(5, 10)):
                    rank[m] += 1
    for m in METHODS:
        print(f"friedman {m:11s}: noise params above the bar {above[m]}/150 ({above[m] / 150:.1%}); "
              f"panels with any {panels[m]}/30; rank failures {rank[m]}/30")


def null(n, sets=10):
    above, panels = collections.Counter(), collections.Counter()
    for ds in range(sets):
        rng = np.random.default_rng(1000 + ds)
        frame = pd.DataFrame({"x0": rng.uniform(0, 1, n), "cat0": rng.choice(["a", "b", "c"], n)})
        for i in range(1, 5):
            frame[f"z{i}"] = rng.uniform(0, 1, n)
        frame["z5"] = 10 ** rng.uniform(-5, -1, n)
        frame["z6"] = rng.choice(["u", "v", "w"], n)
        frame["loss"] = 2 * frame.x0 + (frame.cat0 == "b") * 0.5 + rng.normal(0, 0.3, n)
        path = os.path.join(WORK, f"null{n}_{ds}.csv")
        frame.to_csv(path, index=False, float_format="%.17g")
        for m in METHODS:
            imp = panel(path, [f'load "{path}"', f"importance loss using {m}"])
            flagged = [z for z in ["z1", "z2", "z3", "z4", "z5", "z6"] if not imp[z]["below_noise"]]
            above[m] += len(flagged)
            panels[m] += bool(flagged)
    for m in METHODS:
        print(f"null n={n} {m:11s}: noise params above the bar {above[m]}/{6 * sets} "
              f"({above[m] / (6 * sets):.1%}); panels with any {panels[m]}/{sets}")


if __name__ == "__main__":
    friedman()
    null(500)
    null(2000)

#!/usr/bin/env python3
"""Reference correlations from SciPy for sift's correlation tests.

Run from the repository root:
    python3 scripts/reference/stats/make_correlation_fixtures.py
Writes Tests/SiftAnalysisTests/Fixtures/correlation/cases.json: for each case, the data (null is a
missing cell, "nan"/"inf" non-finite numbers) and the expected scipy.stats.pearsonr / spearmanr r,
p-value and (Pearson's) Fisher-z 95% interval per numeric param and per categorical value
(0/1 indicator), with pairs dropped where param or metric is missing or non-finite, and a
positive numeric param spanning >= 2 decades, with its median nearer the geometric than the
arithmetic midpoint, taken as log10. η² (between-group SS / total SS) is
computed with numpy. Requires numpy and scipy (versions recorded in the output).
"""
import json
import math
import os

import numpy as np
import scipy
from scipy import stats

OUT = os.path.join("Tests", "SiftAnalysisTests", "Fixtures", "correlation", "cases.json")


def cell(v):
    if v is None:
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, str):
        return v
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def finite(v):
    return v is not None and not (isinstance(v, float) and not math.isfinite(v))


def expected_rows(columns, metric):
    y_all = columns[metric]
    out = []
    for name, xs in columns.items():
        if name == metric:
            continue
        pairs = [(x, y) for x, y in zip(xs, y_all) if finite(x) and finite(y)]
        n = len(pairs)
        categorical = any(isinstance(x, (str, bool)) for x, _ in pairs)
        if not categorical:
            x = np.array([p[0] for p in pairs], dtype=float)
            y = np.array([p[1] for p in pairs], dtype=float)
            log = n > 0 and bool(np.all(x > 0)) and x.max() / x.min() >= 100
            if log:  # spread evenly on the log axis: median nearer the geometric than the arithmetic mid
                lm = np.log10(np.median(x))
                geo = (np.log10(x.min()) + np.log10(x.max())) / 2
                ari = np.log10((x.min() + x.max()) / 2)
                log = abs(lm - geo) < abs(lm - ari)
            if log:
                x = np.log10(x)
            out.append(row(name, None, x, y, log))
        else:
            values = sorted({str(p[0]).lower() if isinstance(p[0], bool) else p[0] for p, in zip(pairs)})
            labels = [str(p[0]).lower() if isinstance(p[0], bool) else p[0] for p in pairs]
            y = np.array([p[1] for p in pairs], dtype=float)
            for v in values:
                ind = np.array([1.0 if lab == v else 0.0 for lab in labels])
                out.append(row(name, v, ind, y, False))
            grand = y.mean()
            total = ((y - grand) ** 2).sum()
            between = sum((np.array(labels) == v).sum() * (y[np.array(labels) == v].mean() - grand) ** 2
                          for v in values)
            out.append({"param": name, "eta2": None if total == 0 else float(between / total), "n": n})
    return out


def row(name, value, x, y, log):
    n = len(x)
    r = {"param": name, "value": value, "n": n, "logScale": bool(log)}
    constant = n < 2 or np.all(x == x[0]) or np.all(y == y[0])
    if constant:
        r["pearson"] = None
        r["spearman"] = None
        return r
    res = stats.pearsonr(x, y)
    entry = {"r": float(res.statistic), "p": float(res.pvalue)}
    if n > 3:
        ci = res.confidence_interval(0.95)
        entry["low"], entry["high"] = float(ci.low), float(ci.high)
    r["pearson"] = entry
    if n >= 3:
        s = stats.spearmanr(x, y)
        entry = {"r": float(s.statistic), "p": float(s.pvalue)}
        r["spearman"] = entry
    return r


def main():
    rng = np.random.default_rng(20261129)
    cases = []

    # Main case: 60 runs, log-scaled lr, integer param with ties, a param with missing cells,
    # a categorical, a boolean, a constant column; the metric has missing, NaN and inf cells.
    n = 60
    lr = 10 ** rng.uniform(-5, -1, n)
    layers = rng.integers(1, 5, n).astype(float)
    momentum = rng.uniform(0, 1, n)
    optimizer = rng.choice(["adam", "sgd", "rmsprop"], n, p=[0.5, 0.4, 0.1])
    flag = rng.random(n) < 0.5
    const = np.full(n, 3.0)
    loss = (0.3 * np.log10(lr) + 0.1 * layers + 0.2 * (optimizer == "sgd") + 0.05 * flag
            + rng.normal(0, 0.2, n))
    loss = np.round(loss, 2)  # ties in the metric too
    cols = {
        "lr": [cell(v) for v in lr],
        "layers": [cell(v) for v in layers],
        "momentum": [cell(v) if opt == "sgd" else None for v, opt in zip(momentum, optimizer)],
        "optimizer": [str(v) for v in optimizer],
        "flag": [bool(v) for v in flag],
        "const": [cell(v) for v in const],
        "loss": [cell(v) for v in loss],
    }
    dropout = rng.uniform(0, 1, n)
    dropout[0] = 0.001  # positive, spans > 2 decades, but uniform: stays linear
    cols["dropout"] = [cell(v) for v in dropout]
    cols["loss"][3] = None
    cols["loss"][7] = "nan"
    cols["loss"][11] = "inf"
    cols["layers"][5] = "nan"
    cases.append(("main", cols))

    # Small n: three and four runs.
    cases.append(("n3", {"a": [1.0, 2.0, 4.0], "b": ["x", "y", "x"], "loss": [0.5, 0.1, 0.9]}))
    cases.append(("n4", {"a": [1.0, 2.0, 2.0, 5.0], "loss": [0.3, 0.1, 0.2, 0.9]}))

    # Perfect and strong correlations, large n (small p-values test the incomplete beta's tail).
    n = 500
    x = rng.normal(size=n)
    cases.append(("strong", {"x": [cell(v) for v in x],
                             "z": [cell(v) for v in rng.normal(size=n)],
                             "loss": [cell(v) for v in 2 * x + rng.normal(0, 0.5, n)]}))

    out = {"scipy": scipy.__version__, "numpy": np.__version__, "cases": []}
    for name, columns in cases:
        parsed = {k: [None if v is None else (float(v) if v in ("nan", "inf", "-inf") else v) for v in vs]
                  for k, vs in columns.items()}
        out["cases"].append({"name": name, "metric": "loss", "columns": columns,
                             "expected": expected_rows(parsed, "loss")})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
    print("wrote", OUT)


if __name__ == "__main__":
    main()

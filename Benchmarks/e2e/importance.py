#!/usr/bin/env python3
"""End-to-end benchmark, the pandas + scikit-learn side: what Benchmarks/e2e/importance.sift does.

Run by Benchmarks/harness.py (section e2e) as `Benchmarks/.venv/bin/python Benchmarks/e2e/importance.py`, on the
10,000-run sweep table it writes beside (Benchmarks/data/runs_10000x50.csv). Load the CSV, keep the finished runs,
fit a 100-tree random forest (all cores, out-of-bag score) of val_loss on the 38 columns sift takes as params
(categoricals one-hot encoded, since scikit-learn's forest has no native categoricals; the one-hot importances
are summed back per param; missing momentum is handled by the forest), and print importance and Pearson
correlation per param, most important first.
"""
import os
import sys

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestRegressor

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "runs_10000x50.csv")
META = ["name", "state", "created", "runtime"]
METRICS = ["val_loss", "val_acc", "train_loss", "train_acc", "test_loss", "test_acc", "f1", "auc", "perplexity"]
METRIC = "val_loss"


def main():
    runs = pd.read_csv(PATH)
    runs = runs[runs["state"] == "finished"]
    runs = runs[runs[METRIC].notna()]
    params = [c for c in runs.columns if c not in META and c not in METRICS]
    categorical = [c for c in params if runs[c].dtype == object or str(runs[c].dtype) in ("string", "str")]
    X = pd.get_dummies(runs[params], columns=categorical, dtype=float)
    y = runs[METRIC].to_numpy()
    forest = RandomForestRegressor(n_estimators=100, n_jobs=-1, oob_score=True, random_state=0).fit(X.to_numpy(), y)
    # Importance per param: one-hot columns summed back to their categorical.
    owner = {column: column for column in X.columns}
    for c in categorical:
        for column in X.columns:
            if column.startswith(c + "_"):
                owner[column] = c
    importance = {p: 0.0 for p in params}
    for column, value in zip(X.columns, forest.feature_importances_):
        importance[owner[column]] += value
    rows = []
    for p in params:
        if p in categorical:
            corr = ""
        else:
            both = runs[[p, METRIC]].dropna()
            corr = f"{np.corrcoef(both[p], both[METRIC])[0, 1]:+.2f}" if len(both) > 2 else ""
        rows.append((importance[p], p, corr))
    print(f"importance of {METRIC} | {len(runs)} runs | OOB R2 {forest.oob_score_:.2f}")
    for value, p, corr in sorted(rows, reverse=True):
        print(f"{p:12} {value:.3f} {corr}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

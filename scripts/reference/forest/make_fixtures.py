#!/usr/bin/env python3
"""Reference fixtures for sift's random forest and importances (Tests/SiftAnalysisTests/Fixtures/forest/).

Run from the repository root:

    python3 scripts/reference/forest/make_fixtures.py

Needs numpy, pandas and scikit-learn (>= 1.4, for NaN support in RandomForestRegressor); fixed seeds, so
re-running gives the same files. For each dataset it writes DATASET.csv (params and the metric `y`) and
DATASET.json: scikit-learn's RandomForestRegressor(n_estimators, oob_score=True, random_state) fitted on
the one-hot encoded params (pandas.get_dummies: a missing category is 0 in every column; numeric NaN is
passed to the forest as is), its `oob_score_`, and `feature_importances_` summed back per param.
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.datasets import make_friedman1
from sklearn.ensemble import RandomForestRegressor

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "Tests", "SiftAnalysisTests", "Fixtures", "forest")
TREES = 100


def numeric(rng):
    """Six numeric params of decreasing effect, two of none; Gaussian noise."""
    n = 600
    X = rng.uniform(0, 1, size=(n, 8))
    y = 4 * X[:, 0] + 2 * np.sin(3 * X[:, 1]) + 1.5 * X[:, 2] ** 2 + X[:, 3] + 0.5 * X[:, 4] + 0.3 * X[:, 5]
    y += rng.normal(0, 0.3, n)
    df = pd.DataFrame({f"p{i}": X[:, i] for i in range(8)})
    df["y"] = y
    return df


def mixed(rng):
    """A sweep-like table: learning rate (log), optimizer (categorical), momentum only for sgd (missing
    otherwise), batch size (few values), a boolean, dropout, and a seed that does not matter."""
    n = 800
    lr = 10 ** rng.uniform(-5, -1, n)
    opt = rng.choice(["adam", "sgd", "rmsprop", "adagrad"], n, p=[0.4, 0.3, 0.2, 0.1])
    momentum = np.where(opt == "sgd", rng.uniform(0.5, 0.99, n), np.nan)
    batch = rng.choice([16, 32, 64, 128, 256], n)
    aug = rng.choice([0, 1], n)
    dropout = rng.uniform(0, 0.5, n)
    seed = rng.integers(0, 10_000, n)
    opt_effect = pd.Series(opt).map({"adam": 0.0, "sgd": 0.6, "rmsprop": 0.2, "adagrad": 0.9}).to_numpy()
    mom = np.where(opt == "sgd", 0.8 * (0.9 - np.nan_to_num(momentum, nan=0.9)) ** 2 * 10, 0)
    y = (np.log10(lr) + 3) ** 2 * 0.3 + opt_effect + mom + 0.15 * np.log2(batch / 16) + 0.2 * aug + 0.4 * dropout
    y += rng.normal(0, 0.15, n)
    df = pd.DataFrame({"lr": lr, "optimizer": opt, "momentum": momentum, "batch_size": batch,
                       "augment": np.where(aug == 1, "true", "false"), "dropout": dropout, "seed": seed})
    df["y"] = y
    return df


def friedman():
    """Friedman #1 (scikit-learn's make_friedman1): x0..x4 matter, x5..x9 are noise."""
    X, y = make_friedman1(n_samples=1000, n_features=10, noise=1.0, random_state=0)
    df = pd.DataFrame({f"x{i}": X[:, i] for i in range(10)})
    df["y"] = y
    return df


def reference(name, df, params, categorical):
    X = df[params].copy()
    for c in categorical:
        X[c] = X[c].astype("category")
    Xd = pd.get_dummies(X, columns=categorical, prefix_sep="=", dtype=float)
    rf = RandomForestRegressor(n_estimators=TREES, oob_score=True, random_state=0, n_jobs=-1)
    rf.fit(Xd.to_numpy(dtype=float), df["y"].to_numpy())
    per_param = {p: 0.0 for p in params}
    for col, imp in zip(Xd.columns, rf.feature_importances_):
        per_param[col.split("=")[0] if col.split("=")[0] in categorical else col] += float(imp)
    out = {
        "dataset": f"{name}.csv",
        "metric": "y",
        "params": params,
        "categorical": categorical,
        "n_estimators": TREES,
        "random_state": 0,
        "sklearn_version": sklearn.__version__,
        "oob_score": float(rf.oob_score_),
        "feature_importances": per_param,
    }
    df.to_csv(os.path.join(OUT, f"{name}.csv"), index=False, float_format="%.17g")
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(out, f, indent=2, sort_keys=True)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261129)
    reference("numeric", numeric(rng), [f"p{i}" for i in range(8)], [])
    m = mixed(rng)
    reference("mixed", m, ["lr", "optimizer", "momentum", "batch_size", "augment", "dropout", "seed"],
              ["optimizer", "augment"])
    reference("friedman1", friedman(), [f"x{i}" for i in range(10)], [])


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The peers' side of the benchmarks: one timed job per process, one JSON line on stdout.

Run by Benchmarks/harness.py (through Benchmarks/run.sh) inside Benchmarks/.venv, each job in a fresh
process so its peak resident memory (/usr/bin/time -v) is its own:

    Benchmarks/.venv/bin/python Benchmarks/peers.py JOB FILE

Jobs (timing covers the work only, never the file load, exactly as sift-bench does on its side):
  forest-sklearn FILE    RandomForestRegressor(n_estimators=100, n_jobs=-1, oob_score=True, random_state=0)
                         fit + feature_importances_; prints its OOB R².
  forest-lightgbm FILE   LGBMRegressor(boosting_type="rf", num_leaves=4095, bagging_fraction=0.632,
                         bagging_freq=1, feature_fraction=1.0, n_estimators=100, n_jobs=-1, random_state=0),
                         everything else LightGBM's defaults (min_child_samples=20, max_bin=255), fit +
                         feature_importances_ on the whole file. LightGBM has no out-of-bag score, so an
                         untimed second fit on the first 80 % of the rows is scored (R²) on the last 20 %.
  fanova-optuna FILE     a study of the file's trials (x0..x9 floats in [0, 1], value y) and
                         optuna.importance.get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=0)).
  csv-pandas FILE        pandas.read_csv(FILE).
The FILE's last column is the target (y) for the forest and fanova jobs.
"""
import json
import resource
import sys
import time


def peak_bytes():
    """This process's peak resident memory (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def forest_sklearn(path):
    import pandas as pd
    from sklearn.ensemble import RandomForestRegressor
    frame = pd.read_csv(path)
    X, y = frame.iloc[:, :-1].to_numpy(), frame.iloc[:, -1].to_numpy()
    start = time.perf_counter()
    model = RandomForestRegressor(n_estimators=100, n_jobs=-1, oob_score=True, random_state=0).fit(X, y)
    _ = model.feature_importances_
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "r2": float(model.oob_score_), "r2_kind": "OOB"}


def lightgbm_model():
    import lightgbm as lgb
    return lgb.LGBMRegressor(boosting_type="rf", num_leaves=4095, bagging_fraction=0.632, bagging_freq=1,
                             feature_fraction=1.0, n_estimators=100, n_jobs=-1, random_state=0, verbose=-1)


def forest_lightgbm(path):
    import pandas as pd
    from sklearn.metrics import r2_score
    frame = pd.read_csv(path)
    X, y = frame.iloc[:, :-1].to_numpy(), frame.iloc[:, -1].to_numpy()
    start = time.perf_counter()
    model = lightgbm_model().fit(X, y)
    _ = model.feature_importances_
    seconds = time.perf_counter() - start
    # Held-out R² (untimed): the rows are i.i.d. draws, so the first 80 % train and the last 20 % test.
    cut = int(len(y) * 0.8)
    held = lightgbm_model().fit(X[:cut], y[:cut])
    r2 = r2_score(y[cut:], held.predict(X[cut:]))
    return {"seconds": seconds, "r2": float(r2), "r2_kind": "held-out 20%"}


def fanova_optuna(path):
    import optuna
    import pandas as pd
    from optuna.distributions import FloatDistribution
    from optuna.importance import FanovaImportanceEvaluator, get_param_importances
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    frame = pd.read_csv(path)
    names = list(frame.columns[:-1])
    dists = {name: FloatDistribution(0.0, 1.0) for name in names}
    study = optuna.create_study()
    rows = frame.to_numpy()
    study.add_trials([optuna.trial.create_trial(params={n: float(r[i]) for i, n in enumerate(names)},
                                                distributions=dists, value=float(r[-1])) for r in rows])
    start = time.perf_counter()
    importances = get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=0))
    seconds = time.perf_counter() - start
    top = ",".join(f"{k}:{v:.3f}" for k, v in list(importances.items())[:3])
    return {"seconds": seconds, "top": top}


def csv_pandas(path):
    import pandas as pd
    start = time.perf_counter()
    frame = pd.read_csv(path)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rows": len(frame), "columns": frame.shape[1]}


JOBS = {"forest-sklearn": forest_sklearn, "forest-lightgbm": forest_lightgbm,
        "fanova-optuna": fanova_optuna, "csv-pandas": csv_pandas}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in JOBS:
        sys.exit(f"usage: peers.py {{{'|'.join(JOBS)}}} FILE")
    result = JOBS[sys.argv[1]](sys.argv[2])
    result["peak_rss_bytes"] = peak_bytes()
    print(json.dumps(result))


if __name__ == "__main__":
    main()

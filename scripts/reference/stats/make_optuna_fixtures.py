#!/usr/bin/env python3
"""Reference importances from Optuna for sift's PED-ANOVA and fANOVA tests.

Run from the repository root (takes about a minute):
    python3 scripts/reference/stats/make_optuna_fixtures.py
Writes, under Tests/SiftAnalysisTests/Fixtures/:
  pedanova/studies.json  two studies (TPE minimise with a log float, an int, a categorical and a
                         conditional param; random-sampler maximise), their trials (null = param not
                         set), the search-space bounds, and optuna.importance.get_param_importances
                         with PedAnovaImportanceEvaluator for several (target, region) quantiles,
                         normalised and raw.
  fanova/studies.json    the minimise study's FanovaImportanceEvaluator(seed=s) importances for
                         s = 0..4 over the unconditional params.
(Friedman #1 for the fANOVA ground-truth test is the forest fixture forest/friedman1.csv.)
Requires optuna, scikit-learn, numpy (versions recorded in the JSON files).
"""
import json
import math
import os

import numpy as np
import optuna
import sklearn
from optuna.importance import FanovaImportanceEvaluator, PedAnovaImportanceEvaluator, get_param_importances

optuna.logging.set_verbosity(optuna.logging.ERROR)
BASE = os.path.join("Tests", "SiftAnalysisTests", "Fixtures")
OPT_COST = {"adam": 0.0, "sgd": 1.0, "rmsprop": 0.5}


def objective(trial):
    x = trial.suggest_float("x", -5, 5)
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    layers = trial.suggest_int("layers", 1, 8)
    optimizer = trial.suggest_categorical("optimizer", ["adam", "sgd", "rmsprop"])
    extra = 0.0
    if optimizer == "sgd":
        momentum = trial.suggest_float("momentum", 0.0, 1.0)
        extra = 0.8 * (1 - momentum)
    trial.suggest_float("noise_a", 0.0, 1.0)
    trial.suggest_int("noise_b", 0, 100)
    jitter = np.random.default_rng(trial.number).normal(0, 0.05)
    return ((x - 1) ** 2 / 5 + 0.5 * (math.log10(lr) + 3) ** 2 + 0.3 * abs(layers - 4)
            + OPT_COST[optimizer] + extra + jitter)


def dump_study(study, name):
    params = ["x", "lr", "layers", "optimizer", "momentum", "noise_a", "noise_b"]
    trials = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    columns = {p: [t.params.get(p) for t in trials] for p in params}
    columns["value"] = [t.value for t in trials]
    bounds = {}
    for t in trials:
        for p, d in t.distributions.items():
            if hasattr(d, "low"):
                bounds[p] = [d.low, d.high]
    settings = [(0.1, 1.0), (0.2, 1.0), (0.1, 0.5), (0.05, 0.3)]
    expected = []
    for tq, rq in settings:
        ev = PedAnovaImportanceEvaluator(target_quantile=tq, region_quantile=rq)
        norm = get_param_importances(study, evaluator=ev)
        raw = get_param_importances(study, evaluator=ev, normalize=False)
        expected.append({"targetQuantile": tq, "regionQuantile": rq,
                         "normalized": dict(norm), "raw": {k: float(v) for k, v in raw.items()}})
    return {"name": name, "goal": study.direction.name.lower(), "columns": columns, "bounds": bounds,
            "integer": ["layers", "noise_b"], "expected": expected}


def main():
    tpe = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=42))
    tpe.optimize(objective, n_trials=300)
    rnd = optuna.create_study(direction="maximize", sampler=optuna.samplers.RandomSampler(seed=7))
    rnd.optimize(lambda t: -objective(t), n_trials=200)
    os.makedirs(os.path.join(BASE, "pedanova"), exist_ok=True)
    with open(os.path.join(BASE, "pedanova", "studies.json"), "w") as f:
        json.dump({"optuna": optuna.__version__, "studies": [dump_study(tpe, "tpe_min"), dump_study(rnd, "random_max")]},
                  f, indent=1)

    params = ["x", "lr", "layers", "optimizer", "noise_a", "noise_b"]
    fanova = []
    for name, study in (("tpe_min", tpe), ("random_max", rnd)):
        runs = []
        for seed in range(5):
            imp = get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=seed), params=params)
            runs.append({"seed": seed, "importances": dict(imp)})
        fanova.append({"study": name, "params": params, "runs": runs})
    os.makedirs(os.path.join(BASE, "fanova"), exist_ok=True)
    with open(os.path.join(BASE, "fanova", "studies.json"), "w") as f:
        json.dump({"optuna": optuna.__version__, "sklearn": sklearn.__version__,
                   "note": "trials are in ../pedanova/studies.json", "studies": fanova}, f, indent=1)

    print("wrote fixtures under", BASE)


if __name__ == "__main__":
    main()

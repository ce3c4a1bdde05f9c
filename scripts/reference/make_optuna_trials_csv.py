#!/usr/bin/env python3
"""Writes Tests/SiftCoreTests/Fixtures/csv/optuna_trials.csv with a real Optuna study's trials_dataframe().

Run from the repository root (needs optuna and pandas):  python3 scripts/reference/make_optuna_trials_csv.py

A small seeded TPE study over a made-up objective with a float, an int, a categorical and a conditional
param (momentum only for sgd), a user attribute, one pruned trial and one failed trial, written with
pandas' to_csv (index included, as users write it). The test checks the loaded roles and values against
what this script prints.
"""
import math
import os

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "SiftCoreTests", "Fixtures", "csv", "optuna_trials.csv")


def objective(trial):
    lr = trial.suggest_float("lr", 1e-4, 1e-1, log=True)
    layers = trial.suggest_int("layers", 1, 4)
    optimizer = trial.suggest_categorical("optimizer", ["adam", "sgd"])
    if optimizer == "sgd":
        trial.suggest_float("momentum", 0.5, 0.99)
    trial.set_user_attr("note", f"trial {trial.number}")
    if trial.number == 3:
        raise optuna.TrialPruned()
    if trial.number == 5:
        raise RuntimeError("diverged")
    return (math.log10(lr) + 2.5) ** 2 + 0.1 * layers + (0.3 if optimizer == "sgd" else 0.0)


study = optuna.create_study(study_name="fixture", sampler=optuna.samplers.TPESampler(seed=3))
study.optimize(objective, n_trials=8, catch=(RuntimeError,))
df = study.trials_dataframe()
df.to_csv(OUT)
print(df.to_string())

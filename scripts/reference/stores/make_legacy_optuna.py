"""Writes an Optuna 2.3 storage (the schema before multi-objective: trials.value, studies.direction,
UniformDistribution/LogUniformDistribution/IntUniformDistribution/DiscreteUniformDistribution) and what
Optuna 2.3 reports for it. Run by make_fixtures.sh in its own venv (optuna==2.3.0, sqlalchemy<1.4)."""
import json
import os
import sqlite3
import sys

import optuna

out = os.path.join(sys.argv[1], "optuna")
db = os.path.join(out, "optuna-2.3.db")
if os.path.exists(db):
    os.remove(db)
optuna.logging.set_verbosity(optuna.logging.WARNING)
s = optuna.create_study(study_name="legacy", storage="sqlite:///" + os.path.abspath(db), direction="maximize",
                        sampler=optuna.samplers.RandomSampler(seed=4))


def objective(t):
    x = t.suggest_uniform("x", 0, 1)
    t.suggest_loguniform("lr", 1e-4, 1e-1)
    n = t.suggest_int("n", 1, 4)
    t.suggest_discrete_uniform("d", 0, 1, 0.25)
    t.suggest_categorical("c", [True, False, None])
    t.set_user_attr("tag", "x%d" % t.number)
    if t.number == 2:
        raise optuna.TrialPruned()
    return x + n


s.optimize(objective, n_trials=5)
trials = [{"number": t.number, "state": t.state.name, "params": t.params, "value": t.value,
           "user_attrs": t.user_attrs} for t in s.trials]
with open(os.path.join(out, "expected-2.3.json"), "w") as f:
    json.dump({"direction": s.direction.name.lower(), "trials": trials}, f, indent=1, sort_keys=True)
    f.write("\n")
con = sqlite3.connect(db)
con.execute("PRAGMA page_size = 512")
con.execute("VACUUM")
con.close()

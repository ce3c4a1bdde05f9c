"""Logs small real sweeps through MLflow, Optuna and Ray Tune and writes them as SiftCore test fixtures.

Run through make_fixtures.sh (it makes the venv). Writes under Tests/SiftCoreTests/Fixtures/:
  mlflow/mlruns/       MLflow file store          mlflow/mlflow.db   MLflow SQLite backend
  optuna/optuna.db     Optuna SQLite storage      ray/sweep/         Ray Tune experiment folder
and an expected.json beside each, holding what the client itself reports for the logged runs.
"""
import json
import math
import os
import shutil
import sqlite3
import sys
import time

OUT = sys.argv[1]


def clean(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


def jsonable(x):
    if isinstance(x, float) and not math.isfinite(x):
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    if isinstance(x, dict):
        return {k: jsonable(v) for k, v in x.items()}
    if isinstance(x, list):
        return [jsonable(v) for v in x]
    return x


def dump(obj, path):
    with open(path, "w") as f:
        json.dump(jsonable(obj), f, indent=1, sort_keys=True)
        f.write("\n")


def shrink(db):
    """Rewrites `db` with 512-byte pages: the same rows, a fraction of the size (many empty tables)."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA page_size = 512")
    con.execute("VACUUM")
    con.close()


# ---------------------------------------------------------------- MLflow
def mlflow_sweep(uri):
    """Logs the same sweep into the store at `uri` and returns what MLflow reports for its active runs."""
    import mlflow
    from mlflow.tracking import MlflowClient

    mlflow.set_tracking_uri(uri)
    client = MlflowClient(uri)
    sweep = client.create_experiment("sweep")
    other = client.create_experiment("other")
    configs = [
        ("adam", 0.001, 2, True, "FINISHED"),
        ("sgd", 0.1, 4, False, "FINISHED"),
        ("adam", 0.01, 3, False, "FAILED"),
        ("rmsprop", 0.0003, 2, True, "FINISHED"),
    ]
    for i, (opt, lr, layers, bn, status) in enumerate(configs):
        run = client.create_run(sweep, run_name=f"trial-{i}", tags={"team": "vision", "mlflow.user": "ada"})
        rid = run.info.run_id
        client.log_param(rid, "optimizer", opt)
        client.log_param(rid, "lr", lr)
        client.log_param(rid, "layers", layers)
        client.log_param(rid, "use_bn", bn)
        client.log_param(rid, "model/width", 64 * (i + 1))  # '/' in a key: a folder in the file store
        base = 1000 + i
        for step in range(3):
            client.log_metric(rid, "val_loss", 1.0 / (step + 1) + lr * layers, timestamp=base + step, step=step)
        # An earlier step logged later: the last value is the one with the highest step.
        client.log_metric(rid, "val_loss_noisy", 0.5 + i, timestamp=base + 10, step=5)
        client.log_metric(rid, "val_loss_noisy", 9.0, timestamp=base + 20, step=2)
        # Same step, two timestamps: the later timestamp wins.
        client.log_metric(rid, "val_acc", 0.5, timestamp=base, step=0)
        client.log_metric(rid, "val_acc", 0.6 + 0.1 * i, timestamp=base + 1, step=0)
        if i == 1:
            client.log_metric(rid, "diverged", float("nan"), timestamp=base, step=0)
        client.set_terminated(rid, status=status)
    gone = client.create_run(sweep, run_name="deleted-run")
    client.log_param(gone.info.run_id, "lr", 0.5)
    client.set_terminated(gone.info.run_id)
    client.delete_run(gone.info.run_id)
    run = client.create_run(other, run_name="lonely")
    client.log_param(run.info.run_id, "alpha", "0.5")
    client.log_metric(run.info.run_id, "score", 3.0, timestamp=5, step=0)
    client.set_terminated(run.info.run_id)

    expected = []
    for exp_id, exp_name in [(sweep, "sweep"), (other, "other")]:
        for r in client.search_runs([exp_id], run_view_type=1, order_by=["attributes.start_time ASC"]):
            expected.append({
                "run_id": r.info.run_id,
                "name": r.info.run_name,
                "experiment": exp_name,
                "experiment_id": exp_id,
                "status": r.info.status,
                "start_time": r.info.start_time,
                "end_time": r.info.end_time,
                "params": r.data.params,
                "metrics": r.data.metrics,
                "tags": {k: v for k, v in r.data.tags.items()},
            })
    return expected


def make_mlflow():
    root = os.path.join(OUT, "mlflow")
    os.makedirs(root, exist_ok=True)
    store = os.path.join(root, "mlruns")
    db = os.path.join(root, "mlflow.db")
    clean(store)
    clean(db)
    dump(mlflow_sweep("file://" + os.path.abspath(store)), os.path.join(root, "expected-filestore.json"))
    dump(mlflow_sweep("sqlite:///" + os.path.abspath(db)), os.path.join(root, "expected-sqlite.json"))
    shrink(db)


# ---------------------------------------------------------------- Optuna
def make_optuna():
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    root = os.path.join(OUT, "optuna")
    os.makedirs(root, exist_ok=True)
    db = os.path.join(root, "optuna.db")
    clean(db)
    storage = "sqlite:///" + os.path.abspath(db)

    def single(trial):
        lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
        opt = trial.suggest_categorical("optimizer", ["adam", "sgd", "rmsprop"])
        layers = trial.suggest_int("n_layers", 1, 4)
        batch = trial.suggest_categorical("batch", [16, 32, 64])
        if opt == "sgd":
            trial.suggest_float("momentum", 0.0, 0.99)
        trial.set_user_attr("seed", trial.number * 7)
        trial.set_user_attr("info", {"host": "n%d" % (trial.number % 2), "gpu": trial.number % 2 == 0})
        trial.set_user_attr("spread", float("nan") if trial.number == 0 else 0.25 * trial.number)
        if trial.number == 3:
            raise optuna.TrialPruned()
        if trial.number == 5:
            raise RuntimeError("diverged")  # becomes a FAIL trial
        return math.log10(lr) ** 2 * 0.01 + layers * 0.1 + (0.2 if opt == "sgd" else 0.0) + batch / 640

    s = optuna.create_study(study_name="single", storage=storage, direction="minimize",
                            sampler=optuna.samplers.RandomSampler(seed=1))
    s.optimize(single, n_trials=8, catch=(RuntimeError,))

    def multi(trial):
        x = trial.suggest_float("x", 0.0, 1.0)
        kind = trial.suggest_categorical("kind", ["a", "b"])
        return x * x, 1.0 - x + (0.5 if kind == "b" else 0.0)

    m = optuna.create_study(study_name="multi", storage=storage, directions=["minimize", "maximize"],
                            sampler=optuna.samplers.RandomSampler(seed=2))
    m.set_metric_names(["loss", "accuracy"])
    m.optimize(multi, n_trials=4)
    u = optuna.create_study(study_name="multi unnamed", storage=storage, directions=["maximize", "minimize"],
                            sampler=optuna.samplers.RandomSampler(seed=3))
    u.optimize(multi, n_trials=3)

    expected = {}
    for study in [s, m, u]:
        trials = []
        for t in study.get_trials(deepcopy=False):
            trials.append({
                "number": t.number,
                "state": t.state.name,
                "params": t.params,
                "values": t.values,
                "user_attrs": t.user_attrs,
                "datetime_start": str(t.datetime_start) if t.datetime_start else None,
                "datetime_complete": str(t.datetime_complete) if t.datetime_complete else None,
            })
        expected[study.study_name] = {
            "directions": [d.name.lower() for d in study.directions],
            "metric_names": study.metric_names,
            "trials": trials,
        }
    dump(expected, os.path.join(root, "expected.json"))
    shrink(db)


# ---------------------------------------------------------------- Ray Tune
def make_ray():
    import ray
    from ray import tune

    root = os.path.join(OUT, "ray")
    os.makedirs(root, exist_ok=True)
    exp = os.path.join(root, "sweep")
    clean(exp)

    def trainable(config):
        for it in range(3):
            loss = config["lr"] * 100 + config["model"]["layers"] * 0.1 + 1.0 / (it + 1)
            tune.report({"loss": loss, "acc": 1.0 - loss / 10, "epoch": it})

    ray.init(num_cpus=1, include_dashboard=False, log_to_driver=False)
    tuner = tune.Tuner(
        trainable,
        param_space={
            "lr": tune.grid_search([0.001, 0.01]),
            "model": {"layers": tune.grid_search([2, 3]), "act": "relu"},
        },
        run_config=tune.RunConfig(name="sweep", storage_path=os.path.abspath(root), verbose=0),
    )
    results = tuner.fit()
    ray.shutdown()
    expected = []
    for r in results:
        expected.append({"trial_id": r.metrics["trial_id"], "config": r.config,
                         "metrics": {k: r.metrics[k] for k in ["loss", "acc", "epoch", "training_iteration"]},
                         "path": os.path.basename(r.path)})
    expected.sort(key=lambda e: e["path"])
    dump(expected, os.path.join(root, "expected.json"))


if __name__ == "__main__":
    which = sys.argv[2:] or ["mlflow", "optuna", "ray"]
    if "mlflow" in which:
        make_mlflow()
    if "optuna" in which:
        make_optuna()
    if "ray" in which:
        make_ray()

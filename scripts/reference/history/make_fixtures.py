"""Logs small sweeps with a metric history through W&B, MLflow and Optuna; SiftCore's history fixtures.

Run: bash scripts/reference/history/make_fixtures.sh   (it makes the venv and calls this file)

Writes Tests/SiftCoreTests/Fixtures/history/:
  wandb/       offline W&B runs (only run-<id>.wandb: the history lives in its history records)
  mlruns/      MLflow file store (one file per metric, a line per logged step)
  mlflow.db    MLflow SQLite backend (table `metrics`, a row per logged step)
  optuna.db    Optuna storage: studies `history-min` and `history-max` with `trial.report` values
  expected.json  per run, each metric's best over its finite steps, read back through each client's
                 own API (MLflow get_metric_history, Optuna trial.intermediate_values; for W&B, which
                 cannot read an offline run back, the values the script logged).
The curves go down and up again, so a run's best is not its last value; some steps are NaN or infinite.
"""
import json
import math
import os
import shutil
import sqlite3
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(REPO, "Tests", "SiftCoreTests", "Fixtures", "history")
BIG = sys.float_info.max  # MLflow's SQLite store keeps ±inf as ±this


def finite(xs):
    return [x for x in xs if isinstance(x, (int, float)) and not isinstance(x, bool)
            and math.isfinite(x) and abs(x) < BIG]


def extremes(xs):
    f = finite(xs)
    return {"steps": len(xs), "min": min(f) if f else None, "max": max(f) if f else None}


# Five runs: (lr, layers). val_loss dips then rises (overfitting); val_acc has a NaN and an inf step in
# run 1; grad_norm (a name that tells no goal) wanders; test_acc is logged once; run 4 logs val_loss as
# NaN at every step.
RUNS = [(0.001, 2), (0.01, 3), (0.003, 4), (0.03, 2), (0.0003, 3)]
STEPS = 6


def curves(i, lr, layers):
    """Per step: a dict of the values logged."""
    out = []
    for step in range(STEPS):
        loss = round(0.4 + lr * 20 + 0.6 / (step + 1) + 0.02 * (step - 2) ** 2 * layers / 3, 6)
        acc = round(1.0 - loss / 3, 6)
        if i == 1 and step == 2:
            acc = float("nan")
        if i == 1 and step == 4:
            acc = float("inf")
        if i == 4:
            loss = float("nan")
        grad = round(1.0 + ((step * 7 + i * 3) % 5) * 0.25 - step * 0.1, 6)
        out.append({"val_loss": loss, "val_acc": acc, "grad_norm": grad})
    return out


def test_acc(i):
    return round(0.7 + 0.05 * i, 6)


# ---------------------------------------------------------------- W&B
def make_wandb(work):
    os.environ["WANDB_SILENT"] = "true"
    os.environ["WANDB_DISABLE_CODE"] = "true"
    import wandb

    root = os.path.join(work, "wandb-root")
    os.makedirs(root)
    expected = []
    for i, (lr, layers) in enumerate(RUNS):
        run = wandb.init(project="sift-history", dir=root, mode="offline", id=f"hist{i}", name=f"hist-{i}",
                         config={"lr": lr, "layers": layers},
                         settings=wandb.Settings(x_disable_stats=True, console="off", save_code=False,
                                                 disable_git=True, x_save_requirements=False))
        logged = {}
        for step, values in enumerate(curves(i, lr, layers)):
            # A nested dict: the metric eval.loss.
            row = dict(values, eval={"loss": round(values["grad_norm"] * 0.5, 6)})
            run.log(row)
            for k, v in values.items():
                logged.setdefault(k, []).append(v)
            logged.setdefault("eval.loss", []).append(row["eval"]["loss"])
        run.log({"test_acc": test_acc(i)})
        logged["test_acc"] = [test_acc(i)]
        run.finish()
        expected.append({"id": f"hist{i}", "history": {k: extremes(v) for k, v in logged.items()}})
    dst = os.path.join(OUT, "wandb")
    shutil.rmtree(dst, ignore_errors=True)
    os.makedirs(dst)
    src = os.path.join(root, "wandb")
    for name in sorted(os.listdir(src)):
        if not name.startswith("offline-run-"):
            continue
        os.makedirs(os.path.join(dst, name))
        for f in os.listdir(os.path.join(src, name)):
            if f.endswith(".wandb"):
                shutil.copy2(os.path.join(src, name, f), os.path.join(dst, name, f))
    return {"client": "wandb " + wandb.__version__, "runs": expected}


# ---------------------------------------------------------------- MLflow
def mlflow_sweep(uri):
    import mlflow
    from mlflow.tracking import MlflowClient

    mlflow.set_tracking_uri(uri)
    client = MlflowClient(uri)
    exp = client.create_experiment("history")
    ids = []
    for i, (lr, layers) in enumerate(RUNS):
        run = client.create_run(exp, run_name=f"hist-{i}")
        rid = run.info.run_id
        ids.append(rid)
        client.log_param(rid, "lr", lr)
        client.log_param(rid, "layers", layers)
        for step, values in enumerate(curves(i, lr, layers)):
            for k, v in values.items():
                client.log_metric(rid, k, v, timestamp=1000 * i + step, step=step)
        client.log_metric(rid, "test_acc", test_acc(i), timestamp=1000 * i + 99, step=STEPS)
        client.set_terminated(rid)
    runs = []
    for rid in ids:
        r = client.get_run(rid)
        history = {}
        for key in sorted(r.data.metrics):
            history[key] = extremes([m.value for m in client.get_metric_history(rid, key)])
        runs.append({"run_id": rid, "name": r.info.run_name, "history": history})
    return {"client": "mlflow " + mlflow.__version__, "runs": runs}


def make_mlflow():
    store = os.path.join(OUT, "mlruns")
    db = os.path.join(OUT, "mlflow.db")
    shutil.rmtree(store, ignore_errors=True)
    if os.path.exists(db):
        os.remove(db)
    filestore = mlflow_sweep("file://" + store)
    sql = mlflow_sweep("sqlite:///" + db)
    con = sqlite3.connect(db)
    con.execute("PRAGMA page_size = 512")
    con.execute("VACUUM")
    con.close()
    return filestore, sql


# ---------------------------------------------------------------- Optuna
def make_optuna():
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    db = os.path.join(OUT, "optuna.db")
    if os.path.exists(db):
        os.remove(db)
    storage = "sqlite:///" + db
    out = {"client": "optuna " + optuna.__version__, "studies": {}}
    for name, direction in (("history-min", "minimize"), ("history-max", "maximize")):
        def objective(trial):
            x = trial.suggest_float("x", -2.0, 2.0)
            n = trial.number
            if n == 2:
                return x * x  # reports nothing: no intermediate values
            for step in range(5):
                v = round((x - 0.5) ** 2 + 1.0 / (step + 1) + 0.05 * (step - 2) ** 2, 6)
                if n == 1 and step == 1:
                    v = float("nan")
                if n == 1 and step == 3:
                    v = float("inf") if direction == "maximize" else float("-inf")
                trial.report(v, step)
            if n == 4:
                raise optuna.TrialPruned()
            return round(x * x, 6)

        study = optuna.create_study(study_name=name, storage=storage, direction=direction,
                                    sampler=optuna.samplers.RandomSampler(seed=7))
        study.optimize(objective, n_trials=7)
        trials = []
        for t in study.get_trials(deepcopy=False):
            trials.append({"number": t.number, "state": t.state.name,
                           "intermediate": extremes(list(t.intermediate_values.values()))})
        out["studies"][name] = {"direction": direction, "trials": trials}
    con = sqlite3.connect(db)
    con.execute("PRAGMA page_size = 512")
    con.execute("VACUUM")
    con.close()
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    work = tempfile.mkdtemp(prefix="sift-history-")
    cwd = os.getcwd()
    os.chdir(work)  # MLflow and W&B leave scratch files in the working directory
    try:
        result = {"wandb": make_wandb(work)}
        result["mlflow-filestore"], result["mlflow-sqlite"] = make_mlflow()
        result["optuna"] = make_optuna()
    finally:
        os.chdir(cwd)
        shutil.rmtree(work, ignore_errors=True)
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()

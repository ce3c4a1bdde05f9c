"""Logs a small real sweep through the W&B client and keeps the run folders as sift's test fixtures.

Run: bash scripts/reference/wandb/make_fixtures.sh   (it makes the venv and calls this file)

Two layouts, same six configs:
  offline/  WANDB_MODE=offline: config and summary live only in the binary run-<id>.wandb file.
  synced/   online mode against standin_server.py on 127.0.0.1 (a do-nothing stand-in for the W&B
            server): the client also writes files/config.yaml, files/wandb-summary.json and
            files/wandb-metadata.json beside the run-<id>.wandb file.
The values logged are written to expected.json; the Swift tests compare the loader's output
against that file, never against the loader's own earlier output.
"""
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(REPO, "Tests", "SiftCoreTests", "Fixtures", "wandb")

sys.path.insert(0, HERE)
import standin_server  # noqa: E402

SEED = 20261129
RUNS = 6
STEPS = 4


def sweep_configs():
    """Six configs drawn like a random sweep: lr log-uniform, batch_size and optimizer categorical."""
    rng = random.Random(SEED)
    out = []
    for i in range(RUNS):
        out.append({
            "lr": round(10 ** rng.uniform(-4, -1), 6),
            "batch_size": rng.choice([16, 32, 64, 128]),
            "optimizer": rng.choice(["adam", "sgd", "rmsprop"]),
            "model": {"layers": rng.choice([2, 3, 4]), "dropout": round(rng.uniform(0.0, 0.5), 3)},
        })
    return out


def curve(cfg, step):
    """A made-up but plausible learning curve: depends on lr and dropout, improves with steps."""
    base = 0.3 + abs(math.log10(cfg["lr"]) + 2.5) * 0.25 + cfg["model"]["dropout"] * 0.4
    loss = round(base / (1 + step) + 0.05 * cfg["model"]["layers"], 6)
    acc = round(max(0.0, min(1.0, 1.0 - loss / 2)), 6)
    return loss, acc


def log_sweep(wandb, mode, root, prefix):
    """Logs every run of the sweep under root/wandb/ in `mode`; returns the expected values per run."""
    expected = []
    for i, cfg in enumerate(sweep_configs()):
        run_id = f"{prefix}{i}"
        tags = ["sweep", cfg["optimizer"]]
        run = wandb.init(
            project="sift-fixture", entity="sift", dir=root, mode=mode, id=run_id,
            name=f"{prefix}-trial-{i}", group="sweep-1", tags=tags, config=cfg,
            settings=wandb.Settings(x_disable_stats=True, console="off", save_code=False,
                                    disable_git=True, x_save_requirements=False),
        )
        summary = {}
        for step in range(STEPS):
            loss, acc = curve(cfg, step)
            run.log({"val_loss": loss, "val_acc": acc})
            summary.update({"val_loss": loss, "val_acc": acc})
        # A later config update (a value the run chose itself) and an explicit summary value.
        run.config.update({"seed": 100 + i})
        best = min(curve(cfg, s)[0] for s in range(STEPS))
        run.summary["best_val_loss"] = best
        summary["best_val_loss"] = best
        exit_code = 1 if i == RUNS - 1 else 0  # the last run fails, to test the state column
        start = run.start_time
        if mode == "online":
            # The client collects wandb-metadata.json in the background; a run this short can
            # finish before it is written. Wait for it (the loader reads startedAt from it).
            meta = os.path.join(run.dir, "wandb-metadata.json")
            for _ in range(100):
                if os.path.exists(meta):
                    break
                time.sleep(0.1)
        run.finish(exit_code=exit_code)
        full_cfg = dict(cfg)
        full_cfg["seed"] = 100 + i
        expected.append({
            "id": run_id, "name": f"{prefix}-trial-{i}", "tags": tags,
            "state": "finished" if exit_code == 0 else "failed",
            "start_time": start, "config": full_cfg, "summary": summary,
        })
    return expected


def log_long_run(wandb, root):
    """One offline run big enough to cross 32 KiB blocks: a 70,000-character config value (one record
    split into FIRST/MIDDLE/LAST chunks) and 300 logged steps."""
    text = "".join("sift-%05d;" % k for k in range(7000))  # 70,000 characters
    cfg = {"lr": 0.003, "notes_text": text}
    run = wandb.init(
        project="sift-fixture", entity="sift", dir=root, mode="offline", id="long0", name="long-run",
        config=cfg, settings=wandb.Settings(x_disable_stats=True, console="off", save_code=False,
                                            disable_git=True, x_save_requirements=False),
    )
    start = run.start_time
    last = {}
    for step in range(300):
        last = {"train_loss": round(1.0 / (1 + step), 6), "step_sq": step * step}
        run.log(last)
    run.finish()
    return [{"id": "long0", "name": "long-run", "tags": [], "state": "finished", "start_time": start,
             "config": cfg, "summary": last}]


def keep(src_wandb_dir, dst_wandb_dir):
    """Copies the run folders, keeping only what the loader reads (no logs, no media)."""
    os.makedirs(dst_wandb_dir, exist_ok=True)
    for name in sorted(os.listdir(src_wandb_dir)):
        src = os.path.join(src_wandb_dir, name)
        if not os.path.isdir(src) or not (name.startswith("run-") or name.startswith("offline-run-")):
            continue
        dst = os.path.join(dst_wandb_dir, name)
        os.makedirs(dst, exist_ok=True)
        for f in os.listdir(src):
            if f.endswith(".wandb"):
                shutil.copy2(os.path.join(src, f), os.path.join(dst, f))
        for f in ("config.yaml", "wandb-summary.json", "wandb-metadata.json"):
            p = os.path.join(src, "files", f)
            if os.path.exists(p):
                os.makedirs(os.path.join(dst, "files"), exist_ok=True)
                shutil.copy2(p, os.path.join(dst, "files", f))


def main():
    srv = standin_server.start()
    port = srv.server_address[1]
    os.environ["WANDB_BASE_URL"] = f"http://127.0.0.1:{port}"
    os.environ["WANDB_API_KEY"] = "0" * 40  # the stand-in accepts anything
    os.environ["WANDB_SILENT"] = "true"
    os.environ["WANDB_DISABLE_CODE"] = "true"
    import wandb

    work = tempfile.mkdtemp(prefix="sift-wandb-")
    try:
        result = {"client": "wandb " + wandb.__version__, "seed": SEED, "layouts": {}}
        for layout, mode, prefix in (("offline", "offline", "off"), ("synced", "online", "syn")):
            root = os.path.join(work, layout)
            os.makedirs(root)
            result["layouts"][layout] = {"mode": mode, "runs": log_sweep(wandb, mode, root, prefix)}
            dst = os.path.join(OUT, layout, "wandb")
            shutil.rmtree(os.path.join(OUT, layout), ignore_errors=True)
            keep(os.path.join(root, "wandb"), dst)
            if mode == "online":
                for run_dir in os.listdir(dst):
                    for f in ("config.yaml", "wandb-summary.json", "wandb-metadata.json"):
                        if not os.path.exists(os.path.join(dst, run_dir, "files", f)):
                            sys.exit(f"the client did not write files/{f} for {run_dir}; run the script again")
        root = os.path.join(work, "long")
        os.makedirs(root)
        result["layouts"]["long"] = {"mode": "offline", "runs": log_long_run(wandb, root)}
        shutil.rmtree(os.path.join(OUT, "long"), ignore_errors=True)
        keep(os.path.join(root, "wandb"), os.path.join(OUT, "long", "wandb"))
        with open(os.path.join(OUT, "expected.json"), "w") as f:
            json.dump(result, f, indent=1, sort_keys=True)
            f.write("\n")
    finally:
        srv.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    print("wrote", OUT)


if __name__ == "__main__":
    main()

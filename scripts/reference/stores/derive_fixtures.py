"""Derives the few fixtures no client writes directly, from the ones make_fixtures.py made.

Run by make_fixtures.sh after the clients. Writes under Tests/SiftCoreTests/Fixtures/:
  ray/progress-only/   the real sweep's trial folders without result.json (progress.csv is read instead)
  ray/legacy/          a hand-written trial in the older Ray layout: no params.json, progress.csv with
                       config/… columns (Ray 1.x wrote nested config keys as config/a/b)
  sqlite/other.db      an SQLite database that is neither MLflow nor Optuna (tables foo, bar)
"""
import os
import shutil
import sqlite3
import sys

OUT = sys.argv[1]

sweep = os.path.join(OUT, "ray", "sweep")
if os.path.isdir(sweep):
    only = os.path.join(OUT, "ray", "progress-only")
    shutil.rmtree(only, ignore_errors=True)
    os.makedirs(only)
    for name in sorted(os.listdir(sweep)):
        src = os.path.join(sweep, name)
        if os.path.isdir(src):
            dst = os.path.join(only, name)
            os.makedirs(dst)
            for f in ["params.json", "progress.csv"]:
                shutil.copy(os.path.join(src, f), dst)

legacy = os.path.join(OUT, "ray", "legacy", "train_abc12_00000_0_lr=0.1")
shutil.rmtree(os.path.dirname(legacy), ignore_errors=True)
os.makedirs(legacy)
with open(os.path.join(legacy, "progress.csv"), "w") as f:
    f.write("loss,done,training_iteration,trial_id,experiment_tag,config/lr,config/model/layers,config/model/act\n")
    f.write("0.9,False,1,abc12_00000,0_lr=0.1,0.1,2,relu\n")
    f.write("0.4,True,2,abc12_00000,0_lr=0.1,0.1,2,relu\n")

os.makedirs(os.path.join(OUT, "sqlite"), exist_ok=True)
other = os.path.join(OUT, "sqlite", "other.db")
if os.path.exists(other):
    os.remove(other)
con = sqlite3.connect(other)
con.execute("PRAGMA page_size = 512")
con.execute("CREATE TABLE foo (a INTEGER)")
con.execute("CREATE TABLE bar (b TEXT)")
con.execute("INSERT INTO foo VALUES (1)")
con.commit()
con.close()

#!/usr/bin/env python3
"""ctest sortition_panel_select_cli: panel-select's contract, on the published example instance
and on broken inputs: the four files and their formats, the figures agreeing with each other,
exit codes (0 done, 1 infeasible quotas or solver failure, 2 bad arguments or input) and messages naming the fault.

    panel_select_cli_test.py PATH/TO/panel-select DATA_DIR
"""
import csv
import json
import re
import os
import subprocess
import sys
import tempfile

BIN, DATA = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=300)


small = os.path.join(DATA, "example_small_20")
with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "out")
    r = run("--categories", f"{small}/categories.csv", "--respondents", f"{small}/respondents.csv",
            "--seats", "20", "--algorithm", "leximin", "--lottery", "100", "--seed", "public-seed", "--out", out)
    check(r.returncode == 0, f"example_small_20 exits 0 (got {r.returncode}: {r.stderr})")
    with open(f"{out}/probabilities.csv") as f:
        probs = list(csv.DictReader(f))
    check(list(probs[0].keys()) == ["id", "probability"], "probabilities.csv header id,probability")
    check(len(probs) == 200, "one probability per respondent")
    check(all(abs(float(p["probability"]) - 0.1) < 1e-4 for p in probs), "everyone at 10 %")
    with open(f"{out}/panels.csv") as f:
        panels = list(csv.DictReader(f))
    check(list(panels[0].keys()) == ["panel", "probability", "ids"], "panels.csv header panel,probability,ids")
    check(abs(sum(float(p["probability"]) for p in panels) - 1) < 1e-9, "panel probabilities sum to 1")
    per_person = {}
    for p in panels:
        ids = p["ids"].split(" ")
        check(len(ids) == 20, f"panel {p['panel']} has 20 ids")
        for i in ids:
            per_person[i] = per_person.get(i, 0) + float(p["probability"])
    check(all(abs(per_person.get(p["id"], 0) - float(p["probability"])) < 1e-9 for p in probs),
          "each probability is the sum over the panels holding the person")
    with open(f"{out}/summary.json") as f:
        summary = json.load(f)
    for key in ("algorithm", "min_probability", "iterations", "stages", "seconds", "certificate"):
        check(key in summary, f"summary.json has {key}")
    check(summary["algorithm"] == "leximin", "summary names the algorithm")
    cert = summary["certificate"]
    check(abs(sum(cert["weights"].values()) - 1) < 1e-9, "certificate weights sum to 1")
    check(cert["bound"] <= summary["min_probability"] + 1e-7, "certificate bound is the minimum probability")
    check(len(summary["draw"]["ids"]) == 20, "a seeded draw of 20")
    with open(f"{out}/lottery.csv") as f:
        lottery = list(csv.DictReader(f))
    check(list(lottery[0].keys()) == ["number", "ids"], "lottery.csv header number,ids")
    check([int(x["number"]) for x in lottery] == list(range(1, 101)), "lottery numbered 1..100")
    drawn = summary["lottery"]["draw"]
    check(lottery[drawn["number"] - 1]["ids"].split(" ") == drawn["ids"], "the drawn number's panel")
    # Same seed, same draw.
    r2 = run("--categories", f"{small}/categories.csv", "--respondents", f"{small}/respondents.csv",
             "--seats", "20", "--seed", "public-seed", "--out", os.path.join(tmp, "again"))
    with open(os.path.join(tmp, "again", "summary.json")) as f:
        check(json.load(f)["draw"] == summary["draw"], "the draw is reproducible from the seed")

    # Infeasible: exit 1 (a failure), naming the category.
    with open(f"{tmp}/features.csv", "w") as f:
        f.write("feature,value,min,max\ngender,f,0,2\ngender,m,0,4\nage,young,3,4\nage,old,0,4\n")
    with open(f"{tmp}/people.csv", "w") as f:
        f.write("id,gender,age\na,f,young\nb,f,young\nc,f,young\nd,m,old\ne,m,old\nf,m,old\n")
    r = run("--features", f"{tmp}/features.csv", "--people", f"{tmp}/people.csv", "--seats", "4", "--out", f"{tmp}/x")
    check(r.returncode == 1, f"infeasible quotas exit 1 (got {r.returncode})")
    check("infeasible" in r.stderr and ("gender" in r.stderr or "age" in r.stderr), f"says which: {r.stderr}")

    # Bad input: exit 2 (usage) with the file and line, or the option.
    with open(f"{tmp}/bad.csv", "w") as f:
        f.write("id,gender,age\na,f,young\nb,x,old\n")
    r = run("--features", f"{tmp}/features.csv", "--people", f"{tmp}/bad.csv", "--seats", "1", "--out", f"{tmp}/y")
    check(r.returncode == 2 and "line 3" in r.stderr and "gender" in r.stderr, f"bad value named: {r.stderr}")
    for args, word in [(["--seats", "0"], "--seats"), (["--algorithm", "best"], "--algorithm"),
                       (["--time-limit", "-1"], "--time-limit"), (["--lottery", "x"], "--lottery"),
                       (["--bogus", "1"], "--bogus")]:
        r = run("--features", f"{tmp}/features.csv", "--people", f"{tmp}/people.csv", "--seats", "4",
                "--out", f"{tmp}/z", *args) if args[0] != "--seats" else \
            run("--features", f"{tmp}/features.csv", "--people", f"{tmp}/people.csv", *args, "--out", f"{tmp}/z")
        check(r.returncode == 2 and word in r.stderr, f"{args} is refused naming {word}: {r.returncode} {r.stderr}")
    r = run("--people", f"{tmp}/people.csv", "--seats", "4", "--out", f"{tmp}/z")
    check(r.returncode == 2 and "--features" in r.stderr, "a missing option is named")
    # --help prints every option and the exit codes; --version the suite's version.
    r = run("--help")
    check(r.returncode == 0 and all(o in r.stdout for o in ("--features", "--people", "--seats",
          "--algorithm", "--household-columns", "--lottery", "--seed", "--time-limit", "--out",
          "Exit codes")), f"--help lists the options: {r.stdout}")
    r = run("--version")
    check(r.returncode == 0 and re.fullmatch(r"panel-select \d+\.\d+\.\d+\n", r.stdout) is not None,
          f"--version: {r.stdout!r}")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("panel-select CLI: all checks passed")

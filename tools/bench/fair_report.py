#!/usr/bin/env python3
"""fair_report.py RUNS JSON MD REPEATS HAVE_OURS SF_VERSION HIGHSPY_VERSION LOAD SEED REF_TIMEOUT:
ops/bench-fair's medians, targets and write-up from its runs file (one tab-separated line per run:
instance, ours|theirs, repeat, seconds, min probability, people, seats, done|stopped), written to
JSON and MD (Markdown, also printed)."""

import datetime
import json
import statistics
import sys

# Absolute limits on our seconds, per instance.
ABSOLUTE = {"example_large_200": 116.0, "paris_like_748": 60.0, "convention_1500_150": 60.0,
            "convention_5000_200": 600.0}
MIN_RATIO, PROB_TOLERANCE = 10.0, 1e-6


def read_runs(lines):
    """The runs file's lines: per instance, per side, (seconds, min probability or None, finished);
    the instances in order; their people and seats."""
    runs = {}  # name -> side -> list of (seconds, min_probability or None, finished)
    order, meta = [], {}
    for line in lines:
        name, side, _rep, seconds, prob, people, seats, status = line.rstrip("\n").split("\t")
        if name not in runs:
            order.append(name)
            runs[name] = {"ours": [], "theirs": []}
            meta[name] = {"people": None, "seats": int(seats)}
        finished = status == "done"
        runs[name][side].append((float(seconds), float(prob) if finished else None, finished))
        if people:
            meta[name]["people"] = int(people)
    return runs, order, meta


def summary(rs):
    """Medians. A stopped run counts its time limit (a lower bound), so the median seconds is a
    lower bound as soon as one run was stopped; the probability is the finished runs' median."""
    if not rs:
        return None
    probs = [p for _, p, done in rs if done]
    return {"seconds": statistics.median(s for s, _, _ in rs),
            "finished": all(done for _, _, done in rs),
            "min_probability": statistics.median(probs) if probs else None,
            "runs": [{"seconds": s, "min_probability": p, "finished": done} for s, p, done in rs]}


def verdict(ok):
    return "met" if ok else "n/a" if ok is None else "**missed**"


def within(side, limit):
    """Finished, in at most `limit` seconds."""
    return side["finished"] and side["seconds"] <= limit


def shown(side):
    at_least = "" if side["finished"] else "≥ "
    prob = "n/a" if side["min_probability"] is None else f"{side['min_probability']:.6f}"
    return f"{at_least}{side['seconds']:.3f} s, {prob}"


def evaluate(runs, order, meta):
    """Per instance: the medians of each side, the speed-up and the targets (results, for the
    JSON), and its row of the Markdown table."""
    results, rows = [], []
    for name in order:
        ours, theirs = summary(runs[name]["ours"]), summary(runs[name]["theirs"])
        r = {"instance": name, **meta[name], "ours": ours, "theirs": theirs}
        if ours and theirs:
            ratio = theirs["seconds"] / ours["seconds"] if ours["seconds"] > 0 else float("inf")
            # With a stopped reference run the ratio is a lower bound: enough to meet the target,
            # not to miss it.
            # With ours stopped (LEXIMIN out of its time limit) the ratio is an upper bound: enough
            # to miss the target, not to meet it.
            if ours["finished"]:
                speedup_ok = True if ratio >= MIN_RATIO else (False if theirs["finished"] else None)
            else:
                speedup_ok = False if ratio < MIN_RATIO and theirs["finished"] else None
            if ours["min_probability"] is None or theirs["min_probability"] is None:
                diff, prob_ok = None, None
            else:
                diff = ours["min_probability"] - theirs["min_probability"]
                prob_ok = diff >= -PROB_TOLERANCE
            targets = {"speedup_at_least_10": speedup_ok, "min_probability_at_least_theirs": prob_ok}
            if name in ABSOLUTE:
                targets[f"seconds_at_most_{ABSOLUTE[name]:g}"] = within(ours, ABSOLUTE[name])
            known = [v for v in targets.values() if v is not None]
            met = False if False in known else (True if len(known) == len(targets) else None)
            r.update(speedup=ratio, speedup_is_lower_bound=not theirs["finished"],
                     min_probability_difference=diff, targets=targets, targets_met=met)
            status = "; ".join([
                f"× ≥ 10: {verdict(speedup_ok)}",
                f"prob ≥ theirs − 1e-6: {verdict(prob_ok)}",
                *([f"≤ {ABSOLUTE[name]:g} s: {verdict(within(ours, ABSOLUTE[name]))}"] if name in ABSOLUTE else []),
            ])
            rows.append(f"| {name} | {shown(ours)} | {shown(theirs)} | "
                        f"{'' if theirs['finished'] else '≥ '}{ratio:.1f} × | "
                        f"{'n/a' if diff is None else f'{diff:+.2e}'} | {status} |")
        else:
            r.update(speedup=None, speedup_is_lower_bound=None, min_probability_difference=None,
                     targets=None, targets_met=None)
            rows.append(f"| {name} | (not run: no build/bin/panel-select) | {shown(theirs)} | — | — | — |")
        results.append(r)

    return results, rows


def main(argv):
    runs_path, json_path, md_path, repeats, have_ours, sf_version, highspy_version, load, seed, ref_timeout = argv[:10]
    have_ours = have_ours == "1"
    with open(runs_path) as f:
        runs, order, meta = read_runs(f)
    results, rows = evaluate(runs, order, meta)
    date = datetime.datetime.now(datetime.timezone.utc)
    doc = {
        "date": date.isoformat(timespec="seconds"),
        "repeats": int(repeats),
        "load_average_at_end": load,
        "reference": {"library": "sortition-algorithms", "version": sf_version, "algorithm": "maximin",
                      "solver": "highs", "highspy": highspy_version,
                      "seed": int(seed) or None, "timeout_seconds": int(ref_timeout) or None},
        "ours": {"program": "panel-select", "algorithm": "leximin", "ran": have_ours},
        "targets": {"speedup_at_least": MIN_RATIO, "min_probability_tolerance": PROB_TOLERANCE,
                    "ours_seconds_at_most": ABSOLUTE},
        "instances": results,
    }
    with open(json_path, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")

    md = [
        f"### {date:%Y-%m-%d} — `ops/bench-fair` (BENCH_REPEATS={repeats}"
        + (f", BENCH_REFERENCE_TIMEOUT={ref_timeout})" if int(ref_timeout) else ")"),
        "",
        f"Ours: `panel-select --algorithm leximin`, wall clock of the process. Theirs: sortition-algorithms "
        f"{sf_version} (maximin, HiGHS via highspy {highspy_version}), `find_distribution_maximin` alone. "
        f"Medians of {repeats}. Load average at the end: {load}.",
        "",
        "| instance | ours (s, min prob) | theirs (s, min prob) | speed-up (theirs / ours) | min prob, ours − theirs | targets |",
        "|---|---|---|---|---|---|",
        *rows,
    ]
    raw = "; ".join(f"{n}: " + ", ".join(f"{side} " + " ".join(f"{s:g}" + ("" if done else " (stopped)")
                                                                  for s, _, done in runs[n][side])
                                         for side in ("ours", "theirs") if runs[n][side]) for n in order)
    md += ["", f"Raw seconds: {raw}."]
    with open(md_path, "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""fair_plot.py JSON PNG: ops/bench-fair's plot, the median seconds of each side (our LEXIMIN,
the reference's MAXIMIN) against the pool's size, one point per instance (no line between them:
the instances differ in more than their size), from the JSON
fair_report.py wrote. A run that did not finish (stopped at its time limit) is drawn hollow, at
its limit: a lower bound. Runs in the bench's venv (matplotlib)."""

import json
import sys

import matplotlib
import matplotlib.ticker

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend)

SIDES = (("ours", "ours: panel-select LEXIMIN", "#000091", "o"),
         ("theirs", "theirs: sortition-algorithms MAXIMIN (HiGHS)", "#c9191e", "s"))


def points(doc, side):
    """(people, seconds, finished, instance) of the side's medians, by pool size."""
    out = []
    for r in doc["instances"]:
        s = r.get(side)
        if s and r.get("people"):
            out.append((r["people"], s["seconds"], s["finished"], r["instance"]))
    return sorted(out)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    with open(argv[0]) as f:
        doc = json.load(f)
    fig, ax = plt.subplots(figsize=(8, 5), dpi=120)
    for side, label, colour, marker in SIDES:
        pts = points(doc, side)
        if not pts:
            continue
        for finished in (True, False):
            sel = [p for p in pts if p[2] == finished]
            if sel:
                ax.scatter([p[0] for p in sel], [p[1] for p in sel], marker=marker, s=42,
                           facecolors=colour if finished else "none", edgecolors=colour,
                           label=label + ("" if finished else ", stopped (lower bound)"))
        if side == "ours":
            for people, seconds, _, name in pts:
                ax.annotate(name, (people, seconds), textcoords="offset points", xytext=(5, -12),
                            fontsize=7)
    targets = doc.get("targets", {}).get("ours_seconds_at_most", {})
    for name, limit in targets.items():
        r = next((r for r in doc["instances"] if r["instance"] == name and r.get("people")), None)
        if r:
            ax.scatter([r["people"]], [limit], marker="_", s=200, color="#18753c",
                       label="target for ours" if name == next(iter(
                           n for n in targets if any(i["instance"] == n for i in doc["instances"])))
                       else None)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ticks = [200, 500, 1000, 2000, 5000]
    ax.set_xticks(ticks, [f"{t:,}" for t in ticks])
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_xlabel("people in the pool")
    ax.set_ylabel("seconds (median)")
    ax.set_title(f"Fair panel selection, time against pool size — ops/bench-fair, {doc['date'][:10]}")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2)
    fig.tight_layout()
    fig.savefig(argv[1], bbox_inches="tight")


if __name__ == "__main__":
    main(sys.argv[1:])

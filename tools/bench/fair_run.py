#!/usr/bin/env python3
"""fair_run.py: one line of ops/bench-fair's runs file (tab-separated: instance, side, repeat,
seconds, min probability, people, seats, done), from a finished run's output.

  fair_run.py ours NAME REPEAT START END SUMMARY_JSON SEATS
      panel-select's run: its wall clock (END - START) and its summary.json
  fair_run.py theirs NAME REPEAT RESULT_JSON
      sf_reference.py's run: its JSON answer (its own seconds, people and seats)
"""

import json
import sys


def ours_line(name, rep, start, end, path, seats):
    """A run answered by another algorithm than the one asked (LEXIMIN out of its time limit) is
    "stopped": its time is a lower bound and its probability not LEXIMIN's."""
    with open(path) as f:
        s = json.load(f)
    done = s.get("algorithm") == s.get("requested_algorithm", s.get("algorithm"))
    return "\t".join(map(str, (name, "ours", rep, round(float(end) - float(start), 3),
                               repr(float(s["min_probability"])) if done else "nan",
                               s.get("people", ""), seats, "done" if done else "stopped")))


def theirs_line(name, rep, path):
    with open(path) as f:
        r = json.load(f)
    return "\t".join(map(str, (name, "theirs", rep, r["seconds"], repr(float(r["min_probability"])), r["people"], r["seats"],
                               "done")))


def main(argv):
    if argv[:1] == ["ours"] and len(argv) == 7:
        print(ours_line(*argv[1:]))
    elif argv[:1] == ["theirs"] and len(argv) == 4:
        print(theirs_line(*argv[1:]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])

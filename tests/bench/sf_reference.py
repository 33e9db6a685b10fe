#!/usr/bin/env python3
"""The reference side of ops/bench-fair: the Sortition Foundation's `sortition-algorithms` library
(PyPI), its MAXIMIN fair selection (the library's default algorithm), on the HiGHS backend
(`highspy`, the library's default backend; no Gurobi), on one panel-selection instance.

Prints one JSON object on stdout:
  {"library": "sortition-algorithms", "version": ..., "algorithm": "maximin", "solver": "highs",
   "seconds": ..., "min_probability": ..., "people": N, "seats": K, "committees": C}
where
  seconds          wall time of `find_distribution_maximin` alone: reading and checking the files
                   and importing highspy happen before the clock starts, the marginals are
                   computed after it stops;
  min_probability  the exact minimum over all N people of their selection probability under the
                   distribution the library returns (sum of the probabilities of the committees
                   containing them; 0 for anyone in no committee);
  committees       how many committees that distribution has with a positive probability.
The library's own log lines (it logs to stdout by default) and HiGHS's banner go to stderr.

Instances, in either layout:
  --features F --people P --seats K          the Sortition Foundation's layout: features.csv
                                             (feature,value,min,max) and people.csv (id, one
                                             column per feature, any other columns);
  --categories C --respondents R --seats K   the layout of the replication package of Flanigan
                                             et al. (Nature, 2021): categories.csv
                                             (category,feature,min,max) and respondents.csv (one
                                             column per category, no id column).
Options: --household-columns a,b (at most one person per household, a household being people
equal on all these columns; default: no household rule), --seed N (seeds the library's random
provider, which drives its initial committees and HiGHS's seed; default 0: the library's default,
unseeded).

What to expect of the library (read from its source, version 0.12.15):
  - its LEXIMIN (find_distribution_leximin) needs Gurobi; without gurobipy, find_random_sample
    quietly switches to MAXIMIN. MAXIMIN on HiGHS is therefore what it offers without a license,
    and what runs here, called directly: find_distribution_maximin(features, people, seats,
    address_columns, "highspy");
  - MAXIMIN is column generation: multiplicative-weights rounds (one per person, each an integer
    program) for the first committees, then a loop that stops once no committee improves the
    dual by more than the library's EPS = 0.0005. Its minimum probability can so be up to 0.0005
    under the true maximin optimum (LEXIMIN's minimum equals that optimum).

Runs in the venv ops/bench-fair makes (var/bench-venv), with the versions pinned there.
"""

import argparse
import csv
import importlib.metadata
import json
import logging
import os
import sys
import time

# Imported here, not inside the timed call (the library imports it lazily in its first solver).
import highspy  # noqa: F401
from sortition_algorithms import Settings, read_in_features, read_in_people
from sortition_algorithms.committee_generation import find_distribution_maximin
from sortition_algorithms.features import check_desired
from sortition_algorithms.people import check_enough_people_for_every_feature_value
from sortition_algorithms.utils import override_logging_handlers, set_random_provider

SOLVER_BACKEND = "highspy"  # HiGHS through highspy (settings.SOLVER_BACKENDS: no Gurobi involved)


def read_csv(path):
    """-> (header, rows as dicts)"""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f, strict=True)
        return list(reader.fieldnames or []), list(reader)


def load_sf_layout(features_path, people_path):
    """features.csv (feature,value,min,max) and people.csv (id, ...): as the library reads them."""
    f_head, f_rows = read_csv(features_path)
    p_head, p_rows = read_csv(people_path)
    return f_head, f_rows, p_head, p_rows, "id"


def load_paper_layout(categories_path, respondents_path):
    """categories.csv (category,feature,min,max) and respondents.csv, converted in memory to the
    library's layout. The paper's "category" is the library's feature and the paper's "feature"
    its value; the library would read a file with both a "category" and a "feature" column with
    "feature" as the feature's name, so the columns are renamed rather than passed through.
    respondents.csv has no id column: a respondent's id is its row number, 0..n-1 (the first row
    after the header is 0), as a string."""
    c_head, c_rows = read_csv(categories_path)
    missing = {"category", "feature", "min", "max"} - set(c_head)
    if missing:
        sys.exit(f"{categories_path}: missing columns {sorted(missing)}")
    f_head = ["feature", "value", "min", "max"]
    f_rows = [{"feature": r["category"], "value": r["feature"], "min": r["min"], "max": r["max"]} for r in c_rows]
    r_head, r_rows = read_csv(respondents_path)
    id_column = "id"
    while id_column in r_head:  # (a category named "id" would clash)
        id_column = "_" + id_column
    p_head = [id_column, *r_head]
    p_rows = [{id_column: str(i), **row} for i, row in enumerate(r_rows)]
    return f_head, f_rows, p_head, p_rows, id_column


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--features")
    ap.add_argument("--people")
    ap.add_argument("--categories")
    ap.add_argument("--respondents")
    ap.add_argument("--seats", type=int, required=True)
    ap.add_argument("--household-columns", default="", help="comma-separated; default: no household rule")
    ap.add_argument("--seed", type=int, default=0, help="0: the library's default (unseeded)")
    args = ap.parse_args()

    # stdout is for the JSON line only: HiGHS prints its banner on file descriptor 1 whenever a
    # solver is created, and the library's loggers write to stdout. Descriptor 1 becomes stderr
    # for the run, the JSON goes to a copy of the original.
    sys.stdout.flush()
    json_out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    stderr = logging.StreamHandler(sys.stderr)
    override_logging_handlers([stderr], [stderr])
    for name in ("sortition_algorithms", "sortition_algorithms_user"):
        logging.getLogger(name).setLevel(logging.WARNING)

    if args.features and args.people and not (args.categories or args.respondents):
        f_head, f_rows, p_head, p_rows, id_column = load_sf_layout(args.features, args.people)
    elif args.categories and args.respondents and not (args.features or args.people):
        f_head, f_rows, p_head, p_rows, id_column = load_paper_layout(args.categories, args.respondents)
    else:
        ap.error("give either --features and --people, or --categories and --respondents")

    household_columns = [c.strip() for c in args.household_columns.split(",") if c.strip()]
    # Settings.normalised_address_columns is [] when check_same_address is false: the library then
    # adds no household constraint at all (and does not need address columns in the file).
    settings = Settings(
        id_column=id_column,
        columns_to_keep=[],
        check_same_address=bool(household_columns),
        check_same_address_columns=household_columns,
        selection_algorithm="maximin",
        solver_backend=SOLVER_BACKEND,
        random_number_seed=args.seed,
    )
    features, _, _ = read_in_features(f_head, f_rows, number_to_select=args.seats)
    people, _ = read_in_people(p_head, p_rows, features, settings)
    # The checks run_stratification makes before selecting (untimed, as the reading is).
    check_desired(features, args.seats)
    check_enough_people_for_every_feature_value(features, people)
    set_random_provider(settings.random_number_seed)

    start = time.perf_counter()
    committees, probabilities, _report = find_distribution_maximin(
        features, people, args.seats, settings.normalised_address_columns, SOLVER_BACKEND
    )
    seconds = time.perf_counter() - start

    marginal = dict.fromkeys(people, 0.0)
    for committee, p in zip(committees, probabilities, strict=True):
        for person in committee:
            marginal[person] += p
    print(
        json.dumps(
            {
                "library": "sortition-algorithms",
                "version": importlib.metadata.version("sortition-algorithms"),
                "algorithm": "maximin",
                "solver": "highs",
                "seconds": round(seconds, 3),
                "min_probability": min(marginal.values()),
                "people": people.count,
                "seats": args.seats,
                "committees": sum(1 for p in probabilities if p > 0),
            }
        ),
        file=json_out,
        flush=True,
    )


if __name__ == "__main__":
    main()

"""python3 -m convention --people N --seats K [--categories C] [--households SHARE] [--tolerance T]
                        [--seed S] --out DIR

Writes a synthetic convention-sized instance (generate.py says how it is made) to DIR:
features.csv, people.csv (id, one column per category, address, postcode) and settings.txt
(seats=K, pool=N, seed=S, households=yes), the layout of data/sortition/paris_like_748. The same
arguments give the same files. Run from tools/ (or with tools/ on PYTHONPATH)."""

import argparse
import sys

from . import generate


def main(argv):
    p = argparse.ArgumentParser(prog="convention", description="a synthetic convention-sized pool and its quotas")
    p.add_argument("--people", type=int, required=True, help="respondents in the pool (1,000-5,000 for a convention)")
    p.add_argument("--seats", type=int, required=True, help="panel size (100-200 for a convention)")
    p.add_argument("--categories", type=int, default=5, help="4 to 6 categories, one of them the 20 districts (default 5)")
    p.add_argument("--households", type=float, default=0.15, help="share of people living with another respondent (0.15)")
    p.add_argument("--tolerance", type=float, default=0.05, help="each quota's slack, a share of its seats, at least 1 (0.05)")
    p.add_argument("--seed", type=int, default=1, help="the random seed (1)")
    p.add_argument("--out", required=True, help="the instance's folder")
    a = p.parse_args(argv)
    try:
        instance = generate.generate(a.people, a.seats, a.categories, a.households, a.tolerance, a.seed)
    except ValueError as e:
        p.error(str(e))
    generate.write(instance, a.seats, a.seed, a.out)
    homes = len({(x["address"], x["postcode"]) for x in instance["people"]})
    print(f"{a.out}: {a.people} people in {homes} households, {a.seats} seats, "
          f"{len(instance['quotas'])} quota values over {', '.join(instance['categories'])}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Unit tests of the convention-sized instance generator (tools/convention): the shape asked for,
feasible quotas (the witness panel meets them, one per household), a self-selected pool,
households, the same files from the same seed."""

import csv
import os
import tempfile
import unittest
from collections import Counter

from convention import generate


def counts(people, names):
    return {name: Counter(p[name] for p in people) for name in names}


def meets(instance, ids):
    """What the panel of `ids` breaks: quotas and the one-per-household rule (empty if nothing)."""
    panel = [p for p in instance["people"] if p["id"] in set(ids)]
    c = counts(panel, instance["categories"])
    broken = [f"{n} {v}: {c[n][v]} not in [{lo}, {hi}]" for n, v, lo, hi in instance["quotas"] if not lo <= c[n][v] <= hi]
    homes = Counter((p["address"], p["postcode"]) for p in panel)
    broken += [f"household {h} holds {k}" for h, k in homes.items() if k > 1]
    return broken


class Generate(unittest.TestCase):
    def setUp(self):
        self.inst = generate.generate(1500, 150, count=5, household_share=0.15, tolerance=0.05, seed=1)

    def test_shape(self):
        inst = self.inst
        self.assertEqual(len(inst["people"]), 1500)
        self.assertEqual(inst["categories"], ["gender", "age", "district", "education", "area"])
        districts = [v for n, v, _, _ in inst["quotas"] if n == "district"]
        self.assertEqual(len(districts), 20)
        self.assertEqual(len({p["id"] for p in inst["people"]}), 1500)
        for count in (4, 6):
            names = generate.generate(1000, 100, count=count, seed=2)["categories"]
            self.assertEqual(len(names), count)
            self.assertIn("district", names)
        with self.assertRaises(ValueError):
            generate.generate(1000, 100, count=3)
        with self.assertRaises(ValueError):
            generate.generate(100, 100)

    def test_quotas_are_feasible_and_bracket_the_shares(self):
        inst = self.inst
        self.assertEqual(len(inst["witness"]), 150)
        self.assertEqual(meets(inst, inst["witness"]), [])
        for name in inst["categories"]:
            rows = [q for q in inst["quotas"] if q[0] == name]
            self.assertLessEqual(sum(q[2] for q in rows), 150, name)
            self.assertGreaterEqual(sum(q[3] for q in rows), 150, name)
            for _, value, lo, hi in rows:
                self.assertLess(lo, hi, (name, value))

    def test_the_pool_is_self_selected(self):
        c = counts(self.inst["people"], ["age", "education"])
        # The old and the graduates answer more than their share of the population (13 % and 14 %).
        self.assertLess(c["age"]["16-24"] / 1500, 0.10)
        self.assertGreater(c["education"]["master"] / 1500, 0.25)

    def test_households(self):
        people = self.inst["people"]
        homes = Counter((p["address"], p["postcode"]) for p in people)
        shared = sum(k for k in homes.values() if k > 1)
        self.assertGreater(shared, 0.15 * 1500)  # the housemates and the people they live with
        self.assertLess(len(homes), 1500)
        by_home = {}
        for p in people:
            by_home.setdefault((p["address"], p["postcode"]), []).append(p)
        for members in by_home.values():  # housemates live in one district and one area
            self.assertEqual(len({(p["district"], p["area"]) for p in members}), 1)
        self.assertEqual(len(homes), len(set(homes)))
        no_households = generate.generate(1000, 100, household_share=0, seed=3)
        self.assertEqual(len({(p["address"], p["postcode"]) for p in no_households["people"]}), 1000)

    def test_same_seed_same_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            texts = []
            for run in ("a", "b"):
                out = os.path.join(tmp, run)
                generate.write(generate.generate(1200, 120, seed=7), 120, 7, out)
                texts.append([open(os.path.join(out, f)).read() for f in ("features.csv", "people.csv", "settings.txt")])
            self.assertEqual(texts[0], texts[1])
            other = generate.generate(1200, 120, seed=8)
            self.assertNotEqual([p["gender"] for p in other["people"]][:50],
                                [row["gender"] for row in csv.DictReader(texts[0][1].splitlines())][:50])
            self.assertEqual(texts[0][2], "seats=120\npool=1200\nseed=7\nhouseholds=yes\n")
            header = texts[0][1].splitlines()[0]
            self.assertEqual(header, "id,gender,age,district,education,area,address,postcode")
            self.assertEqual(texts[0][0].splitlines()[0], "feature,value,min,max")


if __name__ == "__main__":
    unittest.main()

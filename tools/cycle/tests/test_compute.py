"""Unit tests of cycle.compute: the self-selection, the quota ranges, attendance, small rules."""

import collections
import random
import unittest

from cycle import compute, data


class SelfSelection(unittest.TestCase):
    def test_pick_follows_the_cumulative_weights(self):
        class Fixed:  # an rng whose random() answers what we say
            def __init__(self, r):
                self.r = r

            def random(self):
                return self.r

        weights = [("a", 0.2), ("b", 0.5), ("c", 0.3)]
        self.assertEqual(compute.pick(Fixed(0.0), weights), "a")
        self.assertEqual(compute.pick(Fixed(0.19), weights), "a")
        self.assertEqual(compute.pick(Fixed(0.2), weights), "b")
        self.assertEqual(compute.pick(Fixed(0.69), weights), "b")
        self.assertEqual(compute.pick(Fixed(0.71), weights), "c")
        # Rounding: weights that add up to a little less than 1 still give the last value.
        self.assertEqual(compute.pick(Fixed(0.999), [("x", 0.5), ("y", 0.4999)]), "y")

    def test_the_answering_shares_add_up_to_one(self):
        for kind, features in data.ANSWERS.items():
            for feature, weights in features.items():
                self.assertAlmostEqual(sum(w for _, w in weights), 1.0, places=9, msg=f"{kind} {feature}")

    def test_respondents_are_self_selected(self):
        rng = random.Random("self-selection")
        drawn = [compute.respondent_criteria(rng, "roll", "11") for _ in range(20000)]
        self.assertEqual(list(drawn[0]), ["gender", "age_band", "diploma", "arrondissement"])
        self.assertTrue(all(c["arrondissement"] == "11" for c in drawn))
        share = lambda f, v: sum(c[f] == v for c in drawn) / len(drawn)  # noqa: E731
        # Older, more educated, more women than the pool: the shares of data.ANSWERS, within 1.5 points.
        self.assertAlmostEqual(share("gender", "F"), 0.56, delta=0.015)
        self.assertAlmostEqual(share("age_band", "65+"), 0.28, delta=0.015)
        self.assertAlmostEqual(share("age_band", "18-24"), 0.07, delta=0.015)
        self.assertAlmostEqual(share("diploma", "bac+5"), 0.42, delta=0.015)

    def test_minors_declare_an_age_of_16_or_17(self):
        rng = random.Random(1)
        ages = {compute.respondent_criteria(rng, "minors", "20")["age_band"] for _ in range(500)}
        self.assertEqual(ages, {"16", "17"})

    def test_the_same_seed_gives_the_same_respondents(self):
        a = [compute.respondent_criteria(random.Random("x"), "non-eu-residents", "05") for _ in range(3)]
        b = [compute.respondent_criteria(random.Random("x"), "non-eu-residents", "05") for _ in range(3)]
        self.assertEqual(a, b)
        # One rng.random() per feature, in the order of data.ANSWERS: the draws that follow are
        # those of a random.Random that made three random() calls.
        rng, ref = random.Random("x"), random.Random("x")
        compute.respondent_criteria(rng, "non-eu-residents", "05")
        for _ in range(3):
            ref.random()
        self.assertEqual(rng.random(), ref.random())


class Quotas(unittest.TestCase):
    def test_the_quota_csv_of_the_minors(self):
        self.assertEqual(compute.quota_csv(data.QUOTA_RANGES["minors"]),
                         "feature,value,min,max\ngender,F,2,3\ngender,M,2,3\nage_band,16,1,4\nage_band,17,1,4\n")

    def test_the_quota_csv_of_the_roll(self):
        csv = compute.quota_csv(data.QUOTA_RANGES["roll"]).splitlines()
        self.assertEqual(csv[0], "feature,value,min,max")
        self.assertEqual(csv[1:3], ["gender,F,39,41", "gender,M,39,41"])
        self.assertEqual(csv[8], "arrondissement,01,0,2")
        self.assertEqual(csv[27], "arrondissement,20,6,9")
        self.assertEqual(csv[-1], "diploma,bac+5,20,32")
        self.assertEqual(len(csv), 1 + 2 + 5 + 20 + 4)

    def test_every_seat_pool_can_be_filled_under_its_quotas(self):
        for p in data.POOLS:
            self.assertEqual(compute.quota_problems(data.QUOTA_RANGES[p["kind"]], p["seats"]), [], p["kind"])

    def test_the_bounds_of_the_roll(self):
        bounds = compute.quota_bounds(data.QUOTA_RANGES["roll"])
        self.assertEqual(bounds, {"gender": (78, 82), "age_band": (65, 95), "arrondissement": (54, 112), "diploma": (60, 98)})

    def test_infeasible_quotas_are_reported(self):
        ranges = [("gender", "F", 2, 3), ("gender", "M", 2, 3), ("age", "old", 4, 2)]
        self.assertEqual(compute.quota_problems(ranges, 7),
                         ["age old: min 4 > max 2", "gender: 7 seats outside [4, 6]", "age: 7 seats outside [4, 2]"])

    def test_the_quotas_name_what_the_respondents_declare(self):
        for kind, ranges in data.QUOTA_RANGES.items():
            declared = {f: {v for v, _ in w} for f, w in data.ANSWERS[kind].items()}
            declared["arrondissement"] = set(data.ARRONDISSEMENT_SEATS)
            for f, v, _, _ in ranges:
                self.assertIn(v, declared[f], f"{kind}: {f} {v}")


class Attendance(unittest.TestCase):
    def test_each_member_keeps_a_propensity_and_about_13_percent_miss(self):
        rng, rates = random.Random("attendance"), {}
        members = [f"m{i}" for i in range(100)]
        records = [r for _ in range(60) for r in compute.attendance_for(rng, rates, members)]
        self.assertEqual(set(rates), set(members))
        self.assertTrue(set(rates.values()) <= {0.07, 0.22, 0.38})
        counts = collections.Counter(r["status"] for r in records)
        missed = (counts["excused"] + counts["absent"]) / len(records)
        self.assertGreater(missed, 0.08)
        self.assertLess(missed, 0.18)
        self.assertAlmostEqual(counts["excused"] / (counts["excused"] + counts["absent"]), 0.45, delta=0.06)

    def test_a_member_rate_is_drawn_once(self):
        rates = {"m1": 0.0, "m2": 1.0}
        rng = random.Random(3)
        records = compute.attendance_for(rng, rates, ["m1", "m2"])
        self.assertEqual(records[0], {"member_id": "m1", "status": "present"})
        self.assertIn(records[1]["status"], ("excused", "absent"))
        self.assertEqual(rates, {"m1": 0.0, "m2": 1.0})


class Rules(unittest.TestCase):
    def test_seat_pools_in_the_order_of_the_pools(self):
        pools = [{"pool": "minors"}, {"pool": "other"}, {"pool": "roll"}, {"pool": "non-eu-residents"}]
        self.assertEqual([p["pool"] for p in compute.seat_pools_in_order(pools)], ["roll", "non-eu-residents", "minors", "other"])

    def test_leavers_five_from_the_roll_one_from_each_other_pool(self):
        invited = [{"id": i, "pool": p} for i, p in enumerate(["minors", "roll"] * 4 + ["non-eu-residents"] * 3 + ["roll"] * 3)]
        self.assertEqual([m["id"] for m in compute.leavers(invited)], [1, 3, 5, 7, 11, 8, 0])

    def test_slug(self):
        self.assertEqual(compute.slug("Campagne « La rue, on la partage »"), "campagne-la-rue-on-la-partage")
        self.assertEqual(compute.slug("Ouvrir dix bibliothèques le dimanche"), "ouvrir-dix-bibliothques-le-dimanche")

    def test_unanimous(self):
        self.assertTrue(compute.unanimous({"state": "adopted", "votes_against": 0, "abstentions": 0}))
        self.assertFalse(compute.unanimous({"state": "adopted", "votes_against": 0, "abstentions": 1}))
        self.assertFalse(compute.unanimous({"state": "rejected", "votes_against": 0, "abstentions": 0}))

    def test_sha_and_today(self):
        import datetime
        self.assertEqual(compute.sha("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        now = datetime.datetime(2023, 12, 31, 23, 0, tzinfo=datetime.timezone.utc)
        self.assertEqual(compute.today(1, now=now), "2024-01-01")
        self.assertEqual(compute.today(-1, now=now), "2023-12-30")


if __name__ == "__main__":
    unittest.main()

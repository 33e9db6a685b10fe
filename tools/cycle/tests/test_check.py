"""Unit tests of cycle.check's checks of the summary (those of the whole-cycle test), on the summary
of a real 20,000-voter cycle (data/summary-20000.json)."""

import copy
import json
import os
import unittest

from cycle import check, summary

ASSEMBLY = "cycle-e2e-fixture"
with open(os.path.join(os.path.dirname(__file__), "data", "summary-20000.json")) as f:
    SUMMARY = json.load(f)


def failures(s, assembly=ASSEMBLY):
    checks = check.Checks(echo=False)
    check.summary_checks(s, assembly, checks)
    return checks.failures


class SummaryChecks(unittest.TestCase):
    def test_a_real_cycle_passes(self):
        checks = check.Checks(echo=False)
        check.summary_checks(SUMMARY, ASSEMBLY, checks)
        self.assertEqual(checks.failures, [])
        self.assertGreater(len(checks.results), 40)

    def test_another_assembly_fails(self):
        self.assertEqual(failures(SUMMARY, "another"), ["assembly another on a roll of 20,000 voters"])

    def test_a_quota_not_met_fails(self):
        s = copy.deepcopy(SUMMARY)
        roll = next(p for p in s["panel"]["seat_pools"] if p["pool"] == "roll")
        gender = next(c for c in roll["categories"] if c["category"] == "gender")
        gender["values"][0]["panel"] = gender["values"][0]["max"] + 1
        got = failures(s)
        self.assertEqual(len(got), 1)
        self.assertTrue(got[0].startswith("roll: every quota met, each category adds up to 80"), got)

    def test_a_replacement_from_another_pool_fails(self):
        s = copy.deepcopy(SUMMARY)
        s["members"]["replacements_in_pool"] = 6
        self.assertEqual(failures(s), ["each replacement from the pool of the one who declined"])

    def test_letters_failed_or_missing_fail(self):
        for broken in ("failed", "short", "absent"):
            s = copy.deepcopy(SUMMARY)
            if broken == "failed":
                s["letters"][0]["state"] = "failed"
            elif broken == "short":
                s["letters"][1]["letters"] -= 1
            else:
                del s["letters"]
            got = failures(s)
            self.assertEqual(len(got), 1, (broken, got))
            self.assertTrue(got[0].startswith("the invitation letters made"), got)

    def test_a_ballot_not_unanimous_fails(self):
        s = copy.deepcopy(SUMMARY)
        s["ballots"][0]["result"]["against"] = 1
        self.assertEqual(len(failures(s)), 1)

    def test_too_many_absences_fail(self):
        s = copy.deepcopy(SUMMARY)
        a = s["attendance"]
        a["absent"] += a["present"] // 2
        a["present"] -= a["present"] // 2
        self.assertEqual(len(failures(s)), 1)
        self.assertIn("realistic absences", failures(s)[0])

    def test_the_summary_prints(self):
        # The printed summary of a real cycle: every section, in order.
        lines = summary.format_summary(SUMMARY, "var/run-summary.json")
        self.assertEqual(lines[0], f"\nSummary of assembly {ASSEMBLY} (also in var/run-summary.json)")
        starts = [line.split(":")[0].strip() for line in lines if line.startswith("  ") and not line.startswith("   ")]
        self.assertEqual(starts[:4], ["pools", "panel (leximin/1) beside the quotas", "members", "sessions"])
        self.assertIn("  pools: roll 20,000 people, 10,000 invited, non-eu-residents 4,000 people, 2,000 invited, "
                      "minors 2,000 people, 800 invited", lines)


if __name__ == "__main__":
    unittest.main()

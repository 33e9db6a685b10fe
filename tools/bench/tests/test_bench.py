"""Unit tests of the benchmark scripts' Python helpers (tools/bench)."""

import io
import json
import os
import tempfile
import unittest
from contextlib import redirect_stdout

from bench import calc, fair_report, fair_run


class Calc(unittest.TestCase):
    def run_calc(self, *argv, stdin=None):
        out = io.StringIO()
        with redirect_stdout(out):
            calc.main(list(argv), stdin=io.StringIO(stdin or ""))
        return out.getvalue().strip()

    def test_numbers_keep_their_kind(self):
        self.assertEqual(calc.number("12"), 12)
        self.assertIsInstance(calc.number("12"), int)
        self.assertEqual(calc.number("1.5"), 1.5)
        self.assertEqual(calc.number("256e6"), 256e6)

    def test_the_calculators(self):
        self.assertEqual(self.run_calc("rate", "200000", "100.5", "110.5"), "20000")
        self.assertEqual(self.run_calc("pct", "1234", "2000"), "61.7")
        self.assertEqual(self.run_calc("div", "1234", "100", "2"), "12.34")
        self.assertEqual(self.run_calc("div", "300000", "1024"), "293")
        self.assertEqual(self.run_calc("sub", "12.5", "2.25", "2"), "10.25")
        self.assertEqual(self.run_calc("sub", "7", "2", "2"), "5")
        self.assertEqual(self.run_calc("verdict", "1.5", "1.5"), "met")
        self.assertEqual(self.run_calc("verdict", str(300 * 1024 * 1024), "256e6"), "**missed**")
        self.assertEqual(self.run_calc("ticks-delta", "1 100\n2 50\n", "1 150\n2 70\n3 30\n", "100"), "1.0")

    def test_the_json_pickers(self):
        doc = json.dumps({"id": "d1", "items": [{"id": "a"}, {"id": "b"}]})
        self.assertEqual(self.run_calc("json-get", "id", stdin=doc), "d1")
        self.assertEqual(self.run_calc("json-get", "items", "1", "id", stdin=doc), "b")
        self.assertEqual(self.run_calc("json-ids", stdin=doc), "a b")
        with self.assertRaises(SystemExit) as e:
            self.run_calc("json-count-is", "2", stdin=doc)
        self.assertFalse(e.exception.code)
        with self.assertRaises(SystemExit) as e:
            self.run_calc("json-count-is", "100", stdin=doc)
        self.assertTrue(e.exception.code)
        self.assertEqual(json.loads(self.run_calc("candidates", "3")), [{"person_id": "p0"}, {"person_id": "p1"}, {"person_id": "p2"}])


RUNS = ("example_large_200\tours\t1\t10.5\t0.0123\t200\t20\tdone\n"
        "example_large_200\ttheirs\t1\t150\t0.0123\t200\t20\tdone\n"
        "example_large_200\tours\t2\t11.5\t0.0124\t\t20\tdone\n"
        "example_large_200\ttheirs\t2\t160\t0.0122\t200\t20\tdone\n"
        "paris_like_748\tours\t1\t70\t0.002\t748\t100\tdone\n"
        "paris_like_748\ttheirs\t1\t300\tnan\t\t100\tstopped\n"
        "sf_a\ttheirs\t1\t3\t0.1\t35\t10\tdone\n")


class FairReport(unittest.TestCase):
    def test_medians_targets_and_rows(self):
        runs, order, meta = fair_report.read_runs(io.StringIO(RUNS))
        self.assertEqual(order, ["example_large_200", "paris_like_748", "sf_a"])
        self.assertEqual(meta["example_large_200"], {"people": 200, "seats": 20})
        results, rows = fair_report.evaluate(runs, order, meta)
        large, paris, sf = results
        self.assertEqual(large["ours"]["seconds"], 11.0)
        self.assertAlmostEqual(large["speedup"], 155 / 11)
        self.assertAlmostEqual(large["min_probability_difference"], 0.01235 - 0.01225)
        self.assertEqual(large["targets"], {"speedup_at_least_10": True, "min_probability_at_least_theirs": True,
                                            "seconds_at_most_116": True})
        self.assertTrue(large["targets_met"])
        # A stopped reference: the ratio is a lower bound, it can neither meet nor miss the target.
        self.assertTrue(paris["speedup_is_lower_bound"])
        self.assertEqual(paris["targets"], {"speedup_at_least_10": None, "min_probability_at_least_theirs": None,
                                            "seconds_at_most_60": False})
        self.assertFalse(paris["targets_met"])
        self.assertIsNone(sf["ours"])
        self.assertEqual(rows[0], "| example_large_200 | 11.000 s, 0.012350 | 155.000 s, 0.012250 | 14.1 × | +1.00e-04 | "
                                  "× ≥ 10: met; prob ≥ theirs − 1e-6: met; ≤ 116 s: met |")
        self.assertEqual(rows[1], "| paris_like_748 | 70.000 s, 0.002000 | ≥ 300.000 s, n/a | ≥ 4.3 × | n/a | "
                                  "× ≥ 10: n/a; prob ≥ theirs − 1e-6: n/a; ≤ 60 s: **missed** |")
        self.assertEqual(rows[2], "| sf_a | (not run: no build/bin/panel-select) | 3.000 s, 0.100000 | — | — | — |")

    def test_the_files(self):
        with tempfile.TemporaryDirectory() as d:
            runs = os.path.join(d, "runs.tsv")
            with open(runs, "w") as f:
                f.write(RUNS)
            with redirect_stdout(io.StringIO()) as out:
                fair_report.main([runs, f"{d}/r.json", f"{d}/r.md", "2", "1", "1.2", "1.3", "0.1 0.2 0.3", "0", "300"])
            with open(f"{d}/r.json") as f:
                doc = json.load(f)
            self.assertEqual(doc["reference"]["timeout_seconds"], 300)
            self.assertIsNone(doc["reference"]["seed"])
            self.assertEqual([r["instance"] for r in doc["instances"]], ["example_large_200", "paris_like_748", "sf_a"])
            with open(f"{d}/r.md") as f:
                md = f.read()
            self.assertEqual(md, out.getvalue())
            self.assertIn("BENCH_REPEATS=2, BENCH_REFERENCE_TIMEOUT=300)", md.splitlines()[0])
            self.assertEqual(md.splitlines()[-1], "Raw seconds: example_large_200: ours 10.5 11.5, theirs 150 160; "
                                                  "paris_like_748: ours 70, theirs 300 (stopped); sf_a: theirs 3.")


class FairRun(unittest.TestCase):
    def test_the_run_lines(self):
        with tempfile.TemporaryDirectory() as d:
            with open(f"{d}/s.json", "w") as f:
                json.dump({"min_probability": 0.0123456789, "people": 200}, f)
            with open(f"{d}/t.json", "w") as f:
                json.dump({"seconds": 12.5, "min_probability": 0.01, "people": 200, "seats": 20}, f)
            self.assertEqual(fair_run.ours_line("n", "1", "100.1", "112.3456", f"{d}/s.json", "20"),
                             "n\tours\t1\t12.246\t0.0123456789\t200\t20\tdone")
            self.assertEqual(fair_run.theirs_line("n", "2", f"{d}/t.json"), "n\ttheirs\t2\t12.5\t0.01\t200\t20\tdone")
            # The lines read back as fair_report reads them.
            runs, _, meta = fair_report.read_runs([fair_run.ours_line("n", "1", "0", "2", f"{d}/s.json", "20") + "\n"])
            self.assertEqual(runs["n"]["ours"], [(2.0, 0.0123456789, True)])

    def test_a_leximin_out_of_time_is_stopped(self):
        # Answered by MAXIMIN when LEXIMIN was asked: not finished, no probability compared, and
        # the absolute target is missed whatever the seconds.
        with tempfile.TemporaryDirectory() as d:
            with open(f"{d}/s.json", "w") as f:
                json.dump({"min_probability": 0.05, "people": 5000, "algorithm": "maximin",
                           "requested_algorithm": "leximin"}, f)
            line = fair_run.ours_line("convention_5000_200", "1", "0", "601", f"{d}/s.json", "200")
            self.assertEqual(line, "convention_5000_200\tours\t1\t601.0\tnan\t5000\t200\tstopped")
            runs, order, meta = fair_report.read_runs([
                line + "\n", "convention_5000_200\ttheirs\t1\t900\tnan\t\t200\tstopped\n"])
            results, rows = fair_report.evaluate(runs, order, meta)
            self.assertFalse(results[0]["ours"]["finished"])
            self.assertFalse(results[0]["targets"]["seconds_at_most_600"])
            self.assertIsNone(results[0]["targets"]["speedup_at_least_10"])
            self.assertFalse(results[0]["targets_met"])
            self.assertIn("≥ 601.000 s, n/a", rows[0])
            self.assertIn("≤ 600 s: **missed**", rows[0])


if __name__ == "__main__":
    unittest.main()

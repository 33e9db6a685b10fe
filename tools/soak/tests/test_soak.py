"""Unit tests of the soak's pure parts (tools/soak): the judgement of the series, the metrics'
parsing, the residents' addresses, the invitees' answers, wrk's result line. No stack."""

import random
import unittest

from soak import load, sample, verdict


def run_of(series, values, duration=90, step=10):
    """Samples every STEP seconds of a DURATION-second load, then one drain sample."""
    out = [{"t": i * step, series: v} for i, v in enumerate(values[:-1])]
    out.append({"t": duration + 5, series: values[-1]})
    return out


class Verdict(unittest.TestCase):
    def test_kinds(self):
        self.assertEqual(verdict.kind("sortition_rss_mb"), "rss")
        self.assertEqual(verdict.kind("membership_fds"), "fds")
        self.assertEqual(verdict.kind("followup_threads"), "threads")
        self.assertEqual(verdict.kind("pg_workshops"), "pg")
        self.assertEqual(verdict.kind("pg_other"), "pg")
        self.assertEqual(verdict.kind("notifications_outbox_oldest_s"), "outbox_oldest_s")
        self.assertEqual(verdict.kind("recommendations_lag"), "lag")
        with self.assertRaises(ValueError):
            verdict.kind("nonsense")

    def test_memory_that_levels_off_passes(self):
        # warm-up in the first third, flat afterwards
        v = verdict.judge("s_rss_mb", run_of("s_rss_mb", [20, 40, 60, 62, 63, 62, 63, 64, 63, 63, 63]), 100)
        self.assertTrue(v["ok"], v)
        self.assertEqual(v["start"], 20)

    def test_memory_that_keeps_growing_fails(self):
        v = verdict.judge("s_rss_mb", run_of("s_rss_mb", [20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 110]), 100)
        self.assertFalse(v["ok"], v)
        self.assertIn("%", v["why"])

    def test_counts_get_a_margin_over_the_middle_max(self):
        flat = [30, 40, 41, 40, 42, 41, 44, 49, 40, 41, 40]
        self.assertTrue(verdict.judge("s_fds", run_of("s_fds", flat), 100)["ok"])
        leak = [30, 40, 41, 44, 47, 50, 53, 56, 59, 62, 62]
        self.assertFalse(verdict.judge("s_fds", run_of("s_fds", leak), 100)["ok"])
        self.assertFalse(verdict.judge("pg_other", run_of("pg_other", [1, 2, 2, 2, 2, 2, 2, 9, 2, 2, 2]), 100)["ok"])

    def test_backlogs_are_judged_on_their_final_value(self):
        busy_then_drained = [0, 50, 900, 30, 800, 10, 700, 20, 600, 400, 0]
        self.assertTrue(verdict.judge("s_lag", run_of("s_lag", busy_then_drained), 100)["ok"])
        stuck = [0, 5, 9, 12, 20, 30, 40, 50, 60, 70, 80]
        self.assertFalse(verdict.judge("s_lag", run_of("s_lag", stuck), 100)["ok"])
        self.assertFalse(verdict.judge("s_outbox_oldest_s", run_of("s_outbox_oldest_s", [0, 0, 60]), 100)["ok"])

    def test_missing_samples_are_no_verdict_against(self):
        v = verdict.judge("s_fds", [{"t": 0, "s_fds": None}], 100)
        self.assertTrue(v["ok"])
        self.assertEqual(v["why"], "no samples")

    def test_the_table_names_what_grew(self):
        vs = [verdict.judge("s_fds", run_of("s_fds", [1, 2, 3, 4, 20, 30, 40, 50, 60, 70, 80]), 100),
              verdict.judge("s_lag", run_of("s_lag", [0, 3, 0]), 100)]
        self.assertEqual(verdict.grown(vs), ["s_fds"])
        text = "\n".join(verdict.table(vs))
        self.assertIn("**GREW**", text)
        self.assertIn("drained", text)


class Sample(unittest.TestCase):
    def test_metrics(self):
        text = "\n".join([
            "# HELP sortition_outbox_pending_events x",
            "sortition_outbox_pending_events 0",
            "sortition_outbox_oldest_pending_seconds 1.5",
            'sortition_consumer_lag_messages{topic="assembly.membership.v1",partition="0"} 3',
            'sortition_consumer_lag_messages{topic="assembly.membership.v1",partition="1"} -1',
            'sortition_consumer_lag_messages{topic="assembly.membership.v1",partition="2"} 4',
            'sortition_http_requests_total{method="POST",route="/v1/responses",status="201"} 900',
            'sortition_http_requests_total{method="POST",route="/v1/responses",status="503"} 2',
            'sortition_http_requests_total{method="GET",route="/x",status="500"} 1',
            'membership_outbox_oldest_pending_seconds 99',
        ])
        m = sample.parse_metrics(text, "sortition")
        self.assertEqual(m, {"outbox_oldest_s": 1.5, "outbox_failed": 0.0, "lag": 7.0, "http_5xx": 3.0})

    def test_columns_cover_every_service_and_have_a_rule(self):
        cols = sample.columns()
        self.assertIn("notifications_rss_mb", cols)
        self.assertIn("pg_other", cols)
        self.assertEqual(len(cols), len(set(cols)))
        for c in cols:
            verdict.kind(c)


class Load(unittest.TestCase):
    def test_each_resident_has_an_address_of_their_own(self):
        self.assertEqual(load.resident_address(0), "127.16.0.1")
        self.assertEqual(load.resident_address(255), "127.16.1.0")
        addresses = {load.resident_address(i) for i in range(10000)}
        self.assertEqual(len(addresses), 10000)
        self.assertNotIn("127.0.0.1", addresses)

    def test_answers_follow_the_questions(self):
        questions = [{"name": "gender", "values": ["F", "M"]}, {"name": "age_band", "values": ["18-24", "25-34", "35-49", "50-64", "65+"]},
                     {"name": "arrondissement", "values": [str(i) for i in range(1, 21)]}, {"name": "extra", "values": ["a", "b"]}]
        rng = random.Random(1)
        bodies = [load.answer_body(rng, questions, "ABCDE-FGHJK", "7", i) for i in range(400)]
        no = [b for b in bodies if not b["willing"]]
        self.assertTrue(20 < len(no) < 90, len(no))
        for b in no:
            self.assertEqual(set(b), {"code", "willing"})
        for b in bodies:
            if b["willing"]:
                self.assertEqual(set(b["criteria"]), {"gender", "age_band", "arrondissement", "extra"})
                self.assertEqual(b["criteria"]["arrondissement"], "7")
                self.assertTrue(b["consent"])

    def test_waves_fall_within_the_run(self):
        w = load.Waves(None, "", "a", [], 600, None, at=60, period=120)
        self.assertEqual(w.times(), [60, 180, 300, 420, 540])
        self.assertEqual(load.Waves(None, "", "a", [], 120, None, at=60, period=120).times(), [60])

    def test_tally(self):
        t = load.Tally()
        for s in (201, 201, 429, 0):
            t.add("answer", s, 0.01)
        t.add("vote", 200, 0.02)
        self.assertEqual(t.count("answer", 201), 2)
        self.assertEqual(t.failures({"answer": 201, "vote": 200}), {"answer": {0: 1, 429: 1}})

    def test_wrk_result_line(self):
        out = 'Running 10s test\n  2 threads\nRequests/sec: 200.1\n{"requests": 2001, "s5xx": 0}\n'
        self.assertEqual(load.site_result(out), {"requests": 2001, "s5xx": 0})
        self.assertIsNone(load.site_result("wrk: error"))


if __name__ == "__main__":
    unittest.main()

"""Unit tests of cycle.client's parts that need no server: /metrics samples, and a failed call's message."""

import unittest

from cycle import client

EXPOSITION = """# HELP followup_milestones_overdue Milestones past due.
# TYPE followup_milestones_overdue gauge
followup_milestones_overdue{assembly="a1"} 2
followup_milestones_overdue{assembly="a2",department="DLH"} 1
followup_milestones_overdue_total{assembly="a1"} 7
"""


class MetricSample(unittest.TestCase):
    def test_the_sample_with_exactly_these_labels(self):
        self.assertEqual(client.metric_sample(EXPOSITION, "followup_milestones_overdue", {"assembly": "a1"}), 2.0)
        self.assertEqual(client.metric_sample(EXPOSITION, "followup_milestones_overdue", {"assembly": "a2", "department": "DLH"}), 1.0)
        self.assertIsNone(client.metric_sample(EXPOSITION, "followup_milestones_overdue", {"assembly": "a2"}))
        self.assertIsNone(client.metric_sample(EXPOSITION, "followup_milestones", {"assembly": "a1"}))


class MetricsUrl(unittest.TestCase):
    def test_the_metrics_port_when_the_stack_gives_one(self):
        env = {svc.upper() + "_URL": "http://" + svc for svc in client.SERVICES}
        self.assertEqual(client.Client.from_env(env).metrics_url("followup"), "http://followup/metrics")
        env["FOLLOWUP_METRICS_URL"] = "http://127.0.0.1:18085"
        self.assertEqual(client.Client.from_env(env).metrics_url("followup"), "http://127.0.0.1:18085/metrics")


class Must(unittest.TestCase):
    def setUp(self):
        self.c = client.Client({"followup": "http://f"})
        self.c.last_call[:] = ["POST", "http://f/v1/commitments"]

    def test_the_expected_status_gives_the_body(self):
        self.assertEqual(self.c.must(201, (201, {"id": "c1"}), "commitment"), {"id": "c1"})
        self.assertEqual(self.c.must((200, 201), (200, {"id": "c1"}), "commitment"), {"id": "c1"})

    def test_another_status_exits_naming_the_call(self):
        with self.assertRaises(SystemExit) as e:
            self.c.must(201, (422, {"detail": "too long", "field": "/title"}), "commitment")
        self.assertEqual(str(e.exception.code),
                         "cycle: commitment failed: POST http://f/v1/commitments answered 422: too long (field /title)")


if __name__ == "__main__":
    unittest.main()


class NextLink(unittest.TestCase):
    def test_the_next_page_of_a_link_header(self):
        self.assertEqual(client.next_link('</v1/x?limit=2&cursor=MTA>; rel="next"'), "/v1/x?limit=2&cursor=MTA")
        self.assertEqual(client.next_link('</a>; rel="prev", </b>; rel="next"'), "/b")

    def test_no_next_page(self):
        self.assertIsNone(client.next_link(""))
        self.assertIsNone(client.next_link('</a>; rel="prev"'))


class CsvPages(unittest.TestCase):
    def test_pages_are_joined_under_one_header(self):
        c = client.Client({"sortition": "http://s"})
        pages = {"/m?limit=2": ("code,name\n1,a\n2,b\n", '</m?limit=2&cursor=Mg>; rel="next"'),
                 "/m?limit=2&cursor=Mg": ("code,name\n3,c\n", "")}
        seen = []

        def fake_call(method, svc, path, raw=False, **_):
            seen.append(path)
            body, c.last_link = pages[path]
            return 200, body

        c.call = fake_call
        self.assertEqual(c.get_csv_pages("sortition", "/m?limit=2", "list"), "code,name\n1,a\n2,b\n3,c\n")
        self.assertEqual(seen, ["/m?limit=2", "/m?limit=2&cursor=Mg"])

"""tools/fuzz without a stack: the operations read from the OpenAPI documents, the cases made for
one, the judgement of an answer, the reading of a chunked body."""

import json
import pathlib
import unittest

from fuzz import cases, routes, run

ROOT = pathlib.Path(__file__).resolve().parents[3]


def op_named(ops, service, method, path):
    return next(o for o in ops if (o.service, o.method, o.path) == (service, method, path))


class Routes(unittest.TestCase):
    def setUp(self):
        self.ops = routes.operations(ROOT)

    def test_every_operation_of_every_document_is_read(self):
        expected = 0
        for doc in ROOT.glob("services/*/openapi.json"):
            for item in json.loads(doc.read_text())["paths"].values():
                expected += sum(1 for m in routes.METHODS if m in item)
        self.assertEqual(len(self.ops), expected)
        self.assertGreater(expected, 100)

    def test_public_routes_and_bodies_are_told_apart(self):
        members = op_named(self.ops, "membership", "get", "/v1/members")
        self.assertFalse(members.public)
        self.assertIn("assembly_id", [n for n, _, req in members.query_params if req])
        public = [o for o in self.ops if o.public]
        self.assertTrue(public)
        self.assertTrue(all(o.method == "get" for o in public if o.service == "followup"))
        self.assertTrue(any(o.body_schema for o in self.ops if o.method == "post"))

    def test_the_first_role_a_summary_names(self):
        self.assertEqual(routes.first_role("One member (secretariat, or the member themself)"),
                         "secretariat")
        self.assertEqual(routes.first_role("A department answers (city-service)"), "city-service")
        self.assertEqual(routes.first_role("Nothing named"), "secretariat")


class Cases(unittest.TestCase):
    def setUp(self):
        self.ops = routes.operations(ROOT)
        self.op = next(o for o in self.ops if o.body_schema and o.body_schema.get("properties")
                       and not o.public)

    def test_the_same_seed_makes_the_same_cases(self):
        a = cases.cases(self.op, cases.rng_for(7, self.op), "fuzz-a", 50)
        b = cases.cases(self.op, cases.rng_for(7, self.op), "fuzz-a", 50)
        c = cases.cases(self.op, cases.rng_for(8, self.op), "fuzz-a", 50)
        self.assertEqual([(x.label, x.body) for x in a], [(x.label, x.body) for x in b])
        self.assertNotEqual([x.label for x in a], [x.label for x in c])

    def test_at_most_the_number_asked_and_bad_tokens_among_all(self):
        everything = cases.cases(self.op, cases.rng_for(1, self.op), "fuzz-a", 10**6)
        self.assertLessEqual(len(cases.cases(self.op, cases.rng_for(1, self.op), "fuzz-a", 5)), 5)
        labels = [c.label for c in everything]
        self.assertTrue(any(lbl.startswith("token") for lbl in labels))
        self.assertTrue(any(lbl.startswith("body ") for lbl in labels))
        # a raw body case is refused for sure: it is no JSON object
        self.assertTrue(all(c.must_refuse for c in everything if c.body == b"{"))

    def test_a_nul_in_a_text_property_must_be_refused(self):
        op = next(o for o in self.ops if o.body_schema and any(
            p.get("type") == "string" for p in o.body_schema.get("properties", {}).values()))
        made = cases.cases(op, cases.rng_for(1, op), "fuzz-a", 10**6)
        nul = [c for c in made if c.label.endswith('="\\u0000"')]
        self.assertTrue(nul)
        self.assertTrue(any(c.must_refuse for c in nul))

    def test_path_junk_must_be_refused_by_a_change_unless_it_could_be_an_identifier(self):
        op = next(o for o in self.ops if o.method != "get" and o.path_params)
        made = cases.cases(op, cases.rng_for(1, op), "fuzz-a", 10**6)
        by_label = {c.label: c for c in made if c.label.startswith("path")}
        self.assertTrue(any(c.must_refuse for c in by_label.values()))
        self.assertFalse(any(c.must_refuse for lbl, c in by_label.items() if "'null'" in lbl))


class Check(unittest.TestCase):
    op = routes.Operation("membership", "post", "/v1/x")
    refused = cases.Case("body '{'", "post", "/v1/x", must_refuse=True)
    lenient = cases.Case("query", "post", "/v1/x", must_refuse=False)

    def answer(self, status, body, ctype="application/problem+json"):
        return run.Answer(status, {"content-type": ctype}, json.dumps(body).encode())

    def test_a_server_error_is_a_finding(self):
        self.assertIn("500", run.check(self.op, self.lenient, self.answer(500, {})))

    def test_accepting_what_must_be_refused_is_a_finding(self):
        self.assertIn("accepted", run.check(self.op, self.refused, self.answer(201, {}, "application/json")))
        self.assertIsNone(run.check(self.op, self.lenient, self.answer(201, {}, "application/json")))

    def test_a_refusal_must_be_a_problem_naming_its_status(self):
        good = {"type": "/problems/bad-request", "title": "Bad request", "status": 400}
        self.assertIsNone(run.check(self.op, self.refused, self.answer(400, good)))
        self.assertIn("not problem+json", run.check(self.op, self.refused,
                                                    self.answer(400, good, "text/plain")))
        self.assertIn("names no status", run.check(self.op, self.refused,
                                                   self.answer(400, {**good, "status": 422})))

    def test_a_chunked_body_is_read_whole(self):
        self.assertEqual(run._dechunk(b"3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n"), b"abcde")


if __name__ == "__main__":
    unittest.main()

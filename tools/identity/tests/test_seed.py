"""The staff seed file's checks (no stack needed)."""

import json
import os
import unittest

from identity import seed

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


class SeedTest(unittest.TestCase):
    def test_the_local_file_is_valid_and_has_each_department(self):
        with open(os.path.join(ROOT, "ops", "keycloak", "staff-local.json"), encoding="utf-8") as f:
            wanted = seed.accounts(json.load(f))
        by_name = {u: (r, a) for u, r, a in wanted}
        self.assertEqual(by_name["agent.dac"], ("city-service", {"department": ["DAC"], "assemblies": ["*"]}))
        self.assertEqual({r for r, _ in by_name.values()},
                         {"secretariat", "city-service", "council-clerk", "elected-representative", "auditor"})

    def test_bad_entries_are_named(self):
        cases = [
            ({}, 'an "accounts" list'),
            ({"accounts": [{"username": "ab", "role": "auditor"}]}, "accounts[0].username"),
            ({"accounts": [{"username": "x.y", "role": "member"}]}, "accounts[0].role"),
            ({"accounts": [{"username": "x.y", "role": "auditor", "assemblies": "*"}]}, "accounts[0].assemblies"),
            ({"accounts": [{"username": "x.y", "role": "auditor"}, {"username": "z.z", "role": "auditor",
                                                                    "password": "x"}]}, "accounts[1]: unknown"),
        ]
        for doc, message in cases:
            with self.subTest(message=message), self.assertRaises(ValueError) as e:
                seed.accounts(doc)
            self.assertIn(message, str(e.exception))


if __name__ == "__main__":
    unittest.main()

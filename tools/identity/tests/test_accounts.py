"""The accounts ops/run prints (no stack needed)."""

import json
import os
import unittest

from identity import accounts

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


class AccountsTest(unittest.TestCase):
    def setUp(self):
        with open(os.path.join(ROOT, "ops", "keycloak", "staff-local.json"), encoding="utf-8") as f:
            self.staff = json.load(f)

    def test_one_member_a_secretariat_agent_a_department_agent_the_clerk_and_the_auditor(self):
        found = accounts.local_accounts({"assembly_id": "paris", "local_accounts": {"member": "m-1"}}, self.staff)
        self.assertEqual([(u, r) for _, u, r in found], [("m-1", "member"), ("secretariat.paris", "secretariat"),
                                                          ("agent.dac", "city-service"),
                                                          ("greffe.conseil", "council-clerk"),
                                                          ("auditeur", "auditor")])
        self.assertEqual(found[2][0], "city-service (DAC)")

    def test_the_lines_give_the_site_and_each_username_and_password(self):
        found = accounts.local_accounts({"local_accounts": {"member": "m-1"}}, self.staff)
        lines = accounts.format_accounts(found, "Secret-1", "21080", "paris")
        self.assertEqual(lines[:3], ["The site: http://127.0.0.1:21080/",
                                     "The members' space: http://127.0.0.1:21080/espace-membre",
                                     "The organisers' console: http://127.0.0.1:21080/console/paris"])
        self.assertEqual(len(lines), 9)
        for _, username, _ in found:
            self.assertTrue(any(f"username {username}  password Secret-1" in line for line in lines), username)

    def test_a_summary_without_the_member_is_refused(self):
        with self.assertRaisesRegex(ValueError, "local_accounts.member"):
            accounts.local_accounts({}, self.staff)
        with self.assertRaisesRegex(ValueError, "no secretariat account"):
            accounts.local_accounts({"local_accounts": {"member": "m"}}, {"accounts": []})


if __name__ == "__main__":
    unittest.main()

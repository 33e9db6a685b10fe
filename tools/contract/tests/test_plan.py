"""tools/contract without a stack nor Schemathesis: the operations of a document, the role each is
called with in each pass, the command line of a run, the allow-list's form."""

import json
import pathlib
import re
import unittest

from contract import plan

ROOT = pathlib.Path(__file__).resolve().parents[3]


def doc_of(service):
    return json.loads((ROOT / "services" / service / "openapi.json").read_text())


class Roles(unittest.TestCase):
    def test_public_operations_get_no_token(self):
        self.assertIsNone(plan.role_for(["anyone"], "staff"))
        self.assertIsNone(plan.role_for([], "member"))

    def test_staff_pass_takes_the_first_staff_role(self):
        self.assertEqual(plan.role_for(["secretariat", "member", "auditor"], "staff"), "secretariat")
        self.assertEqual(plan.role_for(["city-service", "member"], "staff"), "city-service")
        self.assertEqual(plan.role_for(["notifier"], "staff"), "notifier")

    def test_member_only_operations_take_a_member_in_the_staff_pass(self):
        self.assertEqual(plan.role_for(["member"], "staff"), "member")
        self.assertIsNone(plan.role_for(["member"], "member"))

    def test_member_pass_takes_the_operations_a_member_shares(self):
        self.assertEqual(plan.role_for(["secretariat", "member"], "member"), "member")
        self.assertIsNone(plan.role_for(["secretariat", "auditor"], "member"))

    def test_an_unknown_pass_is_refused(self):
        with self.assertRaises(ValueError):
            plan.role_for(["secretariat"], "public")


class Documents(unittest.TestCase):
    def test_every_operation_of_every_document_is_read_with_its_roles(self):
        for doc_path in ROOT.glob("services/*/openapi.json"):
            doc = json.loads(doc_path.read_text())
            ops = plan.operations(doc)
            expected = sum(1 for item in doc["paths"].values() for m in plan.METHODS if m in item)
            self.assertEqual(len(ops), expected, doc_path)
            for op in ops:
                self.assertTrue(op.roles, f"{doc_path.parent.name} {op.label}: no x-access roles")
                self.assertTrue(op.operation_id, op.label)

    def test_the_member_pass_is_a_part_of_the_staff_pass(self):
        ops = plan.operations(doc_of("membership"))
        staff, member = plan.selected(ops, "staff"), plan.selected(ops, "member")
        self.assertEqual(len(staff), len(ops))
        self.assertTrue(member)
        self.assertLess(len(member), len(staff))
        self.assertTrue(all("member" in op.roles for op in member))


class Command(unittest.TestCase):
    def test_the_run_selects_exactly_its_operations(self):
        ops = plan.operations(doc_of("notifications"))[:3]
        cmd = plan.command("st", "http://h/openapi.json", "http://h", ops, max_examples=5, seed=7,
                           phases=["examples", "stateful"], workers=1, report="r.xml", timeout=30)
        regex = cmd[cmd.index("--include-operation-id-regex") + 1]
        chosen = {op.operation_id for op in ops}
        for op in plan.operations(doc_of("notifications")):
            self.assertEqual(bool(re.fullmatch(regex, op.operation_id)), op.operation_id in chosen,
                             op.label)
        self.assertEqual(cmd[cmd.index("--checks") + 1].split(","), list(plan.CHECKS))
        self.assertEqual(cmd[cmd.index("--seed") + 1], "7")
        self.assertEqual(cmd[cmd.index("--phases") + 1], "examples,stateful")


class AllowList(unittest.TestCase):
    def test_every_entry_names_what_it_allows_and_why(self):
        entries = json.loads((ROOT / "tools" / "contract" / "allowed.json").read_text())
        self.assertIsInstance(entries, list)
        for e in entries:
            self.assertLessEqual({"service", "operation", "check", "reason"}, set(e), e)
            self.assertLessEqual(set(e), {"service", "operation", "check", "response", "reason"}, e)
            self.assertTrue(e["reason"].strip(), e)
            self.assertRegex(e["operation"], r"^[A-Z*]+ [/*]", e)


if __name__ == "__main__":
    unittest.main()

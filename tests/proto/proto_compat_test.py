#!/usr/bin/env python3
"""ops/lib/proto_compat.py on the real proto/ and on changed copies of it."""
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TOOL = ROOT / "ops" / "lib" / "proto_compat.py"
MEMBERSHIP = "proto/assembly/membership/v1/events.proto"


class ProtoCompat(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp())
        shutil.copytree(ROOT / "proto", self.tmp / "proto",
                        ignore=shutil.ignore_patterns("CMakeLists.txt"))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def run_tool(self, action="check"):
        return subprocess.run([sys.executable, str(TOOL), action, "--root", str(self.tmp)],
                              capture_output=True, text=True)

    def edit(self, old, new):
        path = self.tmp / MEMBERSHIP
        text = path.read_text()
        self.assertIn(old, text)
        path.write_text(text.replace(old, new, 1))

    def test_the_repository_matches_its_lock(self):
        r = self.run_tool()
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_a_removed_field_is_refused_unless_reserved(self):
        self.edit("  string reason = 5;", "")
        r = self.run_tool()
        self.assertEqual(r.returncode, 1)
        self.assertIn("MemberDeclined.reason: removed without", r.stdout)
        self.edit("message MemberDeclined {", 'message MemberDeclined {\n  reserved 5;\n  reserved "reason";')
        self.assertEqual(self.run_tool("update").returncode, 0)
        self.assertEqual(self.run_tool().returncode, 0)

    def test_a_changed_type_or_number_is_refused(self):
        self.edit("  string reason = 5;", "  int64 reason = 5;")
        r = self.run_tool()
        self.assertEqual(r.returncode, 1)
        self.assertIn("MemberDeclined.reason: type changed from TYPE_STRING to TYPE_INT64", r.stdout)

    def test_a_renamed_field_is_refused(self):
        self.edit("  string reason = 5;", "  string why = 5;")
        r = self.run_tool()
        self.assertEqual(r.returncode, 1)
        self.assertIn("MemberDeclined.reason: renamed to why", r.stdout)

    def test_an_added_field_is_compatible_but_must_be_recorded(self):
        self.edit("  string reason = 5;", "  string reason = 5;\n  string note = 99;")
        r = self.run_tool()
        self.assertEqual(r.returncode, 1)
        self.assertIn("ops/lib/proto_compat.py update", r.stdout)
        self.assertEqual(self.run_tool("update").returncode, 0)
        self.assertEqual(self.run_tool().returncode, 0)

    def test_a_removed_message_is_refused(self):
        text = (self.tmp / MEMBERSHIP).read_text()
        start = text.index("message RoleAssigned {")
        end = text.index("}\n", start) + 2
        (self.tmp / MEMBERSHIP).write_text(text[:start] + text[end:])
        r = self.run_tool()
        self.assertEqual(r.returncode, 1)
        self.assertIn("assembly.membership.v1.RoleAssigned: removed", r.stdout)


if __name__ == "__main__":
    unittest.main()

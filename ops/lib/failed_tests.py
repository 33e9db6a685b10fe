#!/usr/bin/env python3
"""Prints the end of each failed test's output, from ctest's last run.

    failed_tests.py BUILD_DIR [LINES]

ctest prints a failed test's output where the test ends, in the middle of a long run; ops/test
calls this after the linters so that the reason of each failure is also in the last lines of the
whole run. Reads Testing/Temporary/LastTestsFailed.log (the failed tests' names) and LastTest.log
(every test's output). Prints nothing when no test failed. Exit status 0.
"""
import pathlib
import re
import sys

build = pathlib.Path(sys.argv[1])
keep = int(sys.argv[2]) if len(sys.argv) > 2 else 25
tmp = build / "Testing" / "Temporary"
failed_log = tmp / "LastTestsFailed.log"
if not failed_log.exists():
    sys.exit(0)
failed = [line.split(":", 1)[1].strip() for line in failed_log.read_text(errors="replace").splitlines()
          if ":" in line]
if not failed:
    sys.exit(0)

outputs = {}
log = (tmp / "LastTest.log").read_text(errors="replace") if (tmp / "LastTest.log").exists() else ""
# Each test's block: "N/M Testing: name" ... "Output:\n----\n" <output> "<end of output>".
for m in re.finditer(r"^\d+/\d+ Testing: (\S+)\n.*?^Output:\n-+\n(.*?)^<end of output>", log,
                     re.S | re.M):
    outputs[m.group(1)] = m.group(2)

for name in failed:
    lines = outputs.get(name, "").rstrip("\n").splitlines()
    print(f"---- {name} failed; the last {min(keep, len(lines))} lines of its output:")
    for line in lines[-keep:]:
        print(f"  {line}")

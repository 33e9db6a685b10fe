"""python3 -m contract [--service NAME]... [--max-examples N] [--seed N] [--phases P,Q]: Schemathesis
against every operation of the running stack's services, from the OpenAPI document each serves
(addresses from the environment or var/stack.env, like ops/cycle). Exit 0 when nothing was found,
1 with the findings (each with the curl that reproduces it), 2 on bad usage or no stack."""

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import time
import urllib.request

import identity

from . import plan

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMATHESIS = ROOT / "var" / "contract-venv" / "bin" / "schemathesis"
SERVICES = [line.split()[0] for line in (ROOT / "services" / "services.txt").read_text().splitlines()
            if line.strip() and not line.startswith("#")]
PHASES = ("examples", "coverage", "fuzzing", "stateful")
# Schemathesis's closing line: "====== 3 failures, 2 passed in 12.34s ======".
SUMMARY = re.compile(r"^=+ (.*) in [0-9.]+s =+$")


def fetch_document(base):
    with urllib.request.urlopen(base + "/openapi.json", timeout=30) as r:
        return json.load(r)


def test_cases(lines):
    """Schemathesis's count of its test cases ("646 generated, 3 found 3 unique failures"), from
    the line after "Test cases:" in its summary."""
    for i, line in enumerate(lines[:-1]):
        if line.strip() == "Test cases:":
            return lines[i + 1].strip()
    return ""


def run_pass(service, base, doc, pass_name, a, out_dir):
    """One Schemathesis run over the operations of PASS_NAME; (returncode, operations, lines)."""
    ops = plan.selected(plan.operations(doc), pass_name)
    if not ops:
        return 0, 0, []
    phases = [p for p in a.phases if pass_name == "staff" or p != "stateful"]
    report = out_dir / f"{service}-{pass_name}.xml"
    cmd = plan.command(str(SCHEMATHESIS), base + "/openapi.json", base, ops,
                       max_examples=a.max_examples, seed=a.seed, phases=phases,
                       workers=a.workers, report=str(report), timeout=a.request_timeout)
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "contract.hooks", "CONTRACT_PASS": pass_name,
           "CONTRACT_SERVICE": service,
           "PYTHONPATH": str(ROOT / "tools") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    log = out_dir / f"{service}-{pass_name}.log"
    with open(log, "w", encoding="utf-8") as f:
        f.write("$ " + " ".join(cmd) + "\n")
        f.flush()
        rc = subprocess.run(cmd, env=env, stdout=f, stderr=subprocess.STDOUT, cwd=out_dir).returncode
    return rc, len(ops), log.read_text(encoding="utf-8").splitlines()


def main(argv=None):
    p = argparse.ArgumentParser(prog="contract", description=__doc__)
    p.add_argument("--service", action="append", choices=SERVICES,
                   help="only this service (repeatable; default: all six)")
    p.add_argument("--max-examples", type=int,
                   default=int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "5")),
                   help="test cases per operation and phase (SCHEMATHESIS_MAX_EXAMPLES; default 5)")
    p.add_argument("--seed", type=int, default=int(os.environ.get("SCHEMATHESIS_SEED", "1")))
    p.add_argument("--phases", default=os.environ.get("SCHEMATHESIS_PHASES", ",".join(PHASES)),
                   help="Schemathesis's phases, comma-separated (default: all four)")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--request-timeout", type=float, default=30)
    p.add_argument("--no-member", action="store_true", help="skip the member pass")
    a = p.parse_args(argv)
    a.phases = [x for x in a.phases.split(",") if x]
    if a.max_examples < 1 or not a.phases or any(x not in PHASES for x in a.phases):
        p.error(f"--max-examples: at least 1; --phases: some of {','.join(PHASES)}")
    if not SCHEMATHESIS.exists():
        print(f"contract: no {SCHEMATHESIS.relative_to(ROOT)}: run ops/contract-setup (ops/install)",
              file=sys.stderr)
        return 2
    env = identity.keycloak.stack_env()
    out_dir = ROOT / "var" / "contract"
    out_dir.mkdir(parents=True, exist_ok=True)
    failed, rows, started = [], [], time.monotonic()
    for service in a.service or SERVICES:
        var = service.upper() + "_URL"
        base = (os.environ.get(var) or env.get(var) or "").rstrip("/")
        if not base:
            print(f"contract: no {var}: start the stack (ops/stack up)", file=sys.stderr)
            return 2
        try:
            doc = fetch_document(base)
        except (OSError, ValueError) as e:
            print(f"contract: {base}/openapi.json: {e}", file=sys.stderr)
            return 2
        for pass_name in plan.PASSES:
            if pass_name == "member" and a.no_member:
                continue
            t0 = time.monotonic()
            rc, n_ops, lines = run_pass(service, base, doc, pass_name, a, out_dir)
            if not n_ops:
                continue
            summary = next((m.group(1) for m in map(SUMMARY.match, reversed(lines)) if m), "")
            cases = test_cases(lines)
            rows.append(f"{service:<16} {pass_name:<7} {n_ops:>3} operations  {cases or '?'}"
                        f"  [{summary or 'rc ' + str(rc)}] {time.monotonic() - t0:.0f} s")
            print("contract: " + rows[-1], flush=True)
            if rc != 0:
                failed.append((service, pass_name, lines))
    for service, pass_name, lines in failed:
        # Schemathesis's own account of each failure, with the curl that reproduces it.
        start = next((i for i, x in enumerate(lines) if re.match(r"^_+ (FAILURES|ERRORS) _+$", x)), 1)
        print(f"\n#### {service} ({pass_name} pass): var/contract/{service}-{pass_name}.log\n")
        print("\n".join(lines[start:]))
    print(f"contract: {len(rows)} runs, seed {a.seed}, {a.max_examples} examples per operation, "
          f"{time.monotonic() - started:.0f} s; "
          + (f"findings in {len(failed)}: " + ", ".join(f"{s} ({p})" for s, p, _ in failed)
             if failed else "no findings"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

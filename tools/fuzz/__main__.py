"""python3 -m fuzz [--seed N] [--per-operation N] [--service NAME]: bad input against every route
of the running stack (addresses and tokens from var/stack.env, like ops/cycle). Exit 0 when every
answer was right, 1 with the findings listed, 2 on bad usage."""

import argparse
import os
import pathlib
import sys
import uuid

import identity

from . import cases, routes, run

ROOT = pathlib.Path(__file__).resolve().parents[2]


def bearer_for(role, cache):
    if role not in cache:
        if role == "secretariat":
            cache[role] = identity.service_token("assembly-cycle")
        else:
            cache[role] = identity.token(role, "fuzz-" + role,
                                         "fuzz" if role == "city-service" else None)
    return cache[role]


def main(argv=None):
    p = argparse.ArgumentParser(prog="fuzz", description=__doc__)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--per-operation", type=int, default=60)
    p.add_argument("--show-accepted", action="store_true",
                   help="list the mistyped bodies a route took (not a finding by itself)")
    p.add_argument("--service", choices=sorted({o.service for o in routes.operations(ROOT)}))
    a = p.parse_args(argv)
    if a.per_operation < 1:
        p.error("--per-operation: at least 1")
    env = identity.keycloak.stack_env()
    assembly = f"fuzz-{a.seed}-{uuid.uuid4().hex[:8]}"
    report, tokens = run.Report(), {}
    for op in routes.operations(ROOT):
        if a.service and op.service != a.service:
            continue
        base = os.environ.get(op.service.upper() + "_URL") or env.get(op.service.upper() + "_URL")
        if not base:
            print(f"fuzz: no {op.service.upper()}_URL: start the stack (ops/stack up)", file=sys.stderr)
            return 2
        op_cases = cases.cases(op, cases.rng_for(a.seed, op), assembly, a.per_operation)
        run.run_operation(op, base, op_cases, bearer_for(op.role, tokens), report)
    print(f"fuzz: {report.cases} bad requests to {report.operations} operations (seed {a.seed}): "
          + ", ".join(f"{k} {v}" for k, v in sorted(report.statuses.items())))
    print(f"fuzz: {len(report.accepted)} mistyped bodies taken (2xx)")
    if a.show_accepted:
        for line in report.accepted:
            print("ACCEPTED " + line)
    for f in report.findings:
        print("FINDING " + f)
    print(f"fuzz: {len(report.findings)} findings")
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())

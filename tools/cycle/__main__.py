"""python3 -m cycle ASSEMBLY_ID SUMMARY_JSON ROLL_CSV NON_EU_CSV MINORS_CSV

Plays the whole cycle on the running stack (the environment of var/stack.env, tokens from its Keycloak, and
OVERDUE_CHECK_SECONDS), writes the summary to SUMMARY_JSON and prints it. ops/cycle makes the
pools' CSV files and calls this; any failed call exits with status 1 and a message naming it."""

import http.client
import json
import os
import subprocess
import sys
import time

from .client import Client
from .phases import PHASES
from .run import Run
from .summary import collect, format_summary


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__.strip().splitlines()[0])
    assembly, summary_path, roll, non_eu, minors = argv
    try:
        client = Client.from_env()
    except KeyError as e:
        sys.exit(f"cycle: {e} is not set in the environment (ops/cycle sources var/stack.env)")
    run = None
    try:
        client.staff = client.token("secretariat")
        run = Run(assembly, summary_path, {"roll": roll, "non-eu-residents": non_eu, "minors": minors}, client)
        print(f"assembly {assembly}: the Paris process on the running services")
        for phase in PHASES:
            phase(run)
        run.current_phase = "summary"
        start = time.time()
        s = collect(run)
        s["summary_seconds"] = round(time.time() - start, 2)
        tmp = summary_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(s, f, ensure_ascii=False, indent=2)
        os.replace(tmp, summary_path)
        print("\n".join(format_summary(s, summary_path)))
    except (OSError, http.client.HTTPException, KeyError, ValueError, TypeError, StopIteration,
            subprocess.CalledProcessError) as e:
        where = run.current_phase if run else "start"
        sys.exit(f"cycle: failed in phase {where}: {type(e).__name__}: {e} "
                 f"(last call {client.last_call[0]} {client.last_call[1]})")


if __name__ == "__main__":
    main(sys.argv[1:])

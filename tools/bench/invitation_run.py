#!/usr/bin/env python3
"""invitation_run.py POOL_ID STRATIFY: an invitation draw of 10,000 from POOL_ID for ops/bench-import
(STRATIFY: a criterion, or "none"), on sortition at $BASE with the bearer $TOKEN. Prints
"server_ms wall_ms": the service's own time for the draw, and the request's."""

import hashlib
import http.client
import json
import os
import sys
import time
import urllib.parse
pool_id, stratify = sys.argv[1], sys.argv[2]
u = urllib.parse.urlparse(os.environ["BASE"])
c = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
h = {"Authorization": "Bearer " + os.environ["TOKEN"], "Content-Type": "application/json"}
seed = "bench-invitations-%d" % time.time_ns()
req = {"assembly_id": "bench", "pool_id": pool_id, "invited": 10000,
       "seed_commitment": hashlib.sha256(seed.encode()).hexdigest()}
if stratify != "none":
    req["stratify_by"] = stratify
c.request("POST", "/v1/invitation-draws", json.dumps(req), h)
r = c.getresponse()
d = json.loads(r.read())
if r.status != 201:
    sys.exit(f"invitation draw: {r.status} {d}")
start = time.monotonic()
c.request("POST", f"/v1/invitation-draws/{d['id']}/draw", json.dumps({"seed": seed}), h)
r = c.getresponse()
d = json.loads(r.read())
wall = (time.monotonic() - start) * 1000
if r.status != 200:
    sys.exit(f"draw: {r.status} {d}")
print(f"{d['server_ms']:.1f} {wall:.1f}")

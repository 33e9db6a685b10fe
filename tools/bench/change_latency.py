#!/usr/bin/env python3
"""change_latency.py [ROUNDS]: the time of one change beside an anchor read, on workshops at $BASE
with a secretariat's bearer $TOKEN: ROUNDS times (2000), in turn, PUT
/v1/assemblies/<A>/phases/discovery (a change, on the audit trail) and GET /v1/assemblies/<A>/phases
(a public read, not on it), one kept-alive connection, A an assembly id of this run. Prints, for
each, the median, the 95th percentile and the mean in milliseconds, and the change's median over
the read's."""

import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
u = urllib.parse.urlparse(os.environ["BASE"])
c = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
h = {"Authorization": "Bearer " + os.environ["TOKEN"], "Content-Type": "application/json"}
assembly = "latency-%d" % time.time_ns()
body = json.dumps({"starts_on": "2022-01-08", "ends_on": "2022-03-31"})
times = {"change": [], "read": []}


def call(kind, method, path, data=None, headers=None):
    start = time.perf_counter()
    c.request(method, path, data, headers or {})
    r = c.getresponse()
    r.read()
    times[kind].append((time.perf_counter() - start) * 1000)
    if r.status != 200:
        sys.exit(f"{method} {path}: {r.status}")


for _ in range(rounds):
    call("change", "PUT", f"/v1/assemblies/{assembly}/phases/discovery", body, h)
    call("read", "GET", f"/v1/assemblies/{assembly}/phases")
for kind, t in times.items():
    p95 = statistics.quantiles(t, n=20)[-1]
    print(f"{kind}: median {statistics.median(t):.3f} ms, p95 {p95:.3f} ms, mean {statistics.fmean(t):.3f} ms")
print(f"change / read (medians): {statistics.median(times['change']) / statistics.median(times['read']):.2f}")

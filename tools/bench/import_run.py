#!/usr/bin/env python3
"""import_run.py URL TOKEN ROLL_CSV ROWS PART_BYTES PID PIPELINE NAME: one roll import through
sortition's API for ops/bench-import (create the pool, the parts, complete), the peak VmRSS of the
service's process PID sampled meanwhile. PIPELINE "1": part n+1 is sent while part n is answered.
Prints "seconds peak_rss_kib parts pool_id resent snapshot_sha256"."""

import http.client
import json
import random
import sys
import threading
import time
import urllib.parse

url, token, path, rows, part_bytes, pid, pipeline, name = sys.argv[1:9]
rows, part_bytes, pipeline = int(rows), int(part_bytes), pipeline == "1"
u = urllib.parse.urlsplit(url)
with open(path, "rb") as f:
    data = f.read()
# Parts of ~part_bytes, cut at arbitrary bytes (mid-line, mid-field): each between 97 % and 100 %
# of part_bytes, never more than the API's 4,000,000.
rng = random.Random(7)
cuts, at = [], 0
while at < len(data):
    size = min(rng.randint(int(part_bytes * 0.97), part_bytes), 4_000_000)
    cuts.append((at, min(at + size, len(data))))
    at += size
mv = memoryview(data)

def conn():
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=600)
    c.connect()
    return c

headers = {"Authorization": "Bearer " + token}

def call(c, method, p, body=None, ctype="application/json"):
    h = dict(headers)
    if body is not None:
        h["Content-Type"] = ctype
    c.request(method, p, body=body, headers=h)
    r = c.getresponse()
    return r.status, r.read()

peak = [0]
done = threading.Event()
def sample():
    while not done.is_set():
        try:
            with open(f"/proc/{pid}/status") as s:
                for line in s:
                    if line.startswith("VmRSS:"):
                        peak[0] = max(peak[0], int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.05)
sampler = threading.Thread(target=sample, daemon=True)
sampler.start()

conns = [conn(), conn()]
start = time.monotonic()
st, body = call(conns[0], "POST", "/v1/pools", json.dumps({"name": name, "kind": "roll", "rows_total": rows}))
if st != 201:
    sys.exit(f"create: {st} {body[:500]!r}")
created = json.loads(body)
import_id, pool_id = created["import"]["id"], created["pool"]["id"]

def put(c, n):
    a, b = cuts[n - 1]
    return call(c, "PUT", f"/v1/pool-imports/{import_id}/parts/{n}", mv[a:b], "text/csv")

retries = 0
if not pipeline:
    for n in range(1, len(cuts) + 1):
        st, body = put(conns[0], n)
        if st != 200:
            sys.exit(f"part {n}: {st} {body[:800]!r}")
else:
    # Part n+1 goes out on the other connection as soon as part n has been written to the socket
    # (its handler is then waiting on, or holding, the job's row lock). Should part n+1 still
    # overtake part n inside the server (409, "expected part n"), it is sent again once part n
    # is answered: a part out of order changes nothing.
    def send(c, n):
        a, b = cuts[n - 1]
        c.request("PUT", f"/v1/pool-imports/{import_id}/parts/{n}", body=mv[a:b],
                  headers=dict(headers, **{"Content-Type": "text/csv"}))
    def receive(c):
        r = c.getresponse()
        return r.status, r.read()
    conn_of = {1: conns[0]}
    send(conns[0], 1)
    for n in range(1, len(cuts) + 1):
        sender = None
        if n < len(cuts):
            conn_of[n + 1] = conns[n % 2]
            sender = threading.Thread(target=send, args=(conn_of[n + 1], n + 1))
            sender.start()
        st, body = receive(conn_of[n])
        while st == 409 and b"expected part" in body:  # overtook part n-1, which is now answered
            retries += 1
            send(conn_of[n], n)
            st, body = receive(conn_of[n])
        if st != 200:
            sys.exit(f"part {n}: {st} {body[:800]!r}")
        if sender:
            sender.join()
st, body = call(conns[0], "POST", f"/v1/pool-imports/{import_id}/complete", json.dumps({"parts": len(cuts)}))
elapsed = time.monotonic() - start
done.set()
sampler.join()
if st != 200:
    sys.exit(f"complete: {st} {body[:800]!r}")
job = json.loads(body)
if job["state"] != "succeeded" or job["rows_read"] != rows:
    sys.exit(f"the import did not succeed with {rows} rows: {job}")
st, body = call(conns[0], "GET", f"/v1/pools/{pool_id}")
snapshot = json.loads(body)["snapshot_sha256"] if st == 200 else "?"
print(f"{elapsed:.3f} {peak[0]} {len(cuts)} {pool_id} {retries} {snapshot}")

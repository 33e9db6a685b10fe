"""The soak's load, through the gateway as browsers reach it:
  - the invitees' answers (POST /api/sortition/v1/responses/questions, then /v1/responses, as the
    answer form does), spread evenly over the run, each invitee from a loopback address of their
    own (the gateway names it in X-Forwarded-For, which sortition trusts from the gateway: its
    per-address rate limit counts residents, not the gateway);
  - the members' waves: at set times the 100 members check in to a plenary with its code and vote
    on its ballot, all at the same moment (a barrier), each with their own token;
  - the public site's pages read by wrk at a constant rate (site.lua)."""

import datetime
import http.client
import ipaddress
import json
import os
import subprocess
import threading
import time
import urllib.parse

from cycle import compute

FIRST_RESIDENT = ipaddress.IPv4Address("127.16.0.1")  # 127.0.0.1 is the gateway: never a resident


def resident_address(i):
    """The loopback address invitee I answers from (127.16.0.1, 127.16.0.2, ...)."""
    return str(FIRST_RESIDENT + i)


class Tally:
    """Outcomes by (what, HTTP status) and latencies by what, shared by the load's threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.seconds = {}

    def add(self, what, status, seconds):
        with self.lock:
            self.counts[(what, status)] = self.counts.get((what, status), 0) + 1
            self.seconds.setdefault(what, []).append(seconds)

    def count(self, what, status=None):
        with self.lock:
            return sum(n for (w, s), n in self.counts.items() if w == what and (status is None or s == status))

    def failures(self, expected):
        """{what: {status: n}} of the outcomes other than EXPECTED[what]."""
        with self.lock:
            out = {}
            for (w, s), n in sorted(self.counts.items(), key=str):
                if s != expected.get(w):
                    out.setdefault(w, {})[s] = n
            return out

    def percentile(self, what, p):
        with self.lock:
            xs = sorted(self.seconds.get(what, []))
        return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else None


def call(base, method, path, body=None, bearer=None, source=None, timeout=60):
    """(status, JSON body or None, seconds) of one request on a connection of its own; status 0
    when the connection failed."""
    u = urllib.parse.urlparse(base)
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if bearer:
        headers["Authorization"] = "Bearer " + bearer
    start = time.monotonic()
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout,
                                      source_address=(source, 0) if source else None)
    try:
        conn.request(method, u.path.rstrip("/") + path, None if body is None else json.dumps(body), headers)
        r = conn.getresponse()
        raw = r.read()
        status = r.status
    except (OSError, http.client.HTTPException):
        return 0, None, time.monotonic() - start
    finally:
        conn.close()
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        data = None
    return status, data, time.monotonic() - start


def answer_body(rng, questions, code, arrondissement, i):
    """What invitee I sends, as the answer form would: about one in eight says no; the others give
    the criteria asked (drawn from the answering population's shares), consent and an address."""
    if rng.random() < 0.125:
        return {"code": code, "willing": False}
    drawn = compute.respondent_criteria(rng, "roll", arrondissement)
    criteria = {}
    for q in questions:
        value = drawn.get(q["name"])
        criteria[q["name"]] = value if value in q["values"] else rng.choice(q["values"])
    return {"code": code, "willing": True, "criteria": criteria, "consent": True,
            "contact": {"email": f"invitee-{i}@soak.example.org"}}


class Answers:
    """The invitees' answers, LETTERS spread evenly over SECONDS by WORKERS threads."""

    def __init__(self, gateway, letters, seconds, tally, rng, workers=8):
        self.gateway, self.letters, self.seconds, self.tally, self.rng = gateway, letters, seconds, tally, rng
        self.workers = workers
        self.next = 0
        self.lock = threading.Lock()
        self.late = 0.0            # the most an answer started after its time, seconds

    def take(self):
        with self.lock:
            i = self.next
            self.next += 1
            return i if i < len(self.letters) else None

    def worker(self, start):
        api = "/api/sortition"
        while (i := self.take()) is not None:
            due = start + i * self.seconds / len(self.letters)
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            else:
                self.late = max(self.late, -wait)
            code, arrondissement = self.letters[i]
            source = resident_address(i)
            status, q, secs = call(self.gateway + api, "POST", "/v1/responses/questions", {"code": code}, source=source)
            self.tally.add("questions", status, secs)
            if status != 200:
                continue
            with self.lock:
                body = answer_body(self.rng, q["questions"], code, arrondissement, i)
            status, _, secs = call(self.gateway + api, "POST", "/v1/responses", body, source=source)
            self.tally.add("answer", status, secs)

    def run(self, start):
        threads = [threading.Thread(target=self.worker, args=(start,), daemon=True) for _ in range(self.workers)]
        for t in threads:
            t.start()
        return threads


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Waves:
    """Every PERIOD seconds from AT on (while the run lasts), the members check in to a plenary and
    vote on its ballot at the same moment. The secretariat (the cycle's client) makes the session
    and the ballot LEAD seconds before, and the members' tokens are made (or reused) then; after the
    wave it closes the ballot and marks the session held, and checks that every vote and every
    check-in counted."""

    def __init__(self, api, gateway, assembly, members, seconds, tally, at=60, period=120, lead=45):
        self.api, self.gateway, self.assembly, self.members = api, gateway, assembly, members
        self.seconds, self.tally, self.at, self.period, self.lead = seconds, tally, at, period, lead
        self.done = []             # per wave: {at, spread_s, checked_in, votes, result}
        self.problems = []         # what did not add up, in words

    def times(self):
        t, out = self.at, []
        while t < self.seconds:
            out.append(t)
            t += self.period
        return out

    def prepare(self, n):
        api = self.api
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        s = api.must(201, api.post("workshops", "/v1/sessions", {
            "type": "plenary", "assembly_id": self.assembly, "title": f"Séance plénière {n}",
            "starts_at": iso(now + datetime.timedelta(minutes=1)), "ends_at": iso(now + datetime.timedelta(hours=2)),
            "place": "Hôtel de Ville, salle des fêtes"}), "plenary")
        code = api.must(200, api.get("workshops", f"/v1/sessions/{s['id']}/details"), "session details")["checkin_code"]
        b = api.must(201, api.post("recommendations", "/v1/ballots", {
            "assembly_id": self.assembly, "question": f"Adoptez-vous l'ordre du jour de la séance {n} ?",
            "rule": "simple-majority", "quorum": 0.5, "secret": n % 2 == 0, "plenary_session_id": s["id"],
            "opens_at": iso(now), "closes_at": iso(now + datetime.timedelta(hours=1))}), "ballot")
        tokens = {m: api.token("member", m) for m in self.members}
        return s["id"], code, b["id"], tokens

    def member(self, barrier, mid, token, session, code, ballot, n, took):
        barrier.wait()
        start = time.monotonic()
        status, _, secs = call(self.gateway + "/api/workshops", "POST", f"/v1/sessions/{session}/check-in", {"code": code}, bearer=token)
        self.tally.add("check-in", status, secs)
        choice = ("for", "for", "against", "abstain")[(int(mid[:6], 16) + n) % 4]
        status, _, secs = call(self.gateway + "/api/recommendations", "POST", f"/v1/ballots/{ballot}/votes", {"choice": choice}, bearer=token)
        self.tally.add("vote", status, secs)
        took.append(time.monotonic() - start)

    def wave(self, n, at, session, code, ballot, tokens):
        barrier = threading.Barrier(len(self.members))
        took = []
        threads = [threading.Thread(target=self.member, args=(barrier, m, tokens[m], session, code, ballot, n, took), daemon=True)
                   for m in self.members]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        api = self.api
        closed = api.must(200, api.post("recommendations", f"/v1/ballots/{ballot}/close"), "close the ballot")
        r = closed["result"]
        votes = r["for"] + r["against"] + r["abstain"]
        api.must(200, api.post("workshops", f"/v1/sessions/{session}/held", {"minutes": f"# Séance plénière {n}\n"}), "held")
        att = api.must(200, api.get("workshops", f"/v1/sessions/{session}/attendance"), "attendance")
        present = sum(1 for a in att["items"] if a["status"] == "present")
        if votes != len(self.members) or present != len(self.members):
            self.problems.append(f"wave {n}: {votes} votes and {present} check-ins counted of {len(self.members)}")
        self.done.append({"wave": n, "at": at, "slowest_s": round(max(took), 3) if took else None,
                          "votes": votes, "present": present, "outcome": r.get("outcome")})

    def run(self, start, stop):
        """The waves, in this thread, from START (monotonic) until STOP is set."""
        for n, at in enumerate(self.times(), 1):
            if stop.wait(max(0.0, start + at - self.lead - time.monotonic())):
                return
            session, code, ballot, tokens = self.prepare(n)
            if stop.wait(max(0.0, start + at - time.monotonic())):
                return
            self.wave(n, at, session, code, ballot, tokens)


def site_reader(gateway, paths, rps, seconds, lua, connections=16, threads=2):
    """wrk reading PATHS at RPS for SECONDS (a process; its last line is site.lua's JSON)."""
    env = {**os.environ, "SOAK_SITE_PATHS": " ".join(paths), "SOAK_SITE_RPS": str(rps), "SOAK_SITE_THREADS": str(threads)}
    return subprocess.Popen(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", lua, gateway],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def site_result(out):
    """The JSON line site.lua's done() printed, from wrk's whole output (None when absent)."""
    for line in reversed(out.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    return None

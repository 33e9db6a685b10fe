"""The HTTP client of the cycle: one kept-alive connection per service, bearer tokens of the local
stack's Keycloak (tools/identity), and a failed call stops the driver with a message naming it."""

import http.client
import json
import os
import re
import sys
import time
import urllib.parse
import urllib.request

import identity

SERVICES = ("sortition", "membership", "workshops", "recommendations", "followup", "notifications")


class Client:
    def __init__(self, urls, metrics_urls=None):
        self.urls = urls                 # service -> base URL
        self.metrics_urls = metrics_urls or {}  # service -> base URL of its /metrics, when apart
        self.conns = {}
        self.last_link = ""
        self.minted_for = {}             # token -> who it was asked for: (role, subject, department)
        self.staff = None                # the secretariat's token, the default bearer
        self.last_call = ["", ""]

    @classmethod
    def from_env(cls, env=os.environ):
        """The stack's addresses from var/stack.env (exported by ops/cycle)."""
        return cls({svc: env[svc.upper() + "_URL"] for svc in SERVICES},
                   {svc: env[svc.upper() + "_METRICS_URL"] for svc in SERVICES if env.get(svc.upper() + "_METRICS_URL")})

    def url(self, svc):
        return self.urls[svc]

    def metrics_url(self, svc):
        """Where the service serves /metrics: its metrics port when it has one, else its API."""
        return self.metrics_urls.get(svc, self.urls[svc]) + "/metrics"

    def token(self, role, subject=None, department=None):
        """A bearer token of the local Keycloak: the cycle's own confidential client
        (assembly-cycle, the secretariat of every assembly) for role "secretariat" without a
        subject, a test user holding ROLE otherwise (a member's account for role "member").
        tools/identity keeps each until a minute before it expires (5 minutes)."""
        key = (role, subject, department)
        if key == ("secretariat", None, None):
            token = identity.service_token("assembly-cycle")
        else:
            token = identity.token(role, subject or "cycle-" + role, department)
        self.minted_for[token] = key
        return token

    def fresh(self, token):
        """The same caller's current token for a token this client made (a caller may have kept one)."""
        key = self.minted_for.get(token)
        return token if key is None else self.token(*key)

    def call(self, method, svc, path, body=None, auth=True, ctype="application/json", raw=False, bearer=None):
        """One HTTP call on a kept-alive connection (reopened once if the server closed it)."""
        self.last_call[:] = [method, self.url(svc) + path]
        h = {"Content-Type": ctype}
        if bearer or auth:
            h["Authorization"] = "Bearer " + self.fresh(bearer or self.staff)
        data = body if isinstance(body, (bytes, str)) or body is None else json.dumps(body)
        for attempt in (1, 2):
            c = self.conns.get(svc)
            if c is None:
                u = urllib.parse.urlparse(self.url(svc))
                c = self.conns[svc] = http.client.HTTPConnection(u.hostname, u.port, timeout=300)
            try:
                c.request(method, path, data, h)
                r = c.getresponse()
                payload = r.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                c.close()
                self.conns.pop(svc, None)
                if attempt == 2:
                    raise
        self.last_link = r.getheader("Link") or ""
        if raw:
            return r.status, payload.decode()
        try:
            return r.status, (json.loads(payload) if payload else {})
        except ValueError:
            return r.status, payload.decode(errors="replace")

    def get_csv_pages(self, svc, path, what):
        """A paginated CSV list, whole: follows each page's Link rel="next"; one header line."""
        lines, header = [], None
        while path:
            status, text = self.call("GET", svc, path, raw=True)
            self.must(200, (status, text), what)
            page = text.splitlines()
            if header is None:
                header = page[0]
            lines.extend(page[1:])
            path = next_link(self.last_link)
        return "\n".join([header, *lines]) + "\n"

    def must(self, expected, result, what):
        """The body of RESULT (status, body) when its status is EXPECTED (or one of them); else exits."""
        status, body = result
        if status != expected and not (isinstance(expected, tuple) and status in expected):
            detail = body.get("detail", body) if isinstance(body, dict) else body
            if isinstance(body, dict) and body.get("field"):
                detail = f"{detail} (field {body['field']})"
            sys.exit(f"cycle: {what} failed: {self.last_call[0]} {self.last_call[1]} answered {status}: {str(detail)[:600]}")
        return body

    def put(self, svc, path, body, bearer=None):
        return self.call("PUT", svc, path, body, bearer=bearer)

    def delete(self, svc, path, bearer=None):
        return self.call("DELETE", svc, path, bearer=bearer)

    def post(self, svc, path, body=None, bearer=None):
        return self.call("POST", svc, path, {} if body is None else body, bearer=bearer)

    def get(self, svc, path, auth=True):
        return self.call("GET", svc, path, auth=auth)

    def metric(self, svc, name, labels):
        """The value of one sample of a service's /metrics (None when absent)."""
        with urllib.request.urlopen(self.metrics_url(svc), timeout=30) as r:
            return metric_sample(r.read().decode(), name, labels)


def metric_sample(text, name, labels):
    """The value of the sample NAME{LABELS} in a Prometheus text exposition (None when absent)."""
    want = {k: str(v) for k, v in labels.items()}
    for line in text.splitlines():
        m = re.match(r"^" + re.escape(name) + r"\{(.*)\} (\S+)$", line)
        if m and dict(re.findall(r'(\w+)="([^"]*)"', m.group(1))) == want:
            return float(m.group(2))
    return None


def wait_for(what, pred, timeout=90):
    """PRED's first true answer, tried every 0.3 s; exits when none came within TIMEOUT seconds."""
    start = time.time()
    while True:
        got = pred()
        if got:
            return got
        if time.time() - start > timeout:
            sys.exit(f"cycle: {what}: not after {timeout} s")
        time.sleep(0.3)


def next_link(link):
    """The address of a Link header's rel="next" (relative to the service), or None."""
    for part in link.split(","):
        target, _, params = part.partition(";")
        if 'rel="next"' in params.replace(" ", ""):
            return target.strip().strip("<>")
    return None

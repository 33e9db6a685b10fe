"""The HTTP client of the cycle: one kept-alive connection per service, bearer tokens made by
build/bin/assembly-token, and a failed call stops the driver with a message naming it."""

import http.client
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse

SERVICES = ("sortition", "membership", "workshops", "recommendations", "followup")


class Client:
    def __init__(self, urls, token_bin, key_file, issuer, audience):
        self.urls = urls                 # service -> base URL
        self.token_bin, self.key_file, self.issuer, self.audience = token_bin, key_file, issuer, audience
        self.conns = {}
        self.last_link = ""
        self.tokens = {}                 # (role, subject, department) -> (token, made at)
        self.minted_for = {}             # token -> (role, subject, department)
        self.staff = None                # the secretariat's token, the default bearer
        self.last_call = ["", ""]

    @classmethod
    def from_env(cls, env=os.environ):
        """The stack's addresses and signing key from var/stack.env (exported by ops/cycle)."""
        return cls({svc: env[svc.upper() + "_URL"] for svc in SERVICES}, env["CYCLE_TOKEN_BIN"],
                   env["JWT_PRIVATE_KEY_FILE"], env["JWT_ISSUER"], env["JWT_AUDIENCE"])

    def url(self, svc):
        return self.urls[svc]

    # The services refuse a token issued longer ago than JWT_MAX_TOKEN_AGE_SECONDS (600 by
    # default), whatever its expiry: a token is made again once this old.
    TOKEN_REUSE_SECONDS = 240

    def token(self, role, subject=None, department=None):
        """A bearer token signed with the local stack's key (what ops/token makes), made again
        every TOKEN_REUSE_SECONDS."""
        key = (role, subject, department)
        cached = self.tokens.get(key)
        if cached is None or time.monotonic() - cached[1] > self.TOKEN_REUSE_SECONDS:
            cmd = [self.token_bin, "--key", self.key_file, "--issuer", self.issuer, "--audience", self.audience,
                   "--role", role, "--subject", subject or "cycle-" + role, "--ttl", "21600"]
            if department:
                cmd += ["--department", department]
            token = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
            if cached is not None:
                self.minted_for.pop(cached[0], None)
            self.tokens[key] = cached = (token, time.monotonic())
            self.minted_for[token] = key
        return cached[0]

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
        _, text = self.call("GET", svc, "/metrics", auth=False, raw=True)
        return metric_sample(text, name, labels)


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

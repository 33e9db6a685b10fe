"""Sends the cases to the running stack and checks every answer."""

import json
import socket
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

TIMEOUT_S = 15


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes


@dataclass
class Report:
    operations: int = 0
    cases: int = 0
    statuses: Counter = field(default_factory=Counter)
    findings: list = field(default_factory=list)
    accepted: list = field(default_factory=list)     # mistyped bodies a route took (2xx)

    def add(self, op, case, problem):
        self.findings.append(f"{op.name} [{case.label}]: {problem}")


def _dechunk(data):
    out, pos = b"", 0
    while True:
        end = data.find(b"\r\n", pos)
        if end < 0:
            raise ValueError("truncated chunk size")
        size = int(data[pos:end].split(b";")[0], 16)
        if size == 0:
            return out
        out += data[end + 2:end + 2 + size]
        pos = end + 2 + size + 2


def send(base_url, method, target, headers, body):
    """One request on its own connection, bytes as given (no client-side cleaning of headers)."""
    u = urllib.parse.urlparse(base_url)
    lines = [f"{method.upper()} {target} HTTP/1.1", f"Host: {u.hostname}:{u.port}",
             "Connection: close"]
    raw = "\r\n".join(lines).encode()
    for k, v in headers.items():
        raw += b"\r\n" + k.encode("latin-1") + b": " + v.encode("latin-1", errors="replace")
    if body is not None:
        raw += b"\r\nContent-Length: " + str(len(body)).encode()
    raw += b"\r\n\r\n" + (body or b"")
    with socket.create_connection((u.hostname, u.port), timeout=TIMEOUT_S) as s:
        s.sendall(raw)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        parts = status_line.split(" ", 2)
        if len(parts) < 2 or not parts[1].isdigit():
            raise ValueError(f"no HTTP status line: {status_line[:60]!r}")
        hdrs = {}
        for line in header_lines:
            k, _, v = line.partition(":")
            hdrs[k.strip().lower()] = v.strip()
        chunked = "chunked" in hdrs.get("transfer-encoding", "")
        length = int(hdrs["content-length"]) if "content-length" in hdrs and not chunked else None
        while True:
            if length is not None and len(rest) >= length:
                rest = rest[:length]
                break
            if chunked and (rest.endswith(b"0\r\n\r\n")):
                rest = _dechunk(rest)
                break
            chunk = s.recv(65536)
            if not chunk:
                if chunked:
                    rest = _dechunk(rest)
                break
            rest += chunk
    return Answer(int(parts[1]), hdrs, rest)


def check(op, case, answer):
    """What is wrong with ANSWER to CASE, or None."""
    if answer.status >= 500:
        return f"answered {answer.status}: {answer.body[:200]!r}"
    if case.must_refuse and answer.status < 400:
        return f"accepted ({answer.status}) what it should refuse"
    if answer.status >= 400 and op.problem_errors and case.method != "head":
        ctype = answer.headers.get("content-type", "")
        if not ctype.startswith("application/problem+json"):
            return f"{answer.status} answered as {ctype or 'no content type'}, not problem+json"
        try:
            problem = json.loads(answer.body)
        except ValueError:
            return f"{answer.status} with a problem body that is no JSON: {answer.body[:120]!r}"
        if problem.get("status") != answer.status or not problem.get("title"):
            return f"{answer.status} with a problem that names no status/title: {problem}"
    return None


def run_operation(op, base_url, op_cases, bearer, report):
    report.operations += 1
    for case in op_cases:
        headers = dict(case.headers)
        if not op.public and "Authorization" not in headers:
            headers["Authorization"] = "Bearer " + bearer
        report.cases += 1
        try:
            answer = send(base_url, case.method, case.target, headers, case.body)
        except (OSError, ValueError) as e:
            report.statuses["no answer"] += 1
            report.add(op, case, f"no answer: {e}")
            continue
        report.statuses[f"{answer.status // 100}xx"] += 1
        if answer.status < 300 and case.label.startswith("body "):
            report.accepted.append(f"{op.name} [{case.label}]: {answer.status}")
        problem = check(op, case, answer)
        if problem:
            report.add(op, case, problem)
    try:
        live = send(base_url, "get", "/healthz", {}, None)
        if live.status != 200:
            report.findings.append(f"{op.name}: /healthz answered {live.status} after the cases")
    except (OSError, ValueError) as e:
        report.findings.append(f"{op.name}: /healthz unreachable after the cases: {e}")

"""What the soak samples every few seconds: each service's resident memory, open files and threads
(/proc/<pid>, the pid from var/run/<svc>.pid), PostgreSQL's client connections by role
(pg_stat_activity), and from each service's /metrics its outbox (age of the oldest row still to
publish, rows whose delivery failed) and its consumers' lag, with its 5xx answers so far."""

import os
import re
import subprocess
import urllib.request

from cycle.client import SERVICES

LINE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$")


def columns():
    """The CSV's series, in order."""
    out = []
    for svc in SERVICES:
        out += [f"{svc}_rss_mb", f"{svc}_fds", f"{svc}_threads"]
    out += [f"pg_{svc}" for svc in SERVICES] + ["pg_other"]
    for svc in SERVICES:
        out += [f"{svc}_outbox_oldest_s", f"{svc}_outbox_failed", f"{svc}_lag"]
    return out


def proc(pid):
    """(resident MB, open file descriptors, threads) of a process, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            status = dict(line.split(":", 1) for line in f if ":" in line)
        fds = len(os.listdir(f"/proc/{pid}/fd"))
    except (FileNotFoundError, ProcessLookupError):
        return None
    rss_kb = int(status["VmRSS"].split()[0])
    return round(rss_kb / 1024, 1), fds, int(status["Threads"])


def pid_of(run_dir, svc):
    try:
        with open(os.path.join(run_dir, svc + ".pid")) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def parse_metrics(text, svc):
    """{outbox_oldest_s, outbox_failed, lag, http_5xx} of a service's Prometheus exposition."""
    out = {"outbox_oldest_s": None, "outbox_failed": None, "lag": 0.0, "http_5xx": 0.0}
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        name, labels, value = m.group(1), m.group(2) or "", float(m.group(3))
        if name == f"{svc}_outbox_oldest_pending_seconds":
            out["outbox_oldest_s"] = value
        elif name == f"{svc}_outbox_pending_events":
            out["outbox_failed"] = value
        elif name == f"{svc}_consumer_lag_messages":
            out["lag"] += max(value, 0.0)
        elif name == f"{svc}_http_requests_total" and re.search(r'status="5\d\d"', labels):
            out["http_5xx"] += value
    return out


def pg_connections(conninfo):
    """{role: client connections} from pg_stat_activity (this query's own connection excluded)."""
    # Other roles' rows show no backend_type to an unprivileged role: a row with a role is a login.
    sql = "SELECT usename, count(*) FROM pg_stat_activity WHERE usename IS NOT NULL AND pid <> pg_backend_pid() GROUP BY 1"
    out = subprocess.run(["psql", "-XAtq", "-F", " ", "-d", conninfo, "-c", sql],
                         capture_output=True, text=True, timeout=30, check=True).stdout
    return {role: int(n) for role, n in (line.rsplit(" ", 1) for line in out.splitlines() if line.strip())}


class Sampler:
    def __init__(self, run_dir, metrics_urls, pg_conninfo):
        self.run_dir, self.metrics_urls, self.pg_conninfo = run_dir, metrics_urls, pg_conninfo
        self.pids = {}          # svc -> the pids seen (a restart during the soak shows here)

    def sample(self, t):
        row = {"t": round(t, 1)}
        http_5xx = 0.0
        for svc in SERVICES:
            pid = pid_of(self.run_dir, svc)
            got = proc(pid) if pid else None
            if pid and got:
                self.pids.setdefault(svc, [])
                if pid not in self.pids[svc]:
                    self.pids[svc].append(pid)
            row[f"{svc}_rss_mb"], row[f"{svc}_fds"], row[f"{svc}_threads"] = got or (None, None, None)
            try:
                with urllib.request.urlopen(self.metrics_urls[svc] + "/metrics", timeout=10) as r:
                    m = parse_metrics(r.read().decode(), svc)
            except OSError:
                m = {"outbox_oldest_s": None, "outbox_failed": None, "lag": None, "http_5xx": 0.0}
            row[f"{svc}_outbox_oldest_s"], row[f"{svc}_outbox_failed"], row[f"{svc}_lag"] = (
                m["outbox_oldest_s"], m["outbox_failed"], m["lag"])
            http_5xx += m["http_5xx"]
        row["http_5xx"] = http_5xx
        try:
            conns = pg_connections(self.pg_conninfo)
        except (subprocess.SubprocessError, OSError):
            conns = None
        for svc in SERVICES:
            row[f"pg_{svc}"] = None if conns is None else conns.get(svc, 0)
        row["pg_other"] = None if conns is None else sum(n for r, n in conns.items() if r not in SERVICES)
        return row

"""python3 -m soak ASSEMBLY_ID OUT_PREFIX ROLL_CSV NON_EU_CSV MINORS_CSV

The soak (ops/soak) on the running stack (the environment of var/stack.env): seats an assembly's
panel and draws its invitations (setup.py), then for SOAK_SECONDS plays the people-facing load
(load.py) while sampling every SOAK_SAMPLE_SECONDS (sample.py); after the load, samples until
the outboxes and the consumers have drained (at most SOAK_DRAIN_SECONDS); judges each series
(verdict.py); writes the samples and the report to OUT_PREFIX, suffixed .csv and .md, and prints the
report. Exits 1 when a series grew or a request failed, naming them."""

import csv
import datetime
import http.client
import os
import random
import sys
import threading
import time

import identity
from cycle.client import SERVICES, Client
from cycle.run import Run

from . import load, sample, setup, verdict


def env_int(name, default):
    try:
        return int(os.environ.get(name) or default)
    except ValueError:
        sys.exit(f"soak: {name} must be an integer")


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__.strip().splitlines()[0])
    assembly, prefix, roll, non_eu, minors = argv
    seconds = env_int("SOAK_SECONDS", 600)
    letters = env_int("SOAK_ANSWERS", 10000)
    rps = env_int("SOAK_SITE_RPS", 200)
    every = env_int("SOAK_SAMPLE_SECONDS", 10)
    drain = env_int("SOAK_DRAIN_SECONDS", 60)
    wave_at, wave_every = env_int("SOAK_WAVE_AT", 60), env_int("SOAK_WAVE_SECONDS", 120)
    root = os.environ["ROOT"]
    gateway = os.environ["GATEWAY_URL"]
    try:
        client = Client.from_env()
        sampler = sample.Sampler(os.path.join(root, "var", "run"), {s: os.environ[s.upper() + "_METRICS_URL"] for s in SERVICES},
                                 os.environ["TEST_PG_CONNINFO"])
    except KeyError as e:
        sys.exit(f"soak: {e} is not set in the environment (ops/soak sources var/stack.env)")

    # ---- setup ------------------------------------------------------------------------------
    client.staff = client.token("secretariat")
    run = Run(assembly, os.devnull, {"roll": roll, "non-eu-residents": non_eu, "minors": minors}, client)
    print(f"assembly {assembly}: seating the panel and drawing {letters:,} invitations", flush=True)
    try:
        got = setup.set_up(run, letters)
    except (OSError, http.client.HTTPException, KeyError, ValueError) as e:
        sys.exit(f"soak: the setup failed in {run.current_phase}: {type(e).__name__}: {e} (last call {' '.join(client.last_call)})")
    for path in got["paths"]:
        status, _, _ = load.call(gateway, "GET", path)
        if status != 200:
            sys.exit(f"soak: the public page {path} answered {status}")
    waves = load.Waves(client, gateway, assembly, got["members"], seconds, None, at=wave_at, period=wave_every)
    print(f"the members' tokens ({len(got['members'])})", flush=True)
    for m in got["members"]:
        client.token("member", m)

    # ---- the load -----------------------------------------------------------------------------
    tally = load.Tally()
    waves.tally = tally
    answers = load.Answers(gateway, got["letters"], seconds, tally, random.Random(assembly))
    columns = sample.columns()
    samples = []
    stop = threading.Event()
    load_before = loadavg()
    print(f"the load: {seconds} s; {len(got['letters']):,} answers, the site at {rps} requests/s, "
          f"{len(waves.times())} waves of {len(got['members'])} members; a sample every {every} s", flush=True)
    start = time.monotonic()
    wrk = load.site_reader(gateway, got["paths"], rps, seconds, os.path.join(os.path.dirname(__file__), "site.lua"))
    workers = answers.run(start)
    wave_error = []

    def play_waves():
        try:
            waves.run(start, stop)
        except SystemExit as e:        # Client.must: a secretariat call failed
            wave_error.append(str(e))
        except (OSError, http.client.HTTPException, KeyError, ValueError, identity.IdentityError) as e:
            wave_error.append(f"{type(e).__name__}: {e}")
    wave_thread = threading.Thread(target=play_waves, daemon=True)
    wave_thread.start()

    def take(phase):
        row = sampler.sample(time.monotonic() - start)
        row["phase"], row["load1"] = phase, loadavg()
        samples.append(row)
        return row

    first = take("load")
    next_at = every
    while time.monotonic() - start < seconds:
        time.sleep(max(0.0, min(next_at, seconds) - (time.monotonic() - start)))
        if time.monotonic() - start >= next_at:
            row = take("load")
            print(f"  +{row['t']:.0f} s: answers {tally.count('answer', 201):,}, check-ins {tally.count('check-in', 200)}, "
                  f"votes {tally.count('vote', 200)}, load {row['load1']}", flush=True)
            next_at += every
    stop.set()
    out, _ = wrk.communicate()
    for t in workers:
        t.join()
    wave_thread.join()
    load_after = loadavg()
    elapsed = time.monotonic() - start
    # ---- the drain: until every backlog is back to nothing --------------------------------------
    backlog = [c for c in columns if verdict.kind(c) in verdict.BACKLOG_LIMIT]
    while True:
        row = take("drain")
        if all((row.get(c) or 0) == 0 for c in backlog) or time.monotonic() - start > seconds + drain:
            break
        time.sleep(5)

    # ---- the report ---------------------------------------------------------------------------
    with open(prefix + ".csv", "w", newline="") as f:
        w = csv.DictWriter(f, ["t", "phase", "load1", *columns, "http_5xx"], extrasaction="ignore")
        w.writeheader()
        w.writerows(samples)
    verdicts = verdict.judge_all(columns, samples, seconds)
    site = load.site_result(out) or {}
    expected = {"questions": 200, "answer": 201, "check-in": 200, "vote": 200}
    failures = tally.failures(expected)
    server_5xx = int((samples[-1]["http_5xx"] or 0) - (first["http_5xx"] or 0))
    errors = []
    for what, by_status in failures.items():
        errors.append(f"{what}: " + ", ".join(f"{n} × {s or 'no answer'}" for s, n in by_status.items()))
    for k in ("s4xx", "s5xx", "socket_errors", "timeouts"):
        if site.get(k):
            errors.append(f"site: {site[k]} {k}")
    if not site:
        errors.append("site: wrk printed no result: " + out[-300:])
    if server_5xx:
        errors.append(f"the services answered {server_5xx} 5xx (their http_requests_total)")
    errors += waves.problems + wave_error
    answered = tally.count("answer", 201)
    pct = lambda what, p: f"{(tally.percentile(what, p) or 0) * 1000:.0f}"  # noqa: E731
    lines = [
        f"### {datetime.date.today().isoformat()} — `ops/soak` (SOAK_SECONDS={seconds}, SOAK_ANSWERS={letters}, "
        f"SOAK_SITE_RPS={rps}, waves at {wave_at} s then every {wave_every} s)", "",
        f"Assembly `{assembly}`. Load average {load_before} before the load, {load_after} at its end "
        f"(sampled: {min(s['load1'] for s in samples)} to {max(s['load1'] for s in samples)}). "
        f"{len(samples)} samples ({sum(s['phase'] == 'drain' for s in samples)} in the drain, "
        f"{samples[-1]['t'] - seconds:.0f} s after the load).", "",
        "| load | asked | achieved | latency p50 / p99 |", "|---|---|---|---|",
        f"| invitees' answers (questions, then the answer; each from its own address) | {letters:,} in {seconds} s "
        f"({letters / seconds:.1f}/s) | {answered:,} recorded (201) in {elapsed:.0f} s ({answered / elapsed:.1f}/s); "
        f"{tally.count('answer'):,} sent; latest start {answers.late:.1f} s behind schedule | "
        f"answer {pct('answer', 0.5)} / {pct('answer', 0.99)} ms, questions {pct('questions', 0.5)} / {pct('questions', 0.99)} ms |",
        f"| the members' waves: 100 check in and vote at once | {len(waves.times())} | {len(waves.done)}: "
        + "; ".join(f"{w['present']} present, {w['votes']} votes, slowest member {w['slowest_s']} s" for w in waves.done)
        + f" | check-in {pct('check-in', 0.5)} / {pct('check-in', 0.99)} ms, vote {pct('vote', 0.5)} / {pct('vote', 0.99)} ms |",
        f"| the public site through the gateway ({len(got['paths'])} pages in turn; wrk, constant rate) | {rps}/s | "
        f"{site.get('requests', 0) / max(site.get('duration_s', 1), 1e-9):.1f}/s ({site.get('requests', 0):,} requests; "
        f"2xx {site.get('s2xx', 0):,}, 3xx {site.get('s3xx', 0)}, 4xx {site.get('s4xx', 0)}, 5xx {site.get('s5xx', 0)}) | "
        f"{site.get('p50_ms', 0):.1f} / {site.get('p99_ms', 0):.1f} ms |", "",
        *verdict.table(verdicts), "",
    ]
    restarted = {s: p for s, p in sampler.pids.items() if len(p) > 1}
    if restarted:
        errors.append("restarted during the soak: " + ", ".join(restarted))
    grown = verdict.grown(verdicts)
    lines.append("Errors: " + ("; ".join(errors) if errors else "none") + ".")
    lines.append("Verdict: " + (f"**grew or did not drain: {', '.join(grown)}**" if grown else "no series grew without bound") + ".")
    lines.append(f"Samples: `var/soak/{os.path.basename(prefix)}.csv`.")
    report = "\n".join(lines) + "\n"
    with open(prefix + ".md", "w") as f:
        f.write(report)
    print("\n" + report)
    if grown or errors:
        sys.exit("soak: " + "; ".join(([f"grew: {', '.join(grown)}"] if grown else []) + errors))


if __name__ == "__main__":
    main(sys.argv[1:])

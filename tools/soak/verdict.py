"""The soak's judgement, pure: the samples split in thirds, each series judged on the last third
against the middle one (the first third is the warm-up: caches, pools and buffers filling), the
backlogs on their final value once the load has stopped, and the table of the report."""

import statistics

# What each kind of series may do between the middle third and the last one.
RSS_GROWTH = 0.10       # resident memory: the last third's median at most 10 % above the middle's
COUNT_MARGIN = {        # open files, threads, connections: never above the middle's max + this
    "fds": 8,
    "threads": 4,
    "pg": 2,
}
BACKLOG_LIMIT = {       # once the load stopped and the drain ended: at most this much left
    "outbox_oldest_s": 5.0,
    "outbox_failed": 0.0,
    "lag": 10.0,
}


def kind(series):
    """The kind of a series from its name (<svc>_rss_mb, <svc>_fds, pg_<role>, <svc>_lag, ...)."""
    if series.endswith("_rss_mb"):
        return "rss"
    for suffix in ("fds", "threads"):
        if series.endswith("_" + suffix):
            return suffix
    if series.startswith("pg_"):
        return "pg"
    for suffix in BACKLOG_LIMIT:
        if series.endswith("_" + suffix):
            return suffix
    raise ValueError(f"no rule for the series {series!r}")


def thirds(samples, duration):
    """(middle, last): the samples of the load (t <= duration) in its second and last thirds."""
    middle = [s for s in samples if duration / 3 <= s["t"] < 2 * duration / 3]
    last = [s for s in samples if 2 * duration / 3 <= s["t"] <= duration]
    return middle, last


def judge(series, samples, duration):
    """{series, kind, start, middle, last, max, final, ok, why} for one series. SAMPLES: dicts with
    "t" (seconds since the load started) and the series' value (None: not sampled then), the
    drain's samples after DURATION included (the final value is the last one)."""
    values = [(s["t"], s.get(series)) for s in samples if s.get(series) is not None]
    k = kind(series)
    out = {"series": series, "kind": k, "start": None, "middle": None, "last": None, "max": None,
           "final": None, "ok": True, "why": "no samples"}
    if not values:
        return out
    middle, last = thirds([{"t": t, "v": v} for t, v in values], duration)
    mid_v, last_v = [s["v"] for s in middle], [s["v"] for s in last]
    out.update(start=values[0][1], final=values[-1][1], max=max(v for _, v in values),
               middle=statistics.median(mid_v) if mid_v else None, last=statistics.median(last_v) if last_v else None)
    if k in BACKLOG_LIMIT:
        limit = BACKLOG_LIMIT[k]
        out["ok"] = out["final"] <= limit
        out["why"] = f"final {fmt(out['final'])} {'≤' if out['ok'] else '>'} {fmt(limit)}"
        return out
    if not mid_v or not last_v:
        out["why"] = "too few samples to compare the thirds"
        return out
    if k == "rss":
        growth = out["last"] / out["middle"] - 1 if out["middle"] else 0.0
        out["ok"] = growth < RSS_GROWTH
        out["why"] = f"{growth * 100:+.1f} % (limit +{RSS_GROWTH * 100:.0f} %)"
        return out
    ceiling = max(mid_v) + COUNT_MARGIN[k]
    top = max(last_v)
    out["ok"] = top <= ceiling
    out["why"] = f"last third's max {fmt(top)} {'≤' if out['ok'] else '>'} middle's max {fmt(max(mid_v))} + {COUNT_MARGIN[k]}"
    return out


def judge_all(names, samples, duration):
    return [judge(n, samples, duration) for n in names]


def grown(verdicts):
    """The names of the series that did not pass."""
    return [v["series"] for v in verdicts if not v["ok"]]


def fmt(v):
    if v is None:
        return "–"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:.1f}"
    return f"{int(v):,}"


def table(verdicts):
    """The Markdown table of the verdicts."""
    lines = ["| series | start | middle third (median) | last third (median) | max | final | verdict |",
             "|---|---|---|---|---|---|---|"]
    for v in verdicts:
        word = "no growth without bound" if v["ok"] else "**GREW**"
        if v["kind"] in BACKLOG_LIMIT:
            word = "drained" if v["ok"] else "**NOT DRAINED**"
        lines.append(f"| {v['series']} | {fmt(v['start'])} | {fmt(v['middle'])} | {fmt(v['last'])} | {fmt(v['max'])} | "
                     f"{fmt(v['final'])} | {word}: {v['why']} |")
    return lines

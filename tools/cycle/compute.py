"""What the cycle computes, apart from any HTTP: the self-selection of the respondents, the quota
CSVs, the attendance records, the seat pools' order, small rules. Pure functions; the random ones
take the run's seeded random.Random, and draw from it in a fixed order (the synthetic cycle is
reproducible for a given assembly id)."""

import datetime
import hashlib
import re

from . import data


def sha(s):
    return hashlib.sha256(s.encode()).hexdigest()


def today(offset=0, now=None):
    """Follow-up runs on the real clock (UTC): its dates are relative to today."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return (now.date() + datetime.timedelta(days=offset)).isoformat()


# ---- the self-selection ----------------------------------------------------------------------
def pick(rng, weights):
    """One value of WEIGHTS [(value, probability)...], drawn with one rng.random()."""
    r, acc = rng.random(), 0.0
    for value, w in weights:
        acc += w
        if r < acc:
            return value
    return weights[-1][0]


def respondent_criteria(rng, kind, arrondissement):
    """What a respondent of pool KIND declares: drawn from the answering population's shares
    (data.ANSWERS), the arrondissement from the invitation letter."""
    criteria = {k: pick(rng, w) for k, w in data.ANSWERS[kind].items()}
    criteria["arrondissement"] = arrondissement
    return criteria


# ---- the quotas -----------------------------------------------------------------------------
def quota_csv(ranges):
    """The quota CSV (feature,value,min,max) of a seat pool's [(feature, value, min, max)...]."""
    return "feature,value,min,max\n" + "".join(f"{f},{v},{lo},{hi}\n" for f, v, lo, hi in ranges)


def quota_bounds(ranges):
    """Per feature, the (sum of the minima, sum of the maxima): a seat count is reachable under
    the quotas only if it lies within these bounds for every feature."""
    out = {}
    for f, _, lo, hi in ranges:
        a, b = out.get(f, (0, 0))
        out[f] = (a + lo, b + hi)
    return out


def quota_problems(ranges, seats):
    """Why RANGES cannot seat SEATS people (empty when they can, feature by feature)."""
    problems = [f"{f} {v}: min {lo} > max {hi}" for f, v, lo, hi in ranges if lo > hi or lo < 0]
    for f, (lo, hi) in quota_bounds(ranges).items():
        if not lo <= seats <= hi:
            problems.append(f"{f}: {seats} seats outside [{lo}, {hi}]")
    return problems


def seat_pools_in_order(seat_pools):
    """The selection record's seat pools in the order of data.POOLS (unknown pools last)."""
    order = [p["kind"] for p in data.POOLS]
    return sorted(seat_pools, key=lambda p: order.index(p["pool"]) if p["pool"] in order else len(order))


# ---- attendance -----------------------------------------------------------------------------
def attendance_for(rng, absence_rate, member_ids):
    """One attendance record per member: present, or (at the member's own absence rate, drawn once
    and kept in ABSENCE_RATE) excused a little less than half the time, else absent."""
    rates, weights = data.ABSENCE_RATES
    records = []
    for mid in member_ids:
        p = absence_rate.setdefault(mid, rng.choices(rates, weights=weights)[0])
        status = "present"
        if rng.random() < p:
            status = "excused" if rng.random() < data.EXCUSED_SHARE else "absent"
        records.append({"member_id": mid, "status": status})
    return records


# ---- small rules ----------------------------------------------------------------------------
def leavers(invited, per_pool=(("roll", 5), ("non-eu-residents", 1), ("minors", 1))):
    """Who declines: the first N invited members of each pool."""
    return [m for p, n in per_pool for m in [x for x in invited if x["pool"] == p][:n]]


def slug(title):
    """A paris.fr page name of a title: ASCII lower case, runs of anything else as one dash."""
    return re.sub("[^a-z]+", "-", title.lower().encode("ascii", "ignore").decode()).strip("-")


def unanimous(mandate):
    """The mandate list does not carry `unanimous` (the vote's answer does): the same rule, from the counts."""
    return mandate["state"] == "adopted" and mandate["votes_against"] == 0 and mandate["abstentions"] == 0

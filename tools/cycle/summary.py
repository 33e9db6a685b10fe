"""The cycle's summary: collected from the services' GET routes at the end (collect), written to
CYCLE_SUMMARY as JSON, and printed (format_summary). The figures are computed by the pure
functions below from what the routes answered."""

import collections
import datetime
import json
import os
import urllib.parse
import urllib.request

from . import compute
from .client import SERVICES, wait_for
from .data import THEMES


# ---- figures from the services' answers ------------------------------------------------------
def members_figures(by_status, everyone, by_theme):
    """Members by status, replacements (and how many came from the leaver's own pool), active
    members by pool, workshop sizes."""
    by_id = {m["id"]: m for m in everyone}
    return {"by_status": by_status, "replacements": sum(1 for m in everyone if m.get("replaces")),
            "active_by_pool": dict(collections.Counter(m["pool"] for m in everyone if m["status"] == "active")),
            # a replacement comes from the pool of the one it replaces
            "replacements_in_pool": sum(1 for m in everyone
                                        if m.get("replaces") and by_id.get(m["replaces"], {}).get("pool") == m["pool"]),
            "workshops": {t: len(v) for t, v in sorted(by_theme.items())}}


def messages_figures(figures, held):
    """The notifications service's messages of the assembly by kind (each kind's count by state,
    the states with none left out), and how many the mail server holds from the service."""
    return {"by_kind": {k: {st: n for st, n in v.items() if n} for k, v in figures["by_kind"].items() if sum(v.values())},
            "total": figures["total"], "mail_server_holds": held}


def mails_held(assembly):
    """The messages Mailpit holds from the notifications service to this assembly's members (the
    cycle's addresses are under the assembly's own domain; the local stack's mail server; -1 when
    it is not there)."""
    base = os.environ.get("MAILPIT_URL", "")
    if not base:
        return -1
    query = urllib.parse.quote(f"from:assemblee-citoyenne@paris.example to:@{assembly}.example.org")
    try:
        with urllib.request.urlopen(f"{base}/api/v1/search?limit=1&query={query}", timeout=10) as r:
            return json.load(r)["messages_count"]
    except (OSError, ValueError, KeyError):
        return -1


def letters_figures(jobs):
    """The invitation letters' jobs of the assembly (GET /v1/assemblies/{id}/letter-jobs): by draw,
    the state, letters, files and the seconds from the request to the last file."""
    def seconds(j):
        if not j.get("finished_at"):
            return None
        t = [datetime.datetime.fromisoformat(j[k].replace("Z", "+00:00")) for k in ("created_at", "finished_at")]
        return (t[1] - t[0]).total_seconds()
    return [{"draw_id": j["draw_id"], "state": j["state"], "letters": j["letters"], "files": len(j["files"]),
             "size_bytes": sum(f["size_bytes"] for f in j["files"] if f["part"] == 0), "seconds": seconds(j)}
            for j in sorted(jobs, key=lambda j: j["created_at"])]


def sessions_figures(sessions):
    """The sessions' count, and by type the count per state."""
    by_type = collections.defaultdict(collections.Counter)
    for s in sessions:
        by_type[s["type"]][s["state"]] += 1
    return {"total": len(sessions), "by_type": {t: dict(c) for t, c in sorted(by_type.items())}}


def participation_counts(participation):
    """Membership's present/excused/absent totals of GET /v1/assemblies/{id}/participation."""
    seen = collections.Counter()
    for i in participation["items"]:
        for k in ("present", "excused", "absent"):
            seen[k] += i["overall"][k]
    return seen


def attendance_figures(counts, at_risk):
    total = sum(counts.values())
    return {"records": total, "present": counts["present"], "excused": counts["excused"], "absent": counts["absent"],
            "presence_rate": round(counts["present"] / total, 3), "membership_agrees": True, "at_risk": at_risk}


def trainings_figures(totals, offered):
    """The trainings for volunteers: membership's totals (sign-ups, places, waiting, attendance)
    and each training's topic, capacity and waiting list."""
    return {"offered": totals["offered"], "signed_up": totals["signed_up"], "placed": totals["placed"],
            "waiting": totals["waiting"], "attended": totals["attended"], "members_signed_up": totals["members_signed_up"],
            "members_attended": totals["members_attended"],
            "by_topic": {t["topic"]: {"capacity": t["capacity"], "placed": t["placed"], "waiting": t["waiting"]} for t in offered}}


def workshop_figures(versions, mandates, choice, axes, answered):
    """A workshop's notebook, its axes as the members chose them (the count's method, voters, the
    axes chosen) and its mandates with the notebook version each answers (`answered`: mandate id
    -> the version its notebook route gives)."""
    result = (choice or {}).get("result") or {}
    return {"notebook_versions": len(versions), "notebook_submitted": [v["version"] for v in versions if v.get("submitted_at")],
            "axes": {"chosen_by": axes.get("chosen_by"), "proposals": len(result.get("tallies", [])), "voters": result.get("voters"),
                     "method": result.get("method"), "chosen": [a["title"] for a in axes.get("items", [])]},
            "mandates": [{"state": m["state"], "votes_for": m["votes_for"], "unanimous": compute.unanimous(m),
                          "votes_against": m["votes_against"], "abstentions": m["abstentions"],
                          "notebook_version": m.get("notebook_version"), "notebook_read": answered.get(m["id"])} for m in mandates]}


def recommendations_figures(recs):
    return {"total": len(recs), "by_status": dict(collections.Counter(r["status"] for r in recs)),
            "amended": sum(1 for r in recs if r["version"] > 1)}


def ballots_figures(ballots):
    return [{"id": b["id"], "scope": b["workshop"] or "plenary", "motion_id": b["motion_id"], "rule": b["rule"],
             "state": b["state"], "electorate": b["electorate"], "result": b["result"],
             "plenary_session_id": b.get("plenary_session_id")} for b in ballots]


def motions_figures(motions, versions, debates):
    """Each motion's status, the proposers of its versions in order, and its debate's speakers
    (versions and debates by theme, as the services answered them)."""
    return [{"theme": m["theme"], "status": m["status"], "versions": [v["proposed_by"]["kind"] for v in versions.get(m["theme"], [])],
             "debate_speakers": len((debates.get(m["theme"]) or {}).get("presentation", {}).get("speakers", [])) +
             len((debates.get(m["theme"]) or {}).get("interventions", []))} for m in motions]


def plenaries_figures(plenaries, recs, ballots, decisions):
    """What each named plenary decided, by the ids the services recorded: the recommendations
    handed over there, the assembly's ballots held there, and the decisions its own page lists
    (`decisions`: plenary session id -> the items of GET /v1/sessions/{id}/decisions)."""
    return {name: {"handed_over": sum(1 for r in recs if r.get("plenary_session_id") == sid),
                   "ballots": sum(1 for b in ballots if b.get("plenary_session_id") == sid),
                   "page": dict(collections.Counter(d["kind"] for d in decisions.get(sid, [])))}
            for name, sid in plenaries.items()}


def council_figures(open_data_motions):
    out = []
    for m in open_data_motions:
        council = m["council"] or {}
        out.append({"theme": m["theme"], "title": m["title"], "stage": m["stage"], "session": council.get("session_name"),
                    "decision": council.get("decision"), "votes_for": council.get("votes_for"),
                    "votes_against": council.get("votes_against"), "abstentions": council.get("abstentions"),
                    "group_positions": len(council.get("positions") or [])})
    return out


def commitments_figures(commitments):
    return {"total": len(commitments), "by_status": dict(collections.Counter(c["status"] for c in commitments)),
            "by_department": dict(collections.Counter(c["department"] for c in commitments)),
            "milestones": sum(c["milestones_total"] for c in commitments),
            "milestones_overdue": sum(c["milestones_overdue"] for c in commitments)}


def reports_figures(reports):
    return [{"sequence": r["sequence"], "status": r["status"], "due_on": r["due_on"], "as_of": r["as_of"],
             "overdue": r["overdue"]} for r in reports]


def urls(url, assembly, selection_id, metrics_url=None):
    f = url("followup")
    return {"transparence": f"{f}/transparence/{assembly}", "transparency": f"{f}/transparency/{assembly}",
            "open_data": [f"{f}/open-data/assemblies/{assembly}/follow-up.json", f"{f}/open-data/assemblies/{assembly}/commitments.csv",
                          f"{f}/open-data/assemblies/{assembly}/milestones.csv"],
            "panel_record": f"{url('sortition')}/v1/selections/{selection_id}/record.html",
            "metrics": {svc: metrics_url(svc) if metrics_url else f"{url(svc)}/metrics" for svc in SERVICES}}


# ---- collecting -----------------------------------------------------------------------------
def collect(run):
    """The summary, from the services' GET routes (and what the phases learnt, run.S)."""
    api, S, assembly = run.client, run.S, run.assembly
    out = {"assembly_id": assembly, "roll_rows": S["roll_rows"],
           "finished_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
    sel = api.must(200, api.get("sortition", f"/v1/selections/{S['selection_id']}"), "selection")
    out["pools"] = {k: {"rows": v["rows"], "invited": len(S["draws"][k]["letters"])} for k, v in S["pools"].items()}
    out["panel"] = {"algorithm": sel["algorithm"],
                    "seat_pools": [{"pool": p["pool"], "seats": p["seats"], "respondents": p["respondents"], "households": p["households"],
                                    "fairness": p.get("fairness"), "categories": p["categories"]}
                                   for p in compute.seat_pools_in_order(sel["record"]["seat_pools"])]}

    a = api.must(200, api.get("membership", f"/v1/assemblies/{assembly}"), "assembly")
    everyone = api.must(200, api.get("membership", "/v1/members?assembly_id=" + assembly), "members")["items"]
    out["members"] = members_figures(a["members_by_status"], everyone, S["by_theme"])
    # One real member of the assembly, active at the end, for a person to sign in with at the site:
    # tools/identity gives the account membership made the local test users' password (ops/run
    # prints it; local stack only).
    member = next(m["id"] for m in everyone if m["status"] == "active")
    api.token("member", member)
    out["local_accounts"] = {"member": member}

    sessions = api.must(200, api.get("workshops", f"/v1/sessions?assembly_id={assembly}", auth=False), "sessions")["items"]
    out["sessions"] = sessions_figures(sessions)
    counts, guests = collections.Counter(), collections.Counter()
    for s in sessions:
        if s["state"] == "held":
            att = api.must(200, api.get("workshops", f"/v1/sessions/{s['id']}/attendance"), "attendance")
            for r in att["items"]:
                counts[r["status"]] += 1
            for r in att.get("participants", []):
                guests[r["kind"]] += 1
                guests[r["status"]] += 1
            guests["sessions"] += bool(att.get("participants"))
    out["participants"] = dict(guests)

    # Membership learns the same records over Kafka (AttendanceRecorded): its figures must agree.
    def participation():
        p = api.must(200, api.get("membership", f"/v1/assemblies/{assembly}/participation"), "participation")
        return p if participation_counts(p) == counts else None
    p = wait_for("membership's participation figures match the attendance records", participation, timeout=90)
    out["attendance"] = attendance_figures(counts, len(p["at_risk"]))
    offered = api.must(200, api.get("membership", f"/v1/assemblies/{assembly}/trainings"), "trainings")["items"]
    out["trainings"] = trainings_figures(p["trainings"], offered)

    wsm = {}
    for theme in THEMES:
        wid = S["workshops"][theme]["id"]
        versions = api.must(200, api.get("workshops", f"/v1/workshops/{wid}/notebook/versions"), "notebook")["items"]
        mandates = api.must(200, api.get("workshops", f"/v1/workshops/{wid}/mandates", auth=False), "mandates")["items"]
        choice = api.must(200, api.get("workshops", f"/v1/workshops/{wid}/axes-choice", auth=False), "axes choice")
        axes = api.must(200, api.get("workshops", f"/v1/workshops/{wid}/priority-axes", auth=False), "priority axes")
        answered = {m["id"]: api.must(200, api.get("workshops", f"/v1/mandates/{m['id']}/notebook", auth=False), "mandate's notebook")["version"]
                    for m in mandates}
        wsm[theme] = workshop_figures(versions, mandates, choice, axes, answered)
    out["workshops"] = wsm

    recs = api.must(200, api.get("recommendations", f"/v1/recommendations?assembly_id={assembly}", auth=False),
                    "recommendations")["items"]
    out["recommendations"] = recommendations_figures(recs)
    ballots = api.must(200, api.get("recommendations", f"/v1/ballots?assembly_id={assembly}"), "ballots")["items"]
    out["ballots"] = ballots_figures(ballots)
    motions = api.must(200, api.get("recommendations", f"/v1/motions?assembly_id={assembly}", auth=False), "motions")["items"]
    versions = {m["theme"]: api.must(200, api.get("recommendations", f"/v1/motions/{m['id']}/versions", auth=False), "versions")["items"]
                for m in motions}
    debates = {m["theme"]: api.must(200, api.get("recommendations", f"/v1/motions/{m['id']}/debate", auth=False), "debate")
               for m in motions}
    out["motions"] = motions_figures(motions, versions, debates)
    decisions = {sid: api.must(200, api.get("workshops", f"/v1/sessions/{sid}/decisions", auth=False), "a plenary's decisions")["items"]
                 for sid in S.get("plenaries", {}).values()}
    out["plenaries"] = plenaries_figures(S.get("plenaries", {}), recs, ballots, decisions)
    out["evaluation"] = S["evaluation"]

    data = api.must(200, api.get("followup", f"/open-data/assemblies/{assembly}/follow-up.json", auth=False), "open data")
    out["council"] = council_figures(data["motions"])
    commitments = api.must(200, api.get("followup", f"/v1/commitments?assembly_id={assembly}", auth=False), "commitments")["items"]
    out["commitments"] = commitments_figures(commitments)
    reports = api.must(200, api.get("followup", f"/v1/reports?assembly_id={assembly}", auth=False), "reports")["items"]
    out["reports"] = reports_figures(reports)
    out["overdue"] = dict(S["overdue"], reports_overdue=sum(1 for r in reports if r["overdue"]))
    figures = api.must(200, api.get("notifications", f"/v1/assemblies/{assembly}/message-figures"), "message figures")
    out["messages"] = messages_figures(figures, mails_held(assembly))
    jobs = api.must(200, api.get("notifications", f"/v1/assemblies/{assembly}/letter-jobs"), "letters jobs")["items"]
    out["letters"] = letters_figures(jobs)
    out["phases"] = run.timings
    out["total_seconds"] = round(sum(t["seconds"] for t in run.timings), 1)
    out["urls"] = urls(api.url, assembly, S["selection_id"], api.metrics_url)
    return out


# ---- the printed form -------------------------------------------------------------------------
def format_panel(rec, algorithm):
    """The lines of one seat pool of the panel: its respondents, fairness, fallbacks, and each
    category's seats beside its quota and its share of the respondents."""
    lines = []
    fair = rec.get("fairness") or {}
    lines.append(f"{'':17}{rec['pool']}: {rec['seats']} seats from {rec['respondents']} respondents ({rec['households']} households)")
    if "min_probability" in fair:
        lines.append(f"{'':19}fairness ({algorithm}): every respondent had at least {100 * fair['min_probability']:.2f} % chance "
                     f"(at most {100 * fair['max_probability']:.2f} %), proved optimal by a dual certificate; "
                     f"{fair['panels']} possible panels, computed in {fair['seconds']:.1f} s")
    for why in fair.get("fallbacks", []):
        lines.append(f"{'':19}fallback: {why}")
    for c in rec["categories"]:
        cells = ", ".join(f"{v['value']} {v['panel']} [{v['min']}-{v['max']}] ({100 * v['respondent_share']:.0f} % of respondents)"
                          for v in c["values"])
        lines.append(f"{'':19}{c['category']}: {cells}")
    return lines


def format_summary(s, summary_path):
    """The printed summary of S (the collected summary), as a list of lines."""
    lines = [f"\nSummary of assembly {s['assembly_id']} (also in {summary_path})",
             "  pools: " + ", ".join(f"{k} {v['rows']:,} people, {v['invited']:,} invited" for k, v in s["pools"].items()),
             f"  panel ({s['panel']['algorithm']}) beside the quotas:"]
    for rec in s["panel"]["seat_pools"]:
        lines += format_panel(rec, s["panel"]["algorithm"])
    m = s["members"]
    lines.append("  members: " + ", ".join(f"{k} {v}" for k, v in sorted(m["by_status"].items())) +
                 "; active by pool " + ", ".join(f"{k} {v}" for k, v in m["active_by_pool"].items()) +
                 f"; {m['replacements']} replacements ({m['replacements_in_pool']} from the leaver's pool); workshops " +
                 ", ".join(f"{k} {v}" for k, v in m["workshops"].items()))
    lines.append(f"  sessions: {s['sessions']['total']}: " + "; ".join(
        f"{t} " + ", ".join(f"{n} {st}" for st, n in c.items()) for t, c in s["sessions"]["by_type"].items()))
    a = s["attendance"]
    lines.append(f"  attendance: {a['records']} records: {a['present']} present, {a['excused']} excused, {a['absent']} absent "
                 f"({100 * a['presence_rate']:.1f} % present; membership agrees; {a['at_risk']} members at risk)")
    t = s["trainings"]
    lines.append(f"  trainings: {t['offered']} offered (" + ", ".join(f"{k} {v['placed']}/{v['capacity']} placed, {v['waiting']} waiting"
                                                             for k, v in t["by_topic"].items()) +
                 f"); {t['signed_up']} sign-ups by {t['members_signed_up']} volunteers; {t['attended']} attended "
                 f"({t['members_attended']} members)")
    for theme, w in s["workshops"].items():
        md, ax = w["mandates"][0], w["axes"]
        lines.append(f"  {theme}: axes chosen by the {ax['chosen_by']} ({ax['voters']} voters, {ax['proposals']} proposals): " +
                     "; ".join(ax["chosen"]))
        lines.append(f"  {theme}: notebook {w['notebook_versions']} versions (submitted {w['notebook_submitted']}); mandate {md['state']}"
                     f"{' unanimously' if md['unanimous'] else ''} ({md['votes_for']}-{md['votes_against']}-{md['abstentions']}), "
                     f"answering notebook version {md['notebook_version']}")
    r = s["recommendations"]
    lines.append(f"  recommendations: {r['total']}, " + ", ".join(f"{k} {v}" for k, v in r["by_status"].items()) +
                 f"; {r['amended']} amended")
    for b in s["ballots"]:
        res = b["result"] or {}
        lines.append(f"  ballot {b['scope']:<16} {b['rule']}: {res.get('for')} for, {res.get('against')} against, "
                     f"{res.get('abstain')} abstain of {b['electorate']}: {res.get('outcome')}")
    for m in s["motions"]:
        lines.append(f"  vœu {m['theme']}: {m['status']}; {len(m['versions'])} versions proposed by " + ", ".join(m["versions"]) +
                     f"; debated at the plenary ({m['debate_speakers']} speakers)")
    lines.append("  plenaries: " + "; ".join(f"{name}: {p['handed_over']} recommendations handed over, {p['ballots']} vœux voted"
                                             + (", its page lists " + ", ".join(f"{k}: {n}" for k, n in p["page"].items()) if p["page"] else "")
                                             for name, p in s["plenaries"].items()))
    g = s["participants"]
    lines.append(f"  participants beside the members: {g.get('sessions', 0)} sessions, {g.get('department', 0)} department staff, "
                 f"{g.get('elected-representative', 0)} elected officials' representatives; {g.get('present', 0)} present, "
                 f"{g.get('excused', 0)} excused")
    e = s["evaluation"]
    lines.append(f"  evaluation: {e['responses']} answers, means " + ", ".join(f"{k} {v}" for k, v in e["means"].items()))
    for c in s["council"]:
        lines.append(f"  Council: « {c['title']} » {c['decision']} {c['votes_for']}-{c['votes_against']}-{c['abstentions']} "
                     f"({c['group_positions']} group positions); dossier {c['stage']}")
    c = s["commitments"]
    lines.append(f"  commitments: {c['total']}, " + ", ".join(f"{k} {v}" for k, v in c["by_status"].items()) +
                 f"; {c['milestones']} milestones, {c['milestones_overdue']} overdue")
    lines.append("  reports: " + ", ".join(f"{r['sequence']} {r['status']} (due {r['due_on']})" for r in s["reports"]))
    g = s["messages"]
    lines.append(f"  messages: {g['total']} (" + "; ".join(f"{k}: " + ", ".join(f"{st} {n}" for st, n in v.items())
                                             for k, v in g["by_kind"].items()) + f"); the mail server holds {g['mail_server_holds']}")
    if "letters" in s:
        lines.append("  letters: " + ", ".join(f"{j['letters']:,} {j['state']} ({j['files']} files, {j['size_bytes'] / 1e6:.1f} MB, "
                                               f"{j['seconds']:.0f} s)"
                                               for j in sorted(s["letters"], key=lambda j: -j["letters"])))
    o = s["overdue"]
    lines.append(f"  overdue: « {o['title']} » due {o['due_on']}, flagged by the service; {o['reports_overdue']} reports overdue")
    lines.append("  time per phase: " + ", ".join(f"{t['phase']} {t['seconds']:.1f} s" for t in s["phases"]) +
                 f"; total {s['total_seconds']:.1f} s")
    u = s["urls"]
    lines += ["\nOpen:",
              f"  the public page      {u['transparence']}",
              f"                       {u['transparency']}"]
    lines += [f"  open data            {d}" for d in u["open_data"]]
    lines.append(f"  the panel's record   {u['panel_record']}")
    lines += [f"  metrics              {m}" for m in u["metrics"].values()]
    return lines

"""The 13 phases of the cycle, in order, each through the services' public HTTP APIs.

A phase takes the Run (run.py): its client, its seeded random.Random and run.S, what the phases
learn for the next ones and for the summary.
"""

import collections
import csv
import datetime
import io
import os
import sys
import time

from . import compute
from .client import wait_for
from .data import (ASSEMBLY_NAME, COMMITMENTS, COUNCIL, DEPARTMENTS, DISCOVERY, FEEDBACK, MANDATES, MOTIONS, MANDATE_END, OPENING, OTHER_AXES, PARTICIPANTS, POOLS, TRAININGS, VOW_CHANGES,
                   QUOTA_RANGES, RECOMMENDATIONS, THEMES, WORKSHOP_DEPARTMENTS)
from .summary import format_panel


def phase(number, name):
    """Announces the phase, runs it and records its time in run.timings."""
    def wrap(f):
        def run_phase(run):
            run.current_phase = f"{number}. {name}"
            print(f"{number}. {name}", flush=True)
            start = time.time()
            out = f(run)
            run.timings.append({"phase": number, "name": name, "seconds": round(time.time() - start, 2)})
            return out
        run_phase.__name__ = f.__name__
        return run_phase
    return wrap


# ---------------------------------------------------------------------------------------------
# 1-4. Sortition
@phase(1, "the electoral roll and the two other pools, imported in parts")
def phase_roll(run):
    api = run.client
    # The secretariat describes the assembly before its draw: its name and mandate are what the
    # public site shows (membership would otherwise make it with defaults and no name). The
    # scenario's mandate ended in 2023: the members' data is kept the longest membership allows
    # after it (3,650 days), or the anonymisation would take it while the cycle still plays.
    api.must(201, api.post("membership", "/v1/assemblies", {
        "id": run.assembly, "name": f"{ASSEMBLY_NAME} ({run.assembly})",
        "mandate_start": OPENING, "mandate_end": MANDATE_END, "retention_days": 3650,
        "seat_pools": [{"pool": p["kind"], "seats": p["seats"]} for p in POOLS], "workshops": THEMES}), "assembly")
    run.S["pools"] = {}
    for p in POOLS:
        path = run.pool_files[p["kind"]]
        size = os.path.getsize(path)
        created = api.must(201, api.post("sortition", "/v1/pools", {"name": f"{p['kind']} {run.assembly}", "kind": p["kind"]}), "pool")
        imp, pool_id = created["import"]["id"], created["pool"]["id"]
        parts = 0
        with open(path, "rb") as f:
            while True:
                chunk = f.read(3_900_000)
                if not chunk:
                    break
                parts += 1
                api.must(200, api.call("PUT", "sortition", f"/v1/pool-imports/{imp}/parts/{parts}", chunk, ctype="text/csv"), f"part {parts}")
        api.must(200, api.post("sortition", f"/v1/pool-imports/{imp}/complete", {"parts": parts}), "import")
        pool = api.must(200, api.get("sortition", f"/v1/pools/{pool_id}"), "pool")
        run.S["pools"][p["kind"]] = {"id": pool_id, "rows": pool["row_count"]}
        run.step("sortition", f"{p['label']} imported: {pool['row_count']:,} people in {parts} parts ({size / 1e6:.1f} MB), "
                 f"snapshot {pool['snapshot_sha256'][:16]}…")
    run.S["roll_rows"] = run.S["pools"]["roll"]["rows"]


@phase(2, "invitations from each pool, stratified by arrondissement, from committed seeds")
def phase_invitations(run):
    api = run.client
    run.S["draws"] = {}
    for p in POOLS:
        kind, pool_id = p["kind"], run.S["pools"][p["kind"]]["id"]
        seed = f"invitations-{kind}-{run.assembly}"
        d = api.must(201, api.post("sortition", "/v1/invitation-draws",
                                   {"assembly_id": run.assembly, "pool_id": pool_id, "invited": p["invited"], "stratify_by": "arrondissement",
                                    "seed_commitment": compute.sha(seed)}), "invitation commitment")
        d = api.must(200, api.post("sortition", f"/v1/invitation-draws/{d['id']}/draw", {"seed": seed}), "invitation draw")
        mail = api.get_csv_pages("sortition", f"/v1/invitation-draws/{d['id']}/mailing-list?limit=5000", "mailing list")
        # response_code,last_name,first_names,address,postcode,arrondissement: what the respondent
        # gives back is the letter's code and arrondissement.
        rows = list(csv.DictReader(io.StringIO(mail)))
        run.S["draws"][kind] = {"id": d["id"], "letters": [(r["response_code"], r["arrondissement"]) for r in rows]}
        run.step("sortition", f"{p['invited']:,} invited from {p['label']} (seed committed {d['seed_commitment'][:12]}…, "
                 f"{d['server_ms']:.0f} ms in the service, result {d['result_sha256'][:12]}…); mailing list exported (recorded)")
    # The letters: one job per draw in notifications, which reads the mailing list again with its
    # own token and makes the PDFs in the background (waited for at the next phase but one).
    answer_by = (datetime.date.today() + datetime.timedelta(days=28)).isoformat()
    run.S["letter_jobs"] = {}
    for p in POOLS:
        job = api.must(202, api.post("notifications", f"/v1/invitation-draws/{run.S['draws'][p['kind']]['id']}/letters",
                                     {"answer_by": answer_by, "batch_size": 1000}), "letters")
        run.S["letter_jobs"][p["kind"]] = job["id"]
    run.step("notifications", f"the invitation letters asked for, one job per draw (answer by {answer_by}, batches of 1,000 for the printer)")
    r = run.S["draws"]["roll"]["id"]
    run.step("sortition", f"re-run offline: build/bin/sortition-verify --snapshot <GET /v1/pools/{run.S['pools']['roll']['id']}/snapshot> "
             f"--seed 'invitations-roll-{run.assembly}' --count 10000 --stratify-by arrondissement (draw {r})")


@phase(3, "about 960 answer, with a realistic self-selection")
def phase_respondents(run):
    api = run.client
    for p in POOLS:
        draw = run.S["draws"][p["kind"]]
        for code, arrondissement in run.rng.sample(draw["letters"], p["respondents"]):
            criteria = compute.respondent_criteria(run.rng, p["kind"], arrondissement)
            api.must(201, api.post("sortition", f"/v1/invitation-draws/{draw['id']}/respondents",
                                   {"code": code, "consent": True, "criteria": criteria}), "answer")
        run.step("sortition", f"{p['respondents']} respondents from {p['label']} "
                 "(answers entered by the secretariat; invitees may answer on the public page)")


def letters_made(run):
    """Waits for the invitation letters' jobs; each must be done, a letter per invitee."""
    api = run.client
    jobs = []
    for p in POOLS:
        job_id = run.S["letter_jobs"][p["kind"]]

        def ended(job_id=job_id):
            j = api.must(200, api.get("notifications", f"/v1/letter-jobs/{job_id}"), "letters job")
            return j if j["state"] in ("done", "failed") else None
        j = wait_for(f"the letters of {p['label']}", ended, timeout=300)
        if j["state"] != "done" or j["letters"] != p["invited"]:
            sys.exit(f"cycle: the letters of {p['label']}: {j['state']}, {j['letters']} letters ({j['error']})")
        jobs.append(j)
    mb = sum(f["size_bytes"] for j in jobs for f in j["files"] if f["part"] == 0) / 1e6
    run.step("notifications", "invitation letters made: " + " + ".join(f"{j['letters']:,}" for j in jobs) +
             f" letters, each draw in one PDF ({mb:.1f} MB in all) and {sum(len(j['files']) - 1 for j in jobs)} printer's files, "
             f"sealed in the document store until {jobs[0]['expires_at']}")


@phase(4, "quotas and the panel of 100 (80 + 15 + 5), drawn off the request path")
def phase_panel(run):
    api = run.client
    letters_made(run)
    qs = api.must(201, api.post("sortition", "/v1/quota-sets",
                                {"assembly_id": run.assembly, "name": "Paris, later cohorts",
                                 "seat_pools": [{"pool": p["kind"], "seats": p["seats"], "quotas_csv": compute.quota_csv(QUOTA_RANGES[p["kind"]])} for p in POOLS]}),
                  "quota set")
    panel_seed = f"panel-{run.assembly}"
    sel = api.must(201, api.post("sortition", "/v1/selections",
                                 {"assembly_id": run.assembly, "quota_set_id": qs["id"],
                                  "invitation_draw_ids": [run.S["draws"][p["kind"]]["id"] for p in POOLS],
                                  "seed_commitment": compute.sha(panel_seed)}), "selection")
    api.must(202, api.post("sortition", f"/v1/selections/{sel['id']}/draw", {"seed": panel_seed}), "selection draw")
    s = wait_for("the panel draw", lambda: (lambda s: s if s["state"] in ("done", "failed") else None)(
        api.must(200, api.get("sortition", f"/v1/selections/{sel['id']}"), "selection")), timeout=600)
    if s["state"] != "done":
        sys.exit(f"cycle: the selection failed: {s['failure']}")
    run.S["selection_id"], run.S["algorithm"] = sel["id"], s["algorithm"]
    run.step("sortition", f"panel of 100 drawn under quotas ({s['algorithm']}), each seat pool from its own respondents, "
             f"one per household; record: {api.url('sortition')}/v1/selections/{sel['id']}/record.html")
    for rec in compute.seat_pools_in_order(s["record"]["seat_pools"]):
        print("\n".join(format_panel(rec, s["algorithm"])))


# ---------------------------------------------------------------------------------------------
# 5-6. Membership and the event chain
def members(run, status=""):
    api = run.client
    q = "/v1/members?assembly_id=" + run.assembly + (f"&status={status}" if status else "")
    return api.must(200, api.get("membership", q), "members")["items"]


def give_contacts(run, ms):
    """The secretariat enters the members' contact details (from the answers to the letters):
    synthetic addresses under the assembly's own domain; every twentieth member is reached by post,
    every other non-EU resident reads English."""
    api = run.client
    for m in ms:
        n = int(m["id"][:6], 16)
        contact = {"email": f"{m['id'][:8]}@{run.assembly}.example.org", "preferred_channel": "email",
                   "language": "en" if m["pool"] == "non-eu-residents" and n % 2 else "fr"}
        if n % 20 == 0:
            contact.update(preferred_channel="post", address="Hôtel de Ville, 75004 Paris")
            del contact["email"]
        api.must(200, api.put("membership", f"/v1/members/{m['id']}/contact", contact), "contact")


def messages_settled(run, kind, count):
    """Waits until the notifications service has `count` messages of `kind` for the assembly and
    none left to send (waiting for the member's contact details, pending or being sent); their
    count by state."""
    api = run.client

    def settled():
        f = api.must(200, api.get("notifications", f"/v1/assemblies/{run.assembly}/message-figures"), "message figures")
        by_state = f["by_kind"][kind]
        done = sum(by_state.values()) == count and by_state["waiting"] + by_state["pending"] + by_state["sending"] == 0
        return by_state if done else None
    return wait_for(f"notifications: the {count} messages {kind}", settled, timeout=120)


@phase(5, "membership: members, declines and replacements, the opening plenary")
def phase_membership(run):
    api = run.client
    wait_for("100 members", lambda: len(members(run)) >= 100)
    api.must(200, api.post("membership", f"/v1/assemblies/{run.assembly}/bulk-actions", {"action": "invite"}), "invite")
    run.step("membership", "100 members, invited (the letters went out)")
    invited = members(run, "invited")
    counts = collections.Counter(m["pool"] for m in invited)
    run.step("membership", "by pool: " + ", ".join(f"{p['kind']} {counts[p['kind']]}" for p in POOLS))
    give_contacts(run, invited)
    sent = messages_settled(run, "confirmation-request", len(invited))
    run.step("notifications", f"contact details of the {len(invited)} invited members entered by the secretariat; "
             f"each asked to confirm: {sent.get('sent', 0)} e-mails sent, {sent.get('skipped', 0)} reached by post")
    # Five from the roll, one non-EU resident and one minor decline: each is replaced from his own pool.
    for m in compute.leavers(invited):
        api.must(200, api.post("membership", f"/v1/members/{m['id']}/decline", {"reason": "not available this year"}), "decline")
    wait_for("7 replacements", lambda: sum(1 for m in members(run) if m.get("replaces")) >= 7)
    run.step("membership", "7 declined (5 from the roll, a non-EU resident, a minor); 7 replacements drawn by sortition "
             "from the same pools keeping the quotas, invited by themselves")
    replacements = [m for m in members(run, "invited") if m.get("replaces")]
    give_contacts(run, replacements)
    sent = messages_settled(run, "replacement-drawn", len(replacements))
    run.step("notifications", f"the {len(replacements)} replacements told they were drawn: {sent.get('sent', 0)} e-mails sent")
    for i, m in enumerate(members(run, "invited")):
        if i % 4 == 0:
            api.must(200, api.put("membership", f"/v1/members/{m['id']}/preferences", {"workshops": [THEMES[i % 3]]}), "preferences")
        api.must(200, api.post("membership", f"/v1/members/{m['id']}/confirm"), "confirm")
    # The opening plenary: everyone takes their seat that day (the workshops' rosters start then).
    opened = api.must(200, api.post("membership", f"/v1/assemblies/{run.assembly}/bulk-actions",
                                    {"action": "activate", "effective_on": OPENING}), "activate")
    run.S["active"] = members(run, "active")
    run.S["by_theme"] = collections.defaultdict(list)
    for m in run.S["active"]:
        run.S["by_theme"][m["workshop_theme"]].append(m["id"])
    run.step("membership", f"opening plenary ({OPENING}): {opened['changed']} members active; workshops " +
             ", ".join(f"{k} {len(v)}" for k, v in sorted(run.S["by_theme"].items())))
    trainings(run)


@phase(6, "the event chain: workshops, motions, follow-up dossiers")
def phase_chain(run):
    api = run.client
    checks = [("workshops", "/v1/workshops?assembly_id=" + run.assembly, "workshops"),
              ("recommendations", "/v1/motions?assembly_id=" + run.assembly, "citizen motions"),
              ("followup", "/v1/dossiers?assembly_id=" + run.assembly, "follow-up dossiers")]
    for svc, path, what in checks:
        def ready(svc=svc, path=path):
            status, body = api.call("GET", svc, path, auth=False)
            items = body.get("items", []) if status == 200 else []
            full = svc != "workshops" or sum(w["roster_size"] for w in items) >= 100
            return items if len(items) >= 3 and full else None
        items = wait_for(f"{svc}: 3 {what}", ready, timeout=60)
        detail = ""
        if svc == "workshops":
            run.S["workshops"] = {w["theme"]: w for w in items}
            for theme, w in run.S["workshops"].items():  # the departments whose staff propose its mandate
                named = api.must(200, api.put("workshops", f"/v1/workshops/{w['id']}/departments",
                                              {"departments": WORKSHOP_DEPARTMENTS[theme]}), "workshop departments")
                w["departments"] = named["departments"]
            detail = ": " + ", ".join(f"{w['title']} ({w['roster_size']}; {', '.join(w['departments'])})" for w in items)
        if svc == "recommendations":
            run.S["motions"] = {m["theme"]: m for m in items}
        run.step(svc, f"{len(items)} {what}{detail}")
    wait_for("the recommendations service knows the 100 members",
             lambda: len(api.must(200, api.get("recommendations", "/v1/electorate?assembly_id=" + run.assembly), "electorate")["member_ids"]) == 100)


# ---------------------------------------------------------------------------------------------
# 7. The workshops
def hold(run, kind, title, day, start, end, workshop=None, minutes=None, participants=(), **extra):
    """Schedules a session (a plenary when no workshop), with its participants beside the members
    (department staff, elected officials' representatives), marks it held with its minutes and
    records its attendance in bulk: the workshop's members, or every active member at a plenary,
    and the participants."""
    api = run.client
    body = {"type": kind, "title": title, "starts_at": f"{day}T{start}:00Z", "ends_at": f"{day}T{end}:00Z", **extra}
    if "place" not in body and "online_link" not in body:
        body["place"] = "Hôtel de Ville, salle des fêtes" if workshop is None else "Hôtel de Ville, salle Saint-Jean"
    if workshop is None:
        body["assembly_id"] = run.assembly
    else:
        body["workshop_id"] = run.S["workshops"][workshop]["id"]
    s = api.must(201, api.post("workshops", "/v1/sessions", body), f"session {title}")
    guests = [api.must(201, api.post("workshops", f"/v1/sessions/{s['id']}/participants",
                                     {"kind": k, "name": n, "organisation": o, "title": t}), "participant")["id"]
              for k, n, o, t in participants]
    api.must(200, api.post("workshops", f"/v1/sessions/{s['id']}/held", {"minutes": minutes or f"# {title}\n\nCompte rendu de la séance du {day}.\n"}),
             f"held {title}")
    who = [m["id"] for m in run.S["active"]] if workshop is None else run.S["by_theme"][workshop]
    records = compute.attendance_for(run.rng, run.absence_rate, who)
    got = api.must(200, api.put("workshops", f"/v1/sessions/{s['id']}/attendance", {"records": records}), f"attendance {title}")
    if got["changed"] != len(records):
        sys.exit(f"cycle: attendance of {title}: {got['changed']} records kept of {len(records)}")
    present = sum(r["status"] == "present" for r in records)
    if guests:
        # at the plenary, one representative sent apologies
        came = [{"participant_id": g, "status": "excused" if workshop is None and n == 0 else "present"} for n, g in enumerate(guests)]
        api.must(200, api.put("workshops", f"/v1/sessions/{s['id']}/participant-attendance", {"records": came}), "participants' attendance")
        run.S.setdefault("with_participants", []).append(s["id"])
    run.S.setdefault("held", []).append(s["id"])
    return s, present, len(records)

def trainings(run):
    """The trainings offered to volunteers: members sign up themselves, past the capacity of the
    first (a waiting list); one withdraws and the first waiting takes the place; attendance is
    recorded for the place holders."""
    api = run.client
    day = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    run.S["trainings"] = []
    for n, (topic, title, capacity, volunteers, where) in enumerate(TRAININGS):
        t = api.must(201, api.post("membership", f"/v1/assemblies/{run.assembly}/trainings",
                                   {"topic": topic, "title": title, "starts_at": f"{day}T{9 + 9 * n:02d}:30:00Z",
                                    "ends_at": f"{day}T{12 + 9 * n:02d}:00:00Z", "capacity": capacity, **where}), f"training {topic}")
        people = run.rng.sample([m["id"] for m in run.S["active"]], volunteers)
        states = collections.Counter()
        for mid in people:
            got = api.must(201, api.put("membership", f"/v1/trainings/{t['id']}/sign-ups/{mid}", None,
                                        bearer=api.token("member", mid)), "sign-up")
            states[got["state"]] += 1
        if n == 0:
            left = api.must(200, api.delete("membership", f"/v1/trainings/{t['id']}/sign-ups/{people[0]}",
                                            bearer=api.token("member", people[0])), "withdrawal")
            if left.get("promoted_member_id") != people[capacity]:
                sys.exit(f"cycle: the first waiting volunteer did not take the freed place: {left}")
        roster = api.must(200, api.get("membership", f"/v1/trainings/{t['id']}/sign-ups"), "training roster")
        placed = [p["member_id"] for p in roster["placed"]]
        records = compute.attendance_for(run.rng, run.absence_rate, placed)
        api.must(200, api.put("membership", f"/v1/trainings/{t['id']}/attendance", {"records": records}), "training attendance")
        run.S["trainings"].append(t["id"])
        run.step("membership", f"training « {title} » ({topic}, {capacity} places, {day}): {volunteers} volunteers signed up "
                 f"({states['placed']} placed, {states['waiting']} waiting)" +
                 ("; one withdrew, the first waiting took the place" if n == 0 else "") +
                 f"; attendance: {sum(r['status'] == 'present' for r in records)}/{len(records)} present")


def choose_axes(run, theme, wid, wanted, chosen_on):
    """The members determine their workshop's priority axes: they propose axes, the secretariat
    opens the choice, each member approves the proposals they want, the close counts the
    approvals and the most approved become the workshop's axes."""
    api = run.client
    people = run.S["by_theme"][theme]
    proposals = []
    for n, (title, text) in enumerate(wanted + OTHER_AXES[theme]):
        p = api.must(201, api.post("workshops", f"/v1/workshops/{wid}/axis-proposals", {"title": title, "text": text},
                                   bearer=api.token("member", people[n])), "axis proposal")
        proposals.append((p["id"], n < len(wanted)))
    api.must(201, api.post("workshops", f"/v1/workshops/{wid}/axes-choice", {"seats": len(wanted)}), "open the choice of axes")
    for mid in people:
        # most members want the axes the hearings brought out; a few also want another one
        approve = [pid for pid, popular in proposals if run.rng.random() < (0.85 if popular else 0.25)]
        api.must(200, api.put("workshops", f"/v1/workshops/{wid}/axes-choice/ballot", {"approve": approve},
                              bearer=api.token("member", mid)), "axes ballot")
    api.must(200, api.post("workshops", f"/v1/workshops/{wid}/axes-choice/close", {"chosen_on": chosen_on}), "close the choice of axes")
    choice = api.must(200, api.get("workshops", f"/v1/workshops/{wid}/axes-choice", auth=False), "axes choice")
    axes = api.must(200, api.get("workshops", f"/v1/workshops/{wid}/priority-axes", auth=False), "priority axes")
    if axes.get("chosen_by") != "members" or len(axes["items"]) != len(wanted):
        sys.exit(f"cycle: the {theme} members' choice did not become the workshop's axes: {axes}")
    run.S.setdefault("axes", {})[theme] = {"proposals": len(proposals), "voters": choice["result"]["voters"],
                                           "method": choice["result"]["method"], "chosen": [a["title"] for a in axes["items"]]}
    return axes["items"]


@phase(7, "the workshops: discovery sessions, plenaries, attendance, notebooks, mandates")
def phase_workshops(run):
    api = run.client
    for kind, start, end in [("discovery", OPENING, "2022-06-18"), ("recommendations", "2022-06-19", "2022-12-10"),
                             ("co-construction-and-vote", "2022-12-11", "2023-03-11")]:
        api.must(200, api.put("workshops", f"/v1/assemblies/{run.assembly}/phases/{kind}", {"starts_on": start, "ends_on": end}), f"phase {kind}")
    run.step("workshops", "phases: discovery, recommendations, co-construction and vote (Jan 2022 to Mar 2023)")
    _, present, total = hold(run, "plenary", "Plénière d'installation", OPENING, "09:00", "17:00",
                             agenda="Accueil, le mandat de l'Assemblée, la répartition dans les ateliers")
    run.step("workshops", f"opening plenary held: {present}/{total} present")

    for i, theme in enumerate(THEMES):
        plan, wid = DISCOVERY[theme], run.S["workshops"][theme]["id"]
        hold(run, "training", "Formation : prise de parole et travail en atelier", f"2022-02-0{5 + i}", "09:30", "12:30", theme,
             agenda="Méthodes de travail, prise de parole, lire un budget public")
        for title, day, speakers in plan["hearings"]:
            hold(run, "hearing", title, day, "18:30", "21:00", theme, speakers=speakers)
        title, day, site = plan["visit"]
        hold(run, "site-visit", title, day, "10:00", "12:30", theme, site=site, place=site)
        hold(run, "working-session", "Séance de travail : premiers constats", f"2022-05-1{i}", "18:30", "21:00", theme)
        # A session moved once, then held; another cancelled (a transport strike), kept.
        s = api.must(201, api.post("workshops", "/v1/sessions",
                                   {"type": "working-session", "workshop_id": wid, "title": "Séance de travail : les axes prioritaires",
                                    "starts_at": f"2022-05-2{i}T18:30:00Z", "ends_at": f"2022-05-2{i}T21:00:00Z", "place": "Hôtel de Ville, salle Saint-Jean"}),
                     "session")
        api.must(200, api.post("workshops", f"/v1/sessions/{s['id']}/reschedule",
                               {"starts_at": f"2022-05-2{i + 3}T18:30:00Z", "ends_at": f"2022-05-2{i + 3}T21:00:00Z", "reason": "salle indisponible"}),
                 "reschedule")
        api.must(200, api.post("workshops", f"/v1/sessions/{s['id']}/held", {"minutes": "# Les axes prioritaires\n\nTrois axes retenus.\n"}), "held")
        api.must(200, api.put("workshops", f"/v1/sessions/{s['id']}/attendance", {"records": compute.attendance_for(run.rng, run.absence_rate, run.S["by_theme"][theme])}), "attendance")
        run.S["held"].append(s["id"])
        c = api.must(201, api.post("workshops", "/v1/sessions",
                                   {"type": "working-session", "workshop_id": wid, "title": "Séance de travail : retour des auditions",
                                    "starts_at": f"2022-03-0{i + 1}T18:30:00Z", "ends_at": f"2022-03-0{i + 1}T21:00:00Z", "online_link": "https://visio.paris.fr/atelier"}),
                     "session")
        api.must(200, api.post("workshops", f"/v1/sessions/{c['id']}/cancel", {"reason": "grève des transports"}), "cancel")
        axes = choose_axes(run, theme, wid, plan["axes"], f"2022-05-2{i + 3}")
        run.step("workshops", f"{run.S['workshops'][theme]['title']}: a training, 2 hearings ({sum(len(h[2]) for h in plan['hearings'])} people heard), "
                 f"a site visit, 2 working sessions (one moved), one cancelled; {len(axes)} priority axes chosen by the members")

    # The synthesis notebooks: a first version by the secretariat, a second by a member, submitted.
    for theme in THEMES:
        wid, plan = run.S["workshops"][theme]["id"], DISCOVERY[theme]
        v1 = "# Carnet de synthèse\n\n## Ce que nous avons entendu\n" + "".join(f"- {h[0]}\n" for h in plan["hearings"]) + \
             f"- {plan['visit'][0]}\n\n## Nos axes\n" + "".join(f"{n}. {a[0]}\n" for n, a in enumerate(plan["axes"], 1))
        api.must(201, api.post("workshops", f"/v1/workshops/{wid}/notebook/versions", {"text": v1, "note": "première synthèse"}), "notebook v1")
        v2 = v1 + "\n## Nos questions pour la suite\n- Quels moyens la Ville peut-elle engager ?\n- Comment mesurer les résultats ?\n"
        author = api.token("member", run.S["by_theme"][theme][0])
        api.must(201, api.post("workshops", f"/v1/workshops/{wid}/notebook/versions", {"text": v2, "note": "relu par l'atelier"}, bearer=author), "notebook v2")
        diff = api.must(200, api.get("workshops", f"/v1/workshops/{wid}/notebook/diff?from=1&to=2"), "notebook diff")
        api.must(200, api.post("workshops", f"/v1/workshops/{wid}/notebook/versions/2/submit"), "notebook submit")
        run.step("workshops", f"{theme}: synthesis notebook, 2 versions (+{diff['added']} lines), version 2 submitted to the executive")

    # The June plenary: the executive's three mandates, adopted unanimously by show of hands.
    june, present, total = hold(run, "plenary", "Plénière de juin : les mandats", "2022-06-18", "09:00", "17:00",
                                agenda="Restitution des carnets de synthèse, vote des trois mandats")
    executive = api.token("city-service", "executive", "SG")  # the Secrétariat général
    run.S["mandates"] = {}
    for theme in THEMES:
        wid = run.S["workshops"][theme]["id"]
        m = api.must(201, api.post("workshops", f"/v1/workshops/{wid}/mandates", {"text": MANDATES[theme], "notebook_version": 2},
                                   bearer=executive), "mandate")
        v = api.must(200, api.post("workshops", f"/v1/mandates/{m['id']}/vote",
                                   {"votes_for": present, "votes_against": 0, "abstentions": 0, "session_id": june["id"]}), "mandate vote")
        if v["state"] != "adopted" or not v["unanimous"]:
            sys.exit(f"cycle: the {theme} mandate was not adopted unanimously: {v}")
        run.S["mandates"][theme] = v
    decided = api.must(200, api.get("workshops", f"/v1/sessions/{june['id']}/decisions", auth=False), "the June plenary's decisions")["items"]
    if sorted(d["kind"] for d in decided) != ["mandate"] * 3:
        sys.exit(f"cycle: the June plenary's page does not list the three mandates: {decided}")
    run.S.setdefault("plenaries", {})["june"] = june["id"]
    run.step("workshops", f"June plenary (2022-06-18, {present}/{total} present): the three mandates adopted unanimously "
             f"({present} for, 0 against, 0 abstentions): Plan Paris Lecture, rénovation énergétique, code de la rue")


# ---------------------------------------------------------------------------------------------
# 8. Recommendations
def draft(run, body, author):
    """A member drafts; 409 while the workshop's adopted mandate has not reached the service over
    Kafka (MandateAdopted): None, to be tried again."""
    api = run.client
    status, out = api.post("recommendations", "/v1/recommendations", body, bearer=api.token("member", author))
    if status == 409:
        return None
    return api.must(201, (status, out), "draft")


@phase(8, "recommendations: drafted by members, amended, adopted, handed over, co-constructed")
def phase_recommendations(run):
    api = run.client
    for i, theme in enumerate(THEMES):
        for n, day in enumerate(["2022-09-2", "2022-10-1", "2022-11-1"]):
            hold(run, "working-session", f"Séance de travail : écrire les recommandations ({n + 1})", f"{day}{i + 2}", "18:30", "21:00", theme)
    run.step("workshops", "recommendations phase: 3 working sessions per workshop, held, attendance recorded")

    run.S["recommendations"] = {t: [] for t in THEMES}
    rejected = 0
    for theme in THEMES:
        wid, people = run.S["workshops"][theme]["id"], run.S["by_theme"][theme]
        for n, (title, text, amended) in enumerate(RECOMMENDATIONS[theme]):
            author, amender = people[(2 * n) % len(people)], people[(2 * n + 1) % len(people)]
            body = {"workshop_id": wid, "title": title, "text": text}
            rec = wait_for(f"drafting in {theme} (the mandate must be known)", lambda body=body, author=author: draft(run, body, author), timeout=60)
            a = api.must(201, api.post("recommendations", f"/v1/recommendations/{rec['id']}/amendments",
                                       {"text": amended, "rationale": "plus précis"}, bearer=api.token("member", amender)), "amendment")
            accepted = api.must(200, api.post("recommendations", f"/v1/amendments/{a['id']}/accept"), "accept amendment")
            if accepted["version"] != 2:
                sys.exit(f"cycle: the accepted amendment did not make version 2 of {title}")
            if theme == "public-space" and n == 0:
                # Someone wanted to keep the sidewalks open to bicycles; the workshop said no.
                r = api.must(201, api.post("recommendations", f"/v1/recommendations/{rec['id']}/amendments",
                                           {"text": amended + "Les vélos des enfants de moins de 8 ans restent autorisés.\n",
                                            "rationale": "les enfants à vélo"}, bearer=api.token("member", people[-1])), "amendment")
                api.must(200, api.post("recommendations", f"/v1/amendments/{r['id']}/reject"), "reject amendment")
                rejected += 1
            api.must(200, api.post("recommendations", f"/v1/recommendations/{rec['id']}/adopt", {"reason": "adoptée par l'atelier"}), "adopt")
            run.S["recommendations"][theme].append({"id": rec["id"], "title": title, "author": author})
        run.step("recommendations", f"{theme}: {len(RECOMMENDATIONS[theme])} recommendations drafted by members, "
                 f"each amended (accepted: version 2), adopted by the workshop")
    run.step("recommendations", f"{rejected} amendment rejected by the workshop")

    dec, present, total = hold(run, "plenary", "Plénière de décembre : remise des recommandations", "2022-12-10", "09:00", "17:00",
                               agenda="Présentation et remise des recommandations à l'exécutif")
    for theme in THEMES:
        for r in run.S["recommendations"][theme]:
            api.must(200, api.post("recommendations", f"/v1/recommendations/{r['id']}/hand-over",
                                   {"reason": "remise à l'exécutif, plénière du 10 décembre 2022",
                                    "plenary_session_id": dec["id"]}), "hand-over")
    run.S.setdefault("plenaries", {})["december"] = dec["id"]
    run.step("recommendations", f"December plenary (2022-12-10, {present}/{total} present): "
             f"{sum(len(v) for v in run.S['recommendations'].values())} recommendations handed over to the executive")

    for i, theme in enumerate(THEMES):
        dept, _ = DEPARTMENTS[theme]
        cocon, _, _ = hold(run, "co-construction", f"Co-construction avec la {dept}", f"2023-01-1{i + 6}", "18:30", "21:00", theme,
                           agenda=f"Les services de la {dept} répondent aux recommandations", phase="co-construction-and-vote",
                           participants=PARTICIPANTS[theme])
        run.S.setdefault("cocon", {})[theme] = cocon["id"]
        city = api.token("city-service", f"{dept.lower()}-agent", dept)
        for n, r in enumerate(run.S["recommendations"][theme]):
            api.must(200, api.post("recommendations", f"/v1/recommendations/{r['id']}/co-construct", {"reason": "co-construction avec la " + dept}),
                     "co-construct")
            feasibility, cost, legal = FEEDBACK[dept]
            fb = api.must(201, api.post("recommendations", f"/v1/recommendations/{r['id']}/feedback",
                                        {"text": f"Analyse de la {dept} : {r['title'].lower()}.", "feasibility": feasibility,
                                         "cost_estimate": cost, "legal_constraints": legal, "department": dept}, bearer=city), "feedback")
            if n == 0:
                api.must(201, api.post("recommendations", f"/v1/recommendations/{r['id']}/feedback",
                                       {"text": "Merci : l'atelier propose de commencer par les arrondissements les moins dotés.", "reply_to": fb["id"]},
                                       bearer=api.token("member", r["author"])), "member's answer")
        run.step("recommendations", f"{theme}: co-construction session with the {dept}; its feedback on each recommendation "
                 f"(feasibility, cost, legal constraints), a member's answer")


# ---------------------------------------------------------------------------------------------
# 9. Motions
def vote_everyone(run, ballot, voters, what):
    api = run.client
    for mid in voters:
        api.must(200, api.post("recommendations", f"/v1/ballots/{ballot['id']}/votes", {"choice": "for"}, bearer=api.token("member", mid)), f"vote ({what})")
    closed = api.must(200, api.post("recommendations", f"/v1/ballots/{ballot['id']}/close"), f"close ({what})")
    r = closed["result"]
    if r["outcome"] != "adopted" or r["against"] or r["abstain"] or r["for"] != closed["electorate"]:
        sys.exit(f"cycle: {what} was not unanimous: {r}")
    return closed


def vow_versions(run, theme, motion_id, title, text):
    """The vœu drafted together in the workshop's co-construction session: after the secretariat's
    first text, a member, the department and the elected official's representative each propose a
    version; what each proposed is kept with who proposed it."""
    api = run.client
    dept, official = DEPARTMENTS[theme]
    member = run.S["by_theme"][theme][0]
    who = {"member": ({"kind": "member", "member_id": member}, api.token("member", member)),
           "department": ({"kind": "department", "organisation": dept}, None),
           "elected-representative": ({"kind": "elected-representative", "organisation": f"Cabinet de l'{official[0].lower()}{official[1:]}"}, None)}
    for kind, sentence in VOW_CHANGES:
        text = f"{text} {sentence}"
        proposed_by, bearer = who[kind]
        api.must(201, api.post("recommendations", f"/v1/motions/{motion_id}/versions",
                               {"title": title, "text": text, "session_id": run.S["cocon"][theme], "proposed_by": proposed_by,
                                "note": f"proposé en co-construction ({kind})"}, bearer=bearer), f"vœu version ({kind})")
    versions = api.must(200, api.get("recommendations", f"/v1/motions/{motion_id}/versions"), "vœu versions")["items"]
    kinds = [v["proposed_by"]["kind"] for v in versions]
    if kinds != ["secretariat", "member", "department", "elected-representative"]:
        sys.exit(f"cycle: the {theme} vœu's versions were not kept with their proposers: {kinds}")
    run.S.setdefault("vow_versions", {})[theme] = kinds


def debate(run, theme, motion_id, plenary_id):
    """The last plenary: the group presents its vœu, a debate follows; speakers by role, a
    spokesperson named because they agreed."""
    api = run.client
    dept, _ = DEPARTMENTS[theme]
    api.must(200, api.put("recommendations", f"/v1/motions/{motion_id}/debate",
                          {"plenary_session_id": plenary_id,
                           "presentation": {"summary": f"Le groupe {theme} présente son vœu et les recommandations qu'il porte.",
                                            "speakers": [{"role": "spokesperson", "name": "Camille Durand", "name_consent": True},
                                                         {"role": "spokesperson"}]},
                           "interventions": [{"role": "elected-representative", "summary": "La Ville partage l'objectif et en précise le calendrier."},
                                             {"role": "department", "summary": f"La {dept} détaille les moyens nécessaires."},
                                             {"role": "member", "summary": "Un membre d'un autre atelier demande un suivi public."}],
                           "summary": "Un débat nourri ; aucune opposition exprimée."}), "debate")
    got = api.must(200, api.get("recommendations", f"/v1/motions/{motion_id}/debate"), "debate")
    if len(got.get("interventions", [])) != 3:
        sys.exit(f"cycle: the {theme} vœu's debate was not kept: {got}")
    run.S.setdefault("debates", {})[theme] = 1 + len(got["interventions"])


@phase(9, "motions: drafted together, voted unanimously by each workshop, debated and voted by the 11 March plenary, sent to the Council")
def phase_motions(run):
    api = run.client
    run.S["ballots"] = []
    in_an_hour = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    for theme in THEMES:
        motion, people = run.S["motions"][theme], run.S["by_theme"][theme]
        title, text = MOTIONS[theme]
        spokes = [people[1], people[2]]
        api.must(200, api.put("recommendations", f"/v1/motions/{motion['id']}",
                              {"title": title, "text": text, "spokespersons": spokes,
                               "recommendation_ids": [r["id"] for r in run.S["recommendations"][theme]]}), "motion text")
        vow_versions(run, theme, motion["id"], title, text)
        b = api.must(201, api.post("recommendations", "/v1/ballots",
                                   {"assembly_id": run.assembly, "workshop": theme, "motion_id": motion["id"],
                                    "question": f"L'atelier adopte-t-il le « {title} » ?", "rule": "unanimity-of-votes-cast",
                                    "quorum": 0.5, "secret": False, "closes_at": in_an_hour}), "workshop ballot")
        closed = vote_everyone(run, b, people, f"the {theme} workshop's ballot")
        run.S["ballots"].append(closed["id"])
        approved = api.must(200, api.get("recommendations", f"/v1/motions/{motion['id']}"), "motion")
        if approved["status"] != "approved-by-workshop":
            sys.exit(f"cycle: the {theme} workshop's unanimous ballot did not approve its vœu: {approved['status']}")
        run.step("recommendations", f"{theme}: motion drafted (2 spokespersons, {len(run.S['recommendations'][theme])} recommendations); "
                 f"workshop ballot on version {b['motion_version']}: {closed['result']['for']}/{closed['electorate']} for, "
                 f"approved unanimously, its text frozen")

    march, present, total = hold(run, "plenary", "Plénière du 11 mars : vote des vœux", "2023-03-11", "09:00", "17:00",
                                 agenda="Vote des trois vœux citoyens",
                                 participants=[p for theme in THEMES for p in PARTICIPANTS[theme] if p[0] == "elected-representative"])
    run.S.setdefault("plenaries", {})["march"] = march["id"]
    everyone = [m["id"] for m in run.S["active"]]
    for theme in THEMES:
        motion = run.S["motions"][theme]
        debate(run, theme, motion["id"], march["id"])
        b = api.must(201, api.post("recommendations", "/v1/ballots",
                                   {"assembly_id": run.assembly, "motion_id": motion["id"], "plenary_session_id": march["id"],
                                    "question": f"L'Assemblée adopte-t-elle le « {MOTIONS[theme][0]} » ?", "rule": "unanimity-of-votes-cast",
                                    "quorum": 0.5, "secret": False, "closes_at": in_an_hour}), "plenary ballot")
        closed = vote_everyone(run, b, everyone, f"the plenary ballot on the {theme} motion")
        run.S["ballots"].append(closed["id"])
        api.must(200, api.post("recommendations", f"/v1/motions/{motion['id']}/send-to-council"), "send to the Council")
        run.step("recommendations", f"11 March plenary: « {MOTIONS[theme][0]} » {closed['result']['for']}/{closed['electorate']} for, "
                 f"adopted unanimously; sent to the Council")
    run.step("workshops", f"11 March plenary (2023-03-11) held: {present}/{total} present")

    def dossiers_sent():
        items = api.must(200, api.get("followup", "/v1/dossiers?assembly_id=" + run.assembly), "dossiers")["items"]
        return items if len([d for d in items if d.get("sent_to_council_at")]) == 3 else None
    run.S["dossiers"] = {d["theme"]: d for d in wait_for("follow-up learns the three motions sent", dossiers_sent, timeout=60)}
    roles = wait_for("membership makes the spokespersons", lambda: (lambda items: items if len(items) >= 6 else None)(
        [r for r in api.must(200, api.get("membership", f"/v1/assemblies/{run.assembly}/roles"), "roles")["items"]
         if r["role"] == "spokesperson" and not r.get("ended_at")]), timeout=60)
    run.step("followup", f"3 dossiers awaiting the Council; membership gave {len(roles)} spokesperson roles")


# ---------------------------------------------------------------------------------------------
# 10. The members' evaluation of their mandate
@phase(10, "the members' evaluation of their mandate")
def phase_evaluation(run):
    api = run.client
    questions = [{"id": "overall", "text": "Dans l'ensemble, comment évaluez-vous votre mandat ?", "kind": "rating", "min": 1, "max": 5},
                 {"id": "listened", "text": "Vous êtes-vous senti·e écouté·e par la Ville ?", "kind": "rating", "min": 1, "max": 5},
                 {"id": "recommend", "text": "Recommanderiez-vous à un proche d'accepter d'être tiré·e au sort ?", "kind": "rating", "min": 0, "max": 10},
                 {"id": "remember", "text": "Ce que vous retenez de votre mandat", "kind": "text"}]
    e = api.must(201, api.post("membership", f"/v1/assemblies/{run.assembly}/evaluations",
                               {"title": "Évaluation du mandat 2022-2023", "questions": questions,
                                "plenary_session_id": run.S["plenaries"]["march"]}), "evaluation")
    if e.get("plenary_session_id") != run.S["plenaries"]["march"]:
        sys.exit(f"cycle: the evaluation does not name its plenary: {e}")
    api.must(200, api.post("membership", f"/v1/evaluations/{e['id']}/open"), "open the evaluation")
    memories = ["Des rencontres que je n'aurais jamais faites.", "J'ai compris comment la Ville décide.",
                "Le vote à l'unanimité en mars.", "Trop de réunions le soir.", "La visite de terrain."]
    for m in run.S["active"]:
        answers = {"overall": run.rng.choices([2, 3, 4, 5], [5, 15, 45, 35])[0], "listened": run.rng.choices([1, 2, 3, 4, 5], [5, 10, 30, 35, 20])[0],
                   "recommend": run.rng.choices(range(5, 11), [3, 5, 12, 25, 30, 25])[0]}
        if run.rng.random() < 0.4:
            answers["remember"] = run.rng.choice(memories)
        api.must(201, api.post("membership", f"/v1/evaluations/{e['id']}/responses", {"answers": answers}, bearer=api.token("member", m["id"])), "answer")
    closed = api.must(200, api.post("membership", f"/v1/evaluations/{e['id']}/close"), "close the evaluation")
    results = api.must(200, api.get("membership", f"/v1/evaluations/{e['id']}/results", auth=False), "evaluation results")
    if results["responses"] != len(run.S["active"]):
        sys.exit(f"cycle: {results['responses']} evaluation answers, expected {len(run.S['active'])}")
    run.S["evaluation"] = {"id": e["id"], "state": closed["state"], "responses": results["responses"],
                           "means": {q["id"]: round(q["mean"], 2) for q in results["questions"] if q["kind"] == "rating"},
                           "texts": next(q["count"] for q in results["questions"] if q["id"] == "remember")}
    run.step("membership", f"evaluation: {results['responses']} active members answered once; means " +
             ", ".join(f"{k} {v}" for k, v in run.S["evaluation"]["means"].items()) + f"; {run.S['evaluation']['texts']} free texts; results public")


# ---------------------------------------------------------------------------------------------
# 11. The Council
@phase(11, "the Council: session, agenda, debate with the groups' positions, decisions")
def phase_council(run):
    api = run.client
    clerk = api.token("council-clerk", "cycle-clerk")
    session = api.must(201, api.call("POST", "followup", "/v1/council-sessions",
                                     {"name": f"Conseil de Paris, séance du {compute.today()}", "held_on": compute.today()}, bearer=clerk), "Council session")
    run.S["council_session"] = session["id"]
    # Motions waiting go by themselves on the first session to come; placed here explicitly (another
    # session of the same day may have taken them).
    for theme in THEMES:
        d = run.S["dossiers"][theme]
        item = api.must((200, 201), api.call("POST", "followup", f"/v1/council-sessions/{session['id']}/agenda-items",
                                             {"dossier_id": d["id"]}, bearer=clerk), "agenda item")
        n_for, n_against, n_abst, positions = COUNCIL[theme]
        api.must(200, api.call("PUT", "followup", f"/v1/agenda-items/{item['id']}/debate",
                               {"presentation": "Les deux porte-parole de l'atelier présentent le vœu et ses recommandations.",
                                "summary": "Débat nourri ; la Maire s'engage à répondre à chaque recommandation.",
                                "positions": [dict(group=g, position=p, **({"summary": s} if s else {})) for g, p, s in positions]}, bearer=clerk), "debate")
        decided = api.must(200, api.call("POST", "followup", f"/v1/agenda-items/{item['id']}/decision",
                                         {"decision": "adopted", "votes_for": n_for, "votes_against": n_against, "abstentions": n_abst},
                                         bearer=clerk), "decision")
        run.step("followup", f"Council: « {decided['title']} » debated ({len(positions)} groups), adopted {n_for}-{n_against}-{n_abst}")
    for theme in THEMES:
        d = api.must(200, api.get("followup", f"/v1/dossiers/{run.S['dossiers'][theme]['id']}", auth=False), "dossier")
        if d["stage"] != "decided":
            sys.exit(f"cycle: dossier {d['id']} is {d['stage']} after the Council's decision")


# ---------------------------------------------------------------------------------------------
# 12. Commitments
@phase(12, "commitments: one per recommendation, milestones (one overdue), progress, evidence")
def phase_commitments(run):
    api = run.client
    run.S["commitments"] = []
    for theme in THEMES:
        dept, official = DEPARTMENTS[theme]
        city = api.token("city-service", f"{dept.lower()}-agent", dept)
        for r, (title, deliverables, milestones, p1, _) in zip(run.S["recommendations"][theme], COMMITMENTS[theme]):
            c = api.must(201, api.post("followup", "/v1/commitments",
                                       {"recommendation_id": r["id"], "title": title, "department": dept, "elected_official": official,
                                        "description": f"Réponse de la Ville à la recommandation « {r['title']} ».", "deliverables": deliverables,
                                        "milestones": [{"title": t, "due_on": compute.today(days)} for t, days, _ in milestones]}, bearer=city), "commitment")
            for m, (_, _, done_now) in zip(c["milestones"], milestones):
                if done_now:
                    api.must(200, api.post("followup", f"/v1/commitments/{c['id']}/milestones/{m['id']}/done", {}, bearer=city), "milestone done")
            if p1:
                c = api.must(200, api.call("PATCH", "followup", f"/v1/commitments/{c['id']}", {"progress": p1}, bearer=city), "progress")
            api.must(201, api.post("followup", f"/v1/commitments/{c['id']}/evidence",
                                   {"url": f"https://www.paris.fr/pages/{compute.slug(title)}",
                                    "label": "Présentation sur paris.fr"}, bearer=city), "evidence")
            run.S["commitments"].append({"id": c["id"], "theme": theme, "department": dept, "title": title})
        run.step("followup", f"{dept}: {len(COMMITMENTS[theme])} commitments for the {theme} recommendations, with milestones, "
                 f"progress and evidence")
    overdue = [c for c in run.S["commitments"] if api.must(200, api.get("followup", f"/v1/commitments/{c['id']}", auth=False), "commitment")["milestones_overdue"]]
    if len(overdue) != 1:
        sys.exit(f"cycle: {len(overdue)} commitments with an overdue milestone, expected 1")
    run.S["overdue_commitment"] = overdue[0]["id"]
    run.S["overdue_since"] = time.time()
    run.step("followup", f"{len(run.S['commitments'])} commitments; one milestone was due yesterday ({overdue[0]['title']}): overdue")


# ---------------------------------------------------------------------------------------------
# 13. The droit de suite
@phase(13, "droit de suite: report schedule, two reports published, the overdue milestone flagged")
def phase_reports(run):
    api = run.client
    sched = api.must(200, api.put("followup", f"/v1/assemblies/{run.assembly}/report-schedule", {"first_due_on": compute.today(), "every_months": 6}),
                     "report schedule")
    first = sched["reports"][0]
    api.must(200, api.post("followup", f"/v1/reports/{first['id']}/compile",
                           {"as_of": compute.today(), "summary": "Premier rapport : les engagements de la Ville après le vote du Conseil."}), "compile report 1")
    r1 = api.must(200, api.post("followup", f"/v1/reports/{first['id']}/publish"), "publish report 1")
    run.step("followup", f"report 1 published (due {first['due_on']}, as of {compute.today()}: mean progress "
             f"{r1['snapshot']['mean_progress']:.0f} %, {r1['snapshot']['milestones_overdue']} milestone overdue); next due {r1['next_due_on']}")

    # More progress: each department moves on; one commitment is delayed, one done.
    for theme in THEMES:
        dept, _ = DEPARTMENTS[theme]
        city = api.token("city-service", f"{dept.lower()}-agent", dept)
        for c, (title, _, _, _, p2) in zip([c for c in run.S["commitments"] if c["theme"] == theme], COMMITMENTS[theme]):
            if p2 == 100:
                full = api.must(200, api.get("followup", f"/v1/commitments/{c['id']}", auth=False), "commitment")
                for m in full["milestones"]:
                    if not m["done_on"]:
                        api.must(200, api.post("followup", f"/v1/commitments/{c['id']}/milestones/{m['id']}/done", {}, bearer=city), "milestone done")
                api.must(200, api.call("PATCH", "followup", f"/v1/commitments/{c['id']}", {"status": "done", "progress": 100}, bearer=city), "done")
            elif title.startswith("Bonifier"):
                api.must(200, api.call("PATCH", "followup", f"/v1/commitments/{c['id']}",
                                       {"status": "delayed", "progress": p2, "reason": "la délibération attend la loi de finances"}, bearer=city), "delayed")
            else:
                api.must(200, api.call("PATCH", "followup", f"/v1/commitments/{c['id']}", {"progress": p2}, bearer=city), "progress")
            api.must(201, api.post("followup", f"/v1/commitments/{c['id']}/evidence",
                                   {"url": "https://www.paris.fr/conseil-de-paris/deliberations", "label": f"Délibération : {title}"}, bearer=city),
                     "evidence")
    second = next(r for r in api.must(200, api.get("followup", f"/v1/reports?assembly_id={run.assembly}", auth=False), "reports")["items"]
                  if r["sequence"] == 2)
    api.must(200, api.post("followup", f"/v1/reports/{second['id']}/compile",
                           {"as_of": compute.today(), "summary": "Deuxième rapport : les premières réalisations."}), "compile report 2")
    r2 = api.must(200, api.post("followup", f"/v1/reports/{second['id']}/publish"), "publish report 2")
    if not r2.get("next_due_on"):
        sys.exit("cycle: report 2 published, but no report 3 was scheduled while commitments are open")
    run.step("followup", f"report 2 published (mean progress {r2['snapshot']['mean_progress']:.0f} %, by status "
             + ", ".join(f"{k} {v}" for k, v in r2["snapshot"]["by_status"].items() if v) + f"); report 3 scheduled for {r2['next_due_on']}")

    # The overdue milestone, flagged by the service itself (every OVERDUE_CHECK_SECONDS): the
    # commitment and the metric show it; then an on-demand check finds nothing left to flag for it.
    c = api.must(200, api.get("followup", f"/v1/commitments/{run.S['overdue_commitment']}", auth=False), "commitment")
    if c["milestones_overdue"] != 1:
        sys.exit(f"cycle: commitment {c['id']} shows {c['milestones_overdue']} overdue milestones")
    late = next(m for m in c["milestones"] if m["overdue"])
    value = wait_for("followup_milestones_overdue on /metrics",
                     lambda: api.metric("followup", "followup_milestones_overdue", {"assembly": run.assembly}), timeout=90)
    period = int(os.environ.get("OVERDUE_CHECK_SECONDS", "5"))
    time.sleep(max(0.0, run.S["overdue_since"] + 2 * period + 1 - time.time()))
    checked = api.must(200, api.post("followup", "/v1/overdue-checks"), "overdue check")
    if any(m["id"] == late["id"] for m in checked["milestones"]):
        sys.exit(f"cycle: the service had not flagged milestone {late['id']} by itself after {2 * period + 1} s")
    # The messages of the process, sent by the notifications service: nothing left to send.
    def sent_all():
        f = api.must(200, api.get("notifications", f"/v1/assemblies/{run.assembly}/message-figures"), "message figures")
        left = sum(k.get("pending", 0) + k.get("sending", 0) for k in f["by_kind"].values())
        return f if f["by_kind"]["report-published"]["sent"] > 0 and left == 0 else None
    f = wait_for("notifications: every message of the cycle sent", sent_all, timeout=120)
    run.step("notifications", ", ".join(f"{k} {sum(v.values())} ({v['sent']} sent)" for k, v in f["by_kind"].items() if sum(v.values())))
    run.S["overdue"] = {"milestone_id": late["id"], "title": late["title"], "due_on": late["due_on"], "commitment_id": c["id"],
                        "flagged_by_service": True, "metric_followup_milestones_overdue": value}
    run.step("followup", f"« {late['title']} » (due {late['due_on']}) flagged overdue by the service itself; "
             f"followup_milestones_overdue{{assembly=\"{run.assembly}\"}} {value:g}")




PHASES = (phase_roll, phase_invitations, phase_respondents, phase_panel, phase_membership, phase_chain, phase_workshops,
          phase_recommendations, phase_motions, phase_evaluation, phase_council, phase_commitments, phase_reports)

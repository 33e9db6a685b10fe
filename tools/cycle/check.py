"""The whole-cycle test's checks of the final state (tests/e2e/cycle_test.sh):

    python3 -m cycle.check SUMMARY_JSON ASSEMBLY_ID

from the driver's summary (summary_checks, pure), then from the services themselves (the commitment,
the public page, the open data, every consumer's lag back to zero). Prints one line per check and
exits non-zero naming the failed ones."""

import json
import os
import sys
import time
import urllib.request


class Checks:
    """Collects the checks: ok or not, and what was checked."""

    def __init__(self, echo=True):
        self.results = []
        self.echo = echo

    def __call__(self, ok, what):
        self.results.append((bool(ok), what))
        if self.echo:
            print(f"  {'ok  ' if ok else 'FAIL'} {what}")

    @property
    def failures(self):
        return [what for ok, what in self.results if not ok]


def summary_checks(s, assembly, check):
    """The final state as the driver's summary S tells it, for a 20,000-voter roll."""
    check(s["assembly_id"] == assembly and s["roll_rows"] == 20000, f"assembly {assembly} on a roll of 20,000 voters")
    pools = s["pools"]
    check({k: v["rows"] for k, v in pools.items()} == {"roll": 20000, "non-eu-residents": 4000, "minors": 2000}
          and {k: v["invited"] for k, v in pools.items()} == {"roll": 10000, "non-eu-residents": 2000, "minors": 800},
          f"three pools imported and invited ({pools})")
    seats = {"roll": 80, "non-eu-residents": 15, "minors": 5}
    sp = {p["pool"]: p for p in s["panel"]["seat_pools"]}
    check({k: v["seats"] for k, v in sp.items()} == seats, f"seat pools of 80, 15 and 5 ({ {k: v['seats'] for k, v in sp.items()} })")
    check({k: v["respondents"] for k, v in sp.items()} == {"roll": 750, "non-eu-residents": 150, "minors": 60},
          "750, 150 and 60 respondents in the seat pools")
    for pool, p in sp.items():
        off = [f"{c['category']} {v['value']} {v['panel']} not in [{v['min']}, {v['max']}]"
               for c in p["categories"] for v in c["values"] if not v["min"] <= v["panel"] <= v["max"]]
        sums = {c["category"]: sum(v["panel"] for v in c["values"]) for c in p["categories"]}
        check(not off and set(sums.values()) == {p["seats"]}, f"{pool}: every quota met, each category adds up to {p['seats']} {off or ''}")
        f = p.get("fairness") or {}
        check(f.get("min_probability", 0) > 0 and f.get("panels", 0) >= 1, f"{pool}: a fair distribution ({f.get('algorithm')}, "
              f"minimum probability {f.get('min_probability')})")
    check("arrondissement" in {c["category"] for c in sp["roll"]["categories"]}, "the roll's quotas include the arrondissements")
    m = s["members"]
    check(m["by_status"].get("active") == 100, f"100 members active ({m['by_status']})")
    check(m["active_by_pool"] == seats, f"active members: 80 from the roll, 15 non-EU residents, 5 minors ({m['active_by_pool']})")
    check(m["by_status"].get("declined") == 7 and m["replacements"] == 7, "7 declined, 7 replacements")
    check(m["replacements_in_pool"] == 7, "each replacement from the pool of the one who declined")
    check(sum(m["by_status"].values()) == 107, "107 members in all (100 seated, the 7 who declined)")
    check(sorted(m["workshops"].values()) == [33, 33, 34], f"workshops of 33, 33 and 34 ({m['workshops']})")

    st = s["sessions"]["by_type"]

    def held(t):
        return st.get(t, {}).get("held", 0)

    check(held("hearing") >= 3 and held("site-visit") >= 3 and held("training") >= 3,
          f"per workshop a hearing, a site visit, a training held ({st})")
    check(held("plenary") == 4, "4 plenaries held (opening, June, December, 11 March)")
    check(st.get("working-session", {}).get("cancelled", 0) >= 1, "a cancelled session kept")
    a = s["attendance"]
    missed = (a["absent"] + a["excused"]) / a["records"]
    check(a["present"] + a["excused"] + a["absent"] == a["records"] and a["records"] > 1000, f"attendance recorded ({a['records']} records)")
    check(0.05 <= missed <= 0.2 and a["excused"] > 0 and a["absent"] > 0, f"realistic absences ({100 * missed:.1f} % missed, some excused)")
    check(a["membership_agrees"], "membership's participation figures equal the attendance records")

    t = s["trainings"]
    check(t["offered"] == 2 and set(t["by_topic"]) == {"public-speaking", "current-affairs"}, f"two trainings offered ({t['by_topic']})")
    check(all(v["placed"] <= v["capacity"] for v in t["by_topic"].values()) and t["waiting"] >= 1,
          "no training over its capacity; a waiting list where volunteers outnumbered the places")
    check(0 < t["attended"] <= t["placed"], f"training attendance recorded for the place holders ({t['attended']}/{t['placed']})")
    for theme, w in s["workshops"].items():
        md = w["mandates"]
        check(len(md) == 1 and md[0]["state"] == "adopted" and md[0]["unanimous"] and md[0]["votes_against"] == 0
              and md[0]["abstentions"] == 0 and md[0]["votes_for"] > 0, f"{theme}: the mandate adopted unanimously")
        check(w["notebook_versions"] >= 2 and w["notebook_submitted"], f"{theme}: the synthesis notebook, versions, submitted")
        ax = w["axes"]
        check(ax["chosen_by"] == "members" and len(ax["chosen"]) >= 1 and ax["proposals"] > len(ax["chosen"]) and ax["voters"] > 0,
              f"{theme}: the members proposed axes and chose {len(ax['chosen'])} of {ax['proposals']} ({ax['voters']} voters)")
        check(all(m["notebook_version"] in w["notebook_submitted"] and m["notebook_read"] == m["notebook_version"] for m in md),
              f"{theme}: the mandate answers a submitted notebook version, readable from the mandate")

    r = s["recommendations"]
    check(r["total"] >= 6 and r["by_status"] == {"carried": r["total"]}, f"{r['total']} recommendations, all carried by the motions")
    check(r["amended"] == r["total"], "each recommendation amended")
    ballots = s["ballots"]
    workshop_b = [b for b in ballots if b["scope"] != "plenary"]
    plenary_b = [b for b in ballots if b["scope"] == "plenary"]
    check(len(workshop_b) == 3 and len(plenary_b) == 3, f"3 workshop ballots and 3 plenary ballots ({len(ballots)})")
    for b in ballots:
        res = b["result"] or {}
        check(b["state"] == "closed" and res.get("outcome") == "adopted" and res.get("for") == b["electorate"]
              and res.get("against") == 0 and res.get("abstain") == 0,
              f"ballot {b['scope']}: every elector voted for ({res.get('for')}/{b['electorate']})")
    check(all(b["electorate"] == 100 for b in plenary_b), "the plenary electorate is the 100 active members")
    check(sorted(x["status"] for x in s["motions"]) == ["sent-to-council"] * 3, "3 motions adopted by the plenary and sent to the Council")
    check(all(x["versions"] == ["secretariat", "member", "department", "elected-representative"] for x in s["motions"]),
          "each vœu drafted in versions proposed by the secretariat, a member, the department and a representative")
    check(all(x["debate_speakers"] >= 3 for x in s["motions"]), "each vœu presented and debated at the last plenary")
    p = s["plenaries"]
    check(p.get("december", {}).get("handed_over") == r["total"], f"every recommendation handed over at the December plenary ({p})")
    check(p.get("march", {}).get("ballots") == 3, f"the three vœux voted at the 11 March plenary ({p})")
    check(p.get("june", {}).get("page") == {"mandate": 3}, "the June plenary's page lists the three mandates voted there")
    check(p.get("december", {}).get("page") == {"recommendation-handed-over": r["total"]},
          "the December plenary's page lists the recommendations handed over there")
    check(p.get("march", {}).get("page") == {"motion": 3, "evaluation": 1},
          "the 11 March plenary's page lists the three vœux adopted there and the evaluation presented there")
    g = s["participants"]
    check(g.get("sessions", 0) >= 4 and g.get("department", 0) >= 3 and g.get("elected-representative", 0) >= 3
          and g.get("present", 0) > 0, f"department staff and elected officials' representatives in the co-construction sessions ({g})")
    check(s["evaluation"]["responses"] == 100 and s["evaluation"]["state"] == "closed", "100 evaluation answers, closed")

    council = s["council"]
    check(len(council) == 3 and all(c["decision"] == "adopted" and c["stage"] == "decided" and c["group_positions"] >= 3 for c in council),
          "3 Council decisions: adopted, debated with the groups' positions")
    c = s["commitments"]
    check(c["total"] == r["total"] and sum(c["by_status"].values()) == c["total"], f"one commitment per recommendation ({c['total']}: {c['by_status']})")
    check(c["milestones_overdue"] >= 1, f"{c['milestones_overdue']} milestone(s) overdue")
    rep = sorted(s["reports"], key=lambda x: x["sequence"])
    check([x["status"] for x in rep] == ["published", "published", "scheduled"], f"2 reports published, report 3 scheduled ({rep})")
    g = s["messages"]["by_kind"]
    check(sum(g.get("confirmation-request", {}).values()) == 100 and sum(g.get("replacement-drawn", {}).values()) == 7,
          f"100 members asked to confirm, 7 replacements told ({g})")
    check(sum(g.get("report-published", {}).values()) == 200 and g["report-published"].get("sent", 0) > 0,
          "both reports to the 100 members")
    check(g.get("milestone-overdue", {}).get("sent") == 2, f"the overdue milestone told to its department and the secretariat ({g.get('milestone-overdue')})")
    # The members' messages go to the assembly's own addresses; the staff mailboxes are elsewhere.
    sent = sum(v.get("sent", 0) for k, v in g.items() if k != "milestone-overdue")
    check(sent > 0 and s["messages"]["mail_server_holds"] == sent, f"{sent} messages sent to the members, all in the mail server")
    invited = sorted(v["invited"] for v in s["pools"].values())
    letters = s.get("letters", [])
    check(sorted(j["letters"] for j in letters) == invited and all(j["state"] == "done" and j["files"] >= 1 for j in letters),
          f"the invitation letters made, one per invitee of each draw ({[(j['letters'], j['state']) for j in letters]})")
    o = s["overdue"]
    check(o["flagged_by_service"] and o["metric_followup_milestones_overdue"] >= 1, "the overdue milestone flagged by the service itself")
    check(len(s["phases"]) == 13 and all(p["seconds"] >= 0 for p in s["phases"]), "the time of each of the 13 phases")


def fetch(svc, path):
    with urllib.request.urlopen(os.environ[svc.upper() + "_URL"] + path, timeout=30) as r:
        return r.read().decode()


def fetch_metrics(svc):
    """The service's /metrics, on its metrics port when the stack gives it one."""
    base = os.environ.get(svc.upper() + "_METRICS_URL") or os.environ[svc.upper() + "_URL"]
    with urllib.request.urlopen(base + "/metrics", timeout=30) as r:
        return r.read().decode()


def service_checks(s, assembly, check):
    """The final state as the services tell it."""
    o, c = s["overdue"], s["commitments"]
    commitment = json.loads(fetch("followup", f"/v1/commitments/{o['commitment_id']}"))
    check(commitment["milestones_overdue"] >= 1, "GET /v1/commitments/{id} shows the overdue milestone")
    page = fetch("followup", f"/transparence/{assembly}")
    check("En retard" in page and "Rapport 2" in page, "the public page says it is late, and shows the reports")
    data = json.loads(fetch("followup", f"/open-data/assemblies/{assembly}/follow-up.json"))
    check(len(data["motions"]) == 3 and sum(len(x["commitments"]) for x in data["motions"]) == c["total"], "the open data has the three motions and their commitments")

    # Every consumer's lag back to zero.
    deadline, lags = time.time() + 60, {}
    while True:
        lags = {}
        for svc in ("sortition", "membership", "workshops", "recommendations", "followup", "notifications"):
            for line in fetch_metrics(svc).splitlines():
                if line.startswith(svc + "_consumer_lag_messages{"):
                    labels, value = line.rsplit(" ", 1)
                    lags[labels] = float(value)
        if lags and all(v == 0 for v in lags.values()):
            break
        if time.time() > deadline:
            break
        time.sleep(1)
    behind = {k: v for k, v in lags.items() if v}
    check(bool(lags) and not behind, f"every consumer's lag is zero ({len(lags)} partitions{'; behind: ' + str(behind) if behind else ''})")


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: python3 -m cycle.check SUMMARY_JSON ASSEMBLY_ID")
    summary_path, assembly = argv
    with open(summary_path) as f:
        s = json.load(f)
    check = Checks()
    print("the final state:")
    summary_checks(s, assembly, check)
    service_checks(s, assembly, check)
    if check.failures:
        sys.exit(f"whole cycle: {len(check.failures)} check(s) failed: " + "; ".join(check.failures))
    print("whole cycle: passed")


if __name__ == "__main__":
    main(sys.argv[1:])

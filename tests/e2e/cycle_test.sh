#!/usr/bin/env bash
# whole_cycle_e2e: the whole assembly cycle (ops/cycle) against the running stack, with a
# 20,000-voter roll and a fresh assembly, then the final state checked:
#   - from the driver's summary (CYCLE_SUMMARY, the services' GET routes): three pools (roll,
#     non-EU residents, minors) imported and invited; seat pools of 80, 15 and 5, every quota met
#     (arrondissements included), a fair distribution for each; 100 members active (80, 15, 5)
#     and the 7 who declined, 7 replacements, each from the leaver's pool; sessions of each kind held, attendance recorded and
#     agreed by membership; 3 mandates adopted unanimously; every recommendation carried; 3
#     workshop and 3 plenary ballots, unanimous; 3 motions sent to the Council; 100 evaluation
#     answers; 3 Council decisions adopted; one commitment per recommendation; 2 reports
#     published and report 3 scheduled; the overdue milestone flagged by the service itself;
#   - from the services: the commitment shows its overdue milestone, the public page says it;
#   - Kafka: no dead letter during the cycle, and every consumer's lag back to zero after it.
# Dead letters: other tests of the same ctest run send poison messages on purpose, so the topic
# assembly.deadletter.v1 is not expected to be empty; what is checked is that it did not grow while
# the cycle ran (the test is RUN_SERIAL: nothing else runs meanwhile). Lag: each service's
# <svc>_consumer_lag_messages gauges (updated every 5 s by the consumer), all zero within 60 s.
#
# Run by ctest from ops/test, whose environment has var/stack.env sourced; by hand:
#   source var/stack.env && bash tests/e2e/cycle_test.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
if [[ -z "${FOLLOWUP_URL:-}" || -z "${KAFKA_BROKERS:-}" ]]; then
  [[ -f "$ROOT/var/stack.env" ]] || { echo "FAIL: no var/stack.env: start the stack (ops/stack up)" >&2; exit 1; }
  set +u
  # shellcheck source=/dev/null  # written by ops/stack up
  source "$ROOT/var/stack.env"
  set -u
fi
command -v kcat >/dev/null || { echo "FAIL: kcat is not installed (ops/install installs it)" >&2; exit 1; }

fail() { echo "FAIL: $*" >&2; exit 1; }
assembly="cycle-e2e-$(date +%Y%m%d%H%M%S)-$$"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
summary="$work/summary.json"

# Every message of the dead-letter topic, one line each: partition:offset.
dead_letters() {
  kcat -b "$KAFKA_BROKERS" -C -t assembly.deadletter.v1 -o beginning -e -q -f '%p:%o\n' | sort
}
dead_letters >"$work/dead-before" || fail "cannot read assembly.deadletter.v1 with kcat"

echo "whole cycle: assembly $assembly, roll of 20,000 voters"
start=$SECONDS
CYCLE_ROLL_ROWS=20000 CYCLE_SUMMARY="$summary" "$ROOT/ops/cycle" "$assembly" \
  || fail "ops/cycle exited with status $? (its last line says which call failed)"
echo "whole cycle: the driver took $((SECONDS - start)) s"

# No dead letter while the cycle ran.
dead_letters >"$work/dead-after" || fail "cannot read assembly.deadletter.v1 with kcat"
new_dead="$(comm -13 "$work/dead-before" "$work/dead-after" | wc -l)"
if ((new_dead > 0)); then
  echo "dead letters during the cycle:" >&2
  kcat -b "$KAFKA_BROKERS" -C -t assembly.deadletter.v1 -o beginning -e -q -f '%p:%o key=%k headers=%h\n' \
    | grep -F -f <(comm -13 "$work/dead-before" "$work/dead-after" | sed 's/$/ key=/') >&2 || true
  fail "$new_dead message(s) went to assembly.deadletter.v1 during the cycle"
fi
echo "whole cycle: no dead letter during the cycle ($(wc -l <"$work/dead-after") on the topic in all)"

python3 - "$summary" "$assembly" <<'PY'
import json, os, sys, time, urllib.request

summary_path, assembly = sys.argv[1], sys.argv[2]
s = json.load(open(summary_path))
failures = []
def check(ok, what):
    if not ok:
        failures.append(what)
    print(f"  {'ok  ' if ok else 'FAIL'} {what}")

def fetch(svc, path):
    with urllib.request.urlopen(os.environ[svc.upper() + "_URL"] + path, timeout=30) as r:
        return r.read().decode()

print("the final state:")
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
held = lambda t: st.get(t, {}).get("held", 0)
check(held("hearing") >= 3 and held("site-visit") >= 3 and held("training") >= 3,
      f"per workshop a hearing, a site visit, a training held ({st})")
check(held("plenary") == 4, "4 plenaries held (opening, June, December, 11 March)")
check(st.get("working-session", {}).get("cancelled", 0) >= 1, "a cancelled session kept")
a = s["attendance"]
missed = (a["absent"] + a["excused"]) / a["records"]
check(a["present"] + a["excused"] + a["absent"] == a["records"] and a["records"] > 1000, f"attendance recorded ({a['records']} records)")
check(0.05 <= missed <= 0.2 and a["excused"] > 0 and a["absent"] > 0, f"realistic absences ({100 * missed:.1f} % missed, some excused)")
check(a["membership_agrees"], "membership's participation figures equal the attendance records")

for theme, w in s["workshops"].items():
    md = w["mandates"]
    check(len(md) == 1 and md[0]["state"] == "adopted" and md[0]["unanimous"] and md[0]["votes_against"] == 0
          and md[0]["abstentions"] == 0 and md[0]["votes_for"] > 0, f"{theme}: the mandate adopted unanimously")
    check(w["notebook_versions"] >= 2 and w["notebook_submitted"], f"{theme}: the synthesis notebook, versions, submitted")

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
check(s["evaluation"]["responses"] == 100 and s["evaluation"]["state"] == "closed", "100 evaluation answers, closed")

council = s["council"]
check(len(council) == 3 and all(c["decision"] == "adopted" and c["stage"] == "decided" and c["group_positions"] >= 3 for c in council),
      "3 Council decisions: adopted, debated with the groups' positions")
c = s["commitments"]
check(c["total"] == r["total"] and sum(c["by_status"].values()) == c["total"], f"one commitment per recommendation ({c['total']}: {c['by_status']})")
check(c["milestones_overdue"] >= 1, f"{c['milestones_overdue']} milestone(s) overdue")
rep = sorted(s["reports"], key=lambda x: x["sequence"])
check([x["status"] for x in rep] == ["published", "published", "scheduled"], f"2 reports published, report 3 scheduled ({rep})")
o = s["overdue"]
check(o["flagged_by_service"] and o["metric_followup_milestones_overdue"] >= 1, "the overdue milestone flagged by the service itself")
check(len(s["phases"]) == 13 and all(p["seconds"] >= 0 for p in s["phases"]), "the time of each of the 13 phases")

# The services themselves.
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
    for svc in ("sortition", "membership", "workshops", "recommendations", "followup"):
        for line in fetch(svc, "/metrics").splitlines():
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

if failures:
    sys.exit(f"whole cycle: {len(failures)} check(s) failed: " + "; ".join(failures))
print("whole cycle: passed")
PY

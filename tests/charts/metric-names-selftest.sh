#!/usr/bin/env bash
# Self-test of the metric-name check (ops/lib/metric_names.py) and of the dashboards' structure
# check (ops/lib/obs_files.py), on the real rules and dashboards and the saved expositions of
# tests/charts/metrics-fixture (one per service, captured from the local stack after ops/test and
# trimmed to a few series per family; no dead letter or retry happened, as in most test runs):
#  - the complete fixture passes;
#  - the fixture less one family fails, naming the missing metric;
#  - a typo in a dashboard's PromQL, an unknown function, a __name__ regex that matches nothing,
#    a histogram or counter named without its _bucket/_total suffix: each fails, naming it;
#  - the exposition reader: a # TYPE histogram line exposes x_bucket/x_sum/x_count, not x.
# Needs python3 only (no promtool, no stack). Registered with CTest (tests/charts/CMakeLists.txt).
# shellcheck disable=SC2016  # the PromQL and Grafana variables are meant literally
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
FILES="$ROOT/charts/assembly-suite/files"
FIXTURE="$ROOT/tests/charts/metrics-fixture"
CHECK=(python3 "$ROOT/ops/lib/metric_names.py")

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0

real_inputs=(--rules "$FILES/rules/assembly.rules.yaml")
for d in "$FILES"/dashboards/*.json; do real_inputs+=(--dashboard "$d"); done
fixture_args() {  # fixture_args DIR: --metrics-file for each exposition of DIR
  local f
  for f in "$1"/*.prom; do printf -- '--metrics-file\n%s\n' "$f"; done
}
without() {  # without NAME PATTERN: the fixture less every line matching PATTERN, in $tmp/NAME; its args
  mkdir -p "$tmp/$1"
  local f
  for f in "$FIXTURE"/*.prom; do grep -v "$2" "$f" >"$tmp/$1/$(basename "$f")"; done
  fixture_args "$tmp/$1"
}
mapfile -t complete < <(fixture_args "$FIXTURE")
((${#complete[@]} == 12)) || { echo "FAIL: expected 6 expositions in $FIXTURE"; exit 1; }

# expect NAME pass|fail [TEXT...] -- CMD...: runs CMD; checks its status and that its output
# contains each TEXT.
expect() {
  local name="$1" want="$2"; shift 2
  local texts=()
  while [[ "$1" != "--" ]]; do texts+=("$1"); shift; done
  shift
  local out rc=0
  out="$("$@" 2>&1)" || rc=$?
  local ok=1
  if [[ "$want" == pass && $rc -ne 0 ]] || [[ "$want" == fail && $rc -ne 1 ]]; then ok=0; fi
  local t
  for t in "${texts[@]}"; do grep -qF -- "$t" <<<"$out" || ok=0; done
  if ((ok)); then
    printf 'ok   %s\n' "$name"
  else
    printf 'FAIL %s (wanted %s, exit %d, expected text: %s)\n' "$name" "$want" "$rc" "${texts[*]:-none}"
    while IFS= read -r line; do printf '     | %s\n' "$line"; done <<<"$out"
    failures=$((failures + 1))
  fi
}

# 1. The real rules and dashboards against the complete fixture.
expect "complete fixture: every name exposed" pass "all exposed" -- \
  "${CHECK[@]}" "${real_inputs[@]}" "${complete[@]}"

# 2. One family missing (followup_reports_overdue: an alert and two panels use it).
mkdir -p "$tmp/missing"
cp "$FIXTURE"/*.prom "$tmp/missing/"
grep -v '^\(# [A-Z]* \)\{0,1\}followup_reports_overdue\b' "$FIXTURE/followup.prom" >"$tmp/missing/followup.prom"
if grep -q followup_reports_overdue "$tmp/missing/followup.prom"; then
  echo "FAIL: could not remove followup_reports_overdue from the fixture"; exit 1
fi
mapfile -t missing < <(fixture_args "$tmp/missing")
expect "fixture less followup_reports_overdue: fails, naming it" fail \
  "alert FollowupReportOverdue: metric followup_reports_overdue is not exposed" \
  "followup.json: panel 'Reports overdue', target A: metric followup_reports_overdue is not exposed" -- \
  "${CHECK[@]}" "${real_inputs[@]}" "${missing[@]}"

# 2b. notifications' own family missing (notifications_oldest_unsent_seconds: an alert and a panel).
mkdir -p "$tmp/unsent"
cp "$FIXTURE"/*.prom "$tmp/unsent/"
grep -v '^\(# [A-Z]* \)\{0,1\}notifications_oldest_unsent_seconds\b' "$FIXTURE/notifications.prom" >"$tmp/unsent/notifications.prom"
mapfile -t unsent < <(fixture_args "$tmp/unsent")
expect "fixture less notifications_oldest_unsent_seconds: fails, naming it" fail \
  "alert AssemblyNotificationsStalled: metric notifications_oldest_unsent_seconds is not exposed" \
  "platform.json: panel 'Oldest unsent message', target A: metric notifications_oldest_unsent_seconds is not exposed" -- \
  "${CHECK[@]}" "${real_inputs[@]}" "${unsent[@]}"

# 3. A shared family missing from every service: the __name__ regex matches nothing.
mapfile -t nolag < <(without nolag '_consumer_lag_messages')
expect "fixture without any consumer lag: the regex matches nothing" fail \
  "alert AssemblyConsumerLagGrowing: __name__=~'(sortition|membership|workshops|recommendations|followup|notifications)_consumer_lag_messages' matches no exposed metric" -- \
  "${CHECK[@]}" "${real_inputs[@]}" "${nolag[@]}"

# 4. The dead-letter counters missing from every service (they exist at zero from the start:
#    libs/events' consumer creates them for each subscribed topic).
mapfile -t nodead < <(without nodead '_events_dead_lettered_total')
expect "fixture without the dead-letter counters: fails" fail \
  "_events_dead_lettered_total' matches no exposed metric" -- \
  "${CHECK[@]}" "${real_inputs[@]}" "${nodead[@]}"

# 5. A typo in a dashboard's PromQL.
sed 's/membership_members_at_risk{/membership_member_at_risk{/' "$FILES/dashboards/participation.json" >"$tmp/participation.json"
grep -q membership_member_at_risk "$tmp/participation.json" || { echo "FAIL: typo not made"; exit 1; }
expect "typo in a dashboard: fails, naming it" fail \
  "panel 'Members at risk', target A: metric membership_member_at_risk is not exposed" -- \
  "${CHECK[@]}" --dashboard "$tmp/participation.json" "${complete[@]}"

# 6. A typo in a rules file: a misspelt metric and a misspelt function.
sed -e 's/(followup_milestones_overdue)/(followup_milestone_overdue)/' \
    -e 's/histogram_quantile(0.95,/histogram_quantille(0.95,/' \
    "$FILES/rules/assembly.rules.yaml" >"$tmp/typo.rules.yaml"
expect "typos in the rules: fails, naming them" fail \
  "alert FollowupMilestoneOverdue: metric followup_milestone_overdue is not exposed" \
  "record job:assembly_http_request_duration_seconds:p95_5m: unknown function histogram_quantille()" -- \
  "${CHECK[@]}" --rules "$tmp/typo.rules.yaml" "${complete[@]}"

# 7. Names are matched exactly: a histogram's family name and a counter without _total are not
#    series; _bucket, _sum, _count and _total are.
expect "histogram family name alone is not exposed" fail "metric membership_http_request_duration_seconds is not exposed" -- \
  "${CHECK[@]}" --expr 'rate(membership_http_request_duration_seconds[5m])' "${complete[@]}"
expect "counter without _total is not exposed" fail "metric membership_http_requests is not exposed" -- \
  "${CHECK[@]}" --expr 'sum by (route) (rate(membership_http_requests[5m]))' "${complete[@]}"
expect "_bucket, _sum, _count, _total are" pass "all exposed" -- \
  "${CHECK[@]}" --expr 'histogram_quantile(0.9, sum by (le) (rate(membership_http_request_duration_seconds_bucket[5m])))' \
  --expr 'rate(membership_http_request_duration_seconds_sum[5m]) / rate(membership_http_request_duration_seconds_count[5m])' \
  --expr 'sum without (instance) (increase(membership_http_requests_total{status=~"5.."}[$__rate_interval]))' "${complete[@]}"
expect "label names, by() lists and Grafana variables are not metrics" pass "all exposed" -- \
  "${CHECK[@]}" --expr 'sum by (assembly, status) (membership_members{assembly=~"$assembly", pool!="x"}) / on (assembly) group_left (workshop) membership_declines offset 1h' \
  --expr 'label_replace(topk($n, followup_commitments), "state", "$1", "status", "(.*)") > bool 0' "${complete[@]}"

# 8. The exposition reader: # TYPE lines count, samples or not.
cat >"$tmp/types.prom" <<'EOF'
# HELP x_seconds a histogram family without samples
# TYPE x_seconds histogram
# TYPE y_total counter
z_gauge{a="b"} 1
EOF
expect "a histogram TYPE line exposes x_bucket, x_sum, x_count" pass "all exposed" -- \
  "${CHECK[@]}" --expr 'x_seconds_bucket + x_seconds_sum + x_seconds_count + y_total + z_gauge' --metrics-file "$tmp/types.prom"
expect "... and not x" fail "metric x_seconds is not exposed" -- \
  "${CHECK[@]}" --expr 'x_seconds' --metrics-file "$tmp/types.prom"

# 9. The dashboards' structure: the real ones pass; one without uid or with an undefined
#    variable fails.
expect "dashboards: structure" pass "3 dashboards ok" -- \
  python3 "$ROOT/ops/lib/obs_files.py" dashboards --require-var participation.json=assembly \
  --require-var followup.json=assembly "$FILES"/dashboards/*.json
python3 - "$FILES/dashboards/followup.json" "$tmp/followup.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
del d["uid"]
d["templating"]["list"] = [v for v in d["templating"]["list"] if v["name"] != "assembly"]
json.dump(d, open(sys.argv[2], "w"))
EOF
expect "dashboards: a broken one fails" fail "uid missing" "no \`assembly\` variable" "\$assembly used but not defined" -- \
  python3 "$ROOT/ops/lib/obs_files.py" dashboards --require-var followup.json=assembly "$tmp/followup.json"

if ((failures)); then
  echo "metric-names-selftest: $failures case(s) failed"
  exit 1
fi
echo "metric-names-selftest: all cases passed"

#!/usr/bin/env bash
# Self-test of the assembly-suite chart's realm Job (keycloak.realm.apply: job): its script, as
# the chart renders it, runs against a mock of Keycloak's admin API (mock_keycloak.py): a first
# run creates the realm with the ConfigMap's realm.json, a second one partially imports
# partial-import.json (ifResourceExists SKIP) into the realm found, and a wrong client secret
# fails with the token endpoint's answer. Needs helm (ops/chart-tools), curl and python3.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
HERE="$ROOT/tests/charts"
passed=0 failed=0
WORK="$(mktemp -d)"
mock_pid=""
# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  if [[ -n "$mock_pid" ]]; then kill "$mock_pid" 2>/dev/null; wait "$mock_pid" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

check() {  # check NAME CONDITION-STATUS DETAIL
  if (($2 == 0)); then passed=$((passed + 1)); printf 'ok   %s\n' "$1"
  else failed=$((failed + 1)); printf 'FAIL %s\n%s\n' "$1" "$3"; fi
}
finish() { echo "$passed passed, $failed failed"; ((failed == 0)); exit; }

HELM="$("$ROOT/ops/chart-tools" | sed -n 's/^HELM=//p')"
[[ -x "$HELM" ]] || { echo "FAIL ops/chart-tools gave no helm"; failed=1; finish; }
export HELM_CACHE_HOME="$WORK/helm/cache" HELM_CONFIG_HOME="$WORK/helm/config" HELM_DATA_HOME="$WORK/helm/data"

# The mock, on a free port of the loopback.
printf 'admin-client' >"$WORK/client-id"
printf 'admin-secret\n' >"$WORK/client-secret"
python3 "$HERE/mock_keycloak.py" "$WORK/port" "$WORK/mock.log" admin-client admin-secret &
mock_pid=$!
for _ in $(seq 50); do [[ -s "$WORK/port" ]] && break; sleep 0.1; done
[[ -s "$WORK/port" ]] || { echo "FAIL the mock Keycloak did not start"; failed=1; finish; }
url="http://127.0.0.1:$(cat "$WORK/port")"

# The chart's ConfigMap, rendered with the charts vendored offline (as ops/check-charts does).
cp -r "$ROOT/charts" "$WORK/charts"
rm -rf "$WORK"/charts/*/charts "$WORK"/charts/*/Chart.lock
for c in sortition membership workshops recommendations followup notifications assembly-suite; do
  "$HELM" dependency update --skip-refresh "$WORK/charts/$c" >/dev/null \
    || { echo "FAIL helm dependency update $c"; failed=1; finish; }
done
if ! "$HELM" template assembly "$WORK/charts/assembly-suite" -f "$ROOT/charts/ci/defaults.yaml" \
    -f "$ROOT/charts/ci/keycloak-job.yaml" --set "keycloak.job.url=$url" \
    --show-only templates/keycloak-realm-job.yaml >"$WORK/rendered.yaml" 2>"$WORK/helm.err"; then
  cat "$WORK/helm.err"; echo "FAIL helm template"; failed=1; finish
fi
mkdir -p "$WORK/realm"
# extract KEY: the block scalar of the ConfigMap's data KEY, without its indentation.
extract() {
  awk -v key="  $1: " 'index($0, key) == 1 { f = 1; next } f && /^  [^ ]/ { exit } f && /^---/ { exit }
                       f { sub(/^    /, ""); print }' "$WORK/rendered.yaml"
}
for key in realm.json partial-import.json apply-realm.sh; do extract "$key" >"$WORK/realm/$key"; done
grep -q "value: \"$url\"" "$WORK/rendered.yaml"
check "the Job reaches Keycloak at keycloak.job.url" $? "$(grep -A1 KEYCLOAK_URL "$WORK/rendered.yaml")"

run_job() {  # run_job SECRET_FILE: the script as the Job runs it; output in $WORK/job.out
  env -i PATH="$PATH" KEYCLOAK_URL="$url" REALM=assembly ADMIN_REALM=master \
    REALM_DIR="$WORK/realm" ADMIN_DIR="$1" CA_FILE="$WORK/no-ca" TMPDIR="$WORK/tmp" \
    sh "$WORK/realm/apply-realm.sh" >"$WORK/job.out" 2>&1
}
mkdir -p "$WORK/admin" "$WORK/wrong" "$WORK/tmp"
cp "$WORK/client-id" "$WORK/client-secret" "$WORK/admin/"
cp "$WORK/client-id" "$WORK/wrong/" && printf 'not-the-secret' >"$WORK/wrong/client-secret"

run_job "$WORK/admin"; rc=$?
created="$(sed -n 's/^created realm assembly: //p' "$WORK/mock.log")"
want="$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))' "$WORK/realm/realm.json")"
[[ $rc -eq 0 && "$created" == "$want" ]] && grep -q 'realm assembly created' "$WORK/job.out"
check "first run: the realm is absent and created with realm.json" $? "$(cat "$WORK/job.out" "$WORK/mock.log")"

cat "$WORK/mock.log" >>"$WORK/all.log" && : >"$WORK/mock.log"
run_job "$WORK/admin"; rc=$?
imported="$(sed -n 's/^partial import into assembly: //p' "$WORK/mock.log")"
want="$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))' "$WORK/realm/partial-import.json")"
[[ $rc -eq 0 && -n "$imported" && "$imported" == "$want" && "$imported" == *'"ifResourceExists": "SKIP"'* ]] \
  && ! grep -q '^created' "$WORK/mock.log" && grep -q '"skipped":' "$WORK/job.out"
check "second run: the realm exists, what it lacks is partially imported (SKIP), nothing created" $? \
  "$(cat "$WORK/job.out" "$WORK/mock.log")"

cat "$WORK/mock.log" >>"$WORK/all.log" && : >"$WORK/mock.log"
run_job "$WORK/wrong"; rc=$?
[[ $rc -ne 0 ]] && grep -q 'token request refused (HTTP 401)' "$WORK/job.out" && ! grep -q 'GET\|created\|partial' "$WORK/mock.log"
check "a wrong client secret fails at the token request, before any admin call" $? "$(cat "$WORK/job.out" "$WORK/mock.log")"

cat "$WORK/mock.log" >>"$WORK/all.log"
! grep -q 'unauthorised\|wrong content type\|not JSON' "$WORK/all.log"
check "every admin call carried the token and JSON" $? "$(cat "$WORK/all.log")"
finish

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
#   - Kafka: no dead letter during the cycle, and every consumer's lag back to zero after it;
#   - the accounts ops/run prints (a member of this assembly, a secretariat agent, a department
#     agent, the council clerk) each sign in through the web client with the password printed.
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

# The final state: from the summary, then from the services (tools/cycle/check.py).
PYTHONPATH="$ROOT/tools${PYTHONPATH:+:$PYTHONPATH}" python3 -m cycle.check "$summary" "$assembly"

# The accounts ops/run prints at its end (tools/identity/accounts.py, from this summary): each of
# them, the cycle's member included, signs in through the web client (code + PKCE) with the
# password printed.
PYTHONPATH="$ROOT/tools${PYTHONPATH:+:$PYTHONPATH}" python3 -m identity.accounts "$summary" --check \
  || fail "an account ops/run prints does not sign in"

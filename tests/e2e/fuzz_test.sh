#!/usr/bin/env bash
# routes_fuzz_e2e: bad input against every route of every service of the running stack
# (tools/fuzz, from the services' OpenAPI documents): junk path and query values, malformed and
# mistyped JSON bodies, missing required fields, absent and forged bearer tokens, junk trace
# headers. Fails on any 5xx, any hang, any refusal that is no problem+json naming its status, any
# bad input accepted where it must be refused, and any service no longer live after its cases.
# FUZZ_SEED and FUZZ_PER_OPERATION change the sample (defaults: seed 1, every case of every operation: about 8,600 requests).
#
# Run by ctest from ops/test, whose environment has var/stack.env sourced; by hand:
#   source var/stack.env && bash tests/e2e/fuzz_test.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
if [[ -z "${MEMBERSHIP_URL:-}" ]]; then
  [[ -f "$ROOT/var/stack.env" ]] || { echo "FAIL: no var/stack.env: start the stack (ops/stack up)" >&2; exit 1; }
  set +u
  # shellcheck source=/dev/null  # written by ops/stack up
  source "$ROOT/var/stack.env"
  set -u
fi
cd "$ROOT"
PYTHONPATH="$ROOT/tools" exec python3 -m fuzz --seed "${FUZZ_SEED:-1}" \
  --per-operation "${FUZZ_PER_OPERATION:-1000}"

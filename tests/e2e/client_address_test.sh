#!/usr/bin/env bash
# client_address_e2e: the per-address limit on invitation answers (sortition's POST /v1/responses,
# RESPONSES_PER_MINUTE) counts residents, not the gateway, and cannot be dodged with a forged header:
#   - through the gateway, answers from two loopback addresses (the client's socket bound to
#     127.R.0.2, then 127.R.0.3) are limited separately: the services trust the gateway
#     (TRUSTED_PROXIES) and take the caller from its X-Forwarded-For;
#   - directly to the service from a peer that is no trusted proxy (127.R.0.4), a forged
#     X-Forwarded-For, new at each attempt, is ignored: the limit still falls.
# R is drawn at each run, so a run within a minute of another starts with full buckets.
#
# Run by ctest from ops/test, whose environment has var/stack.env sourced; by hand:
#   source var/stack.env && bash tests/e2e/client_address_test.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
if [[ -z "${GATEWAY_URL:-}" || -z "${SORTITION_URL:-}" ]]; then
  [[ -f "$ROOT/var/stack.env" ]] || { echo "FAIL: no var/stack.env: start the stack (ops/stack up)" >&2; exit 1; }
  set +u
  # shellcheck source=/dev/null  # written by ops/stack up
  source "$ROOT/var/stack.env"
  set -u
fi
fail() { echo "FAIL: $*" >&2; exit 1; }

r=$((RANDOM % 250 + 1))
answer='{"code":"99999-99999","criteria":{"gender":"F"},"consent":true,"contact":{"email":"r@example.fr"}}'
# answer FROM URL [HEADER...]: the status of one answer with an unknown code, sent from FROM.
answer() {
  local from="$1" url="$2"; shift 2
  local h=() x
  for x in "$@"; do h+=(-H "$x"); done
  curl -sS --interface "$from" -o /dev/null -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' "${h[@]}" --data "$answer" "$url/v1/responses"
}
# until_limited FROM URL [forge]: answers until one is refused with 429; prints the statuses.
# With `forge`, each attempt carries another X-Forwarded-For.
until_limited() {
  local from="$1" url="$2" forge="${3:-}" i status statuses=()
  for i in $(seq 1 200); do
    if [[ -n "$forge" ]]; then
      status="$(answer "$from" "$url" "X-Forwarded-For: 198.51.$((i / 250)).$((i % 250 + 1))")"
    else
      status="$(answer "$from" "$url")"
    fi
    statuses+=("$status")
    [[ "$status" == 429 ]] && break
  done
  echo "${statuses[*]}"
}

via_gateway="$GATEWAY_URL/api/sortition"
first="$(until_limited "127.$r.0.2" "$via_gateway")"
[[ "$first" == *404*429 ]] \
  || fail "through the gateway from 127.$r.0.2: expected unknown-code answers (404), then 429; got: $first"
echo "ok: through the gateway, 127.$r.0.2 limited after $(wc -w <<<"$first") answers ($first)"
second="$(answer "127.$r.0.3" "$via_gateway")"
[[ "$second" == 404 ]] \
  || fail "through the gateway, 127.$r.0.3 answered $second, not 404: limited with 127.$r.0.2 (the gateway's address counted, not the resident's)"
echo "ok: through the gateway, 127.$r.0.3 has a limit of its own"

forged="$(until_limited "127.$r.0.4" "$SORTITION_URL" forge)"
[[ "$forged" == *429 ]] \
  || fail "directly from 127.$r.0.4 with a new forged X-Forwarded-For each time: never limited ($forged)"
echo "ok: directly from 127.$r.0.4, forged X-Forwarded-For ignored: limited after $(wc -w <<<"$forged") answers"
echo "client_address_e2e: all checks passed"

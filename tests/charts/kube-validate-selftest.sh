#!/usr/bin/env bash
# Self-test of ops/kube-validate: fixtures/valid.yaml (one object of each kind that the
# charts use) must pass; each fixtures/invalid-*.yaml must fail with a message that
# names its problem. Exits non-zero when any expectation fails.
# The first run installs kubeconform and the schemas (ops/kube-schemas, a few minutes).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
FIXTURES="$ROOT/tests/charts/fixtures"
passed=0 failed=0

# expect NAME WANTED_EXIT(0|fail) FIXTURE REGEX...: runs ops/kube-validate on FIXTURE;
# its exit status and every REGEX (grep -E, on its output) must match.
expect() {
  local name="$1" want="$2" fixture="$3"; shift 3
  local out rc ok=1 why=() re
  out="$("$ROOT/ops/kube-validate" "$FIXTURES/$fixture" 2>&1)"; rc=$?
  if [[ "$want" == 0 && $rc -ne 0 ]]; then ok=0; why+=("exit status $rc, wanted 0"); fi
  if [[ "$want" == fail && $rc -eq 0 ]]; then ok=0; why+=("exit status 0, wanted a failure"); fi
  for re in "$@"; do
    grep -qE -- "$re" <<<"$out" || { ok=0; why+=("no line matches: $re"); }
  done
  if ((ok)); then
    passed=$((passed + 1)); printf 'ok   %s\n' "$name"
  else
    failed=$((failed + 1)); printf 'FAIL %s\n' "$name"
    printf '       %s\n' "${why[@]}"
    printf -- '---- output of ops/kube-validate %s ----\n%s\n----\n' "$fixture" "$out"
  fi
}

# Installs (or finds) kubeconform and the schemas first, so that an install problem
# shows once, clearly.
if ! "$ROOT/ops/kube-schemas"; then
  echo "FAIL ops/kube-schemas could not install kubeconform and the schemas"
  echo "0 passed, 1 failed"
  exit 1
fi

expect "a valid manifest of 14 kinds passes" 0 valid.yaml \
  'Summary: 14 resources found in 1 file - Valid: 14, Invalid: 0, Errors: 0, Skipped: 0'
expect "an unknown field in a Deployment's container fails" fail invalid-unknown-field.yaml \
  "Deployment sortition is invalid: at '/spec/template/spec/containers/0': additional properties 'imagePullPolicyy' not allowed"
expect "replicas: \"two\" fails" fail invalid-wrong-type.yaml \
  "Deployment sortition is invalid: at '/spec/replicas': got string, want (null or )?integer"
expect "an unknown field in a PrometheusRule's rule fails" fail invalid-prometheusrule-field.yaml \
  "PrometheusRule sortition is invalid: at '/spec/groups/0/rules/0': additional properties 'summary' not allowed"
expect "a KafkaTopic with partitions as a string fails" fail invalid-kafkatopic-partitions.yaml \
  "KafkaTopic assembly.sortition.v1 is invalid: at '/spec/partitions': got string, want (null or )?integer"
expect "a KafkaUser ACL with an unknown field fails" fail invalid-kafkauser-acl.yaml \
  "KafkaUser sortition is invalid: at '/spec/authorization/acls/0/resource': additional properties 'topic' not allowed"
expect "an HTTPRoute's URLRewrite with an unknown field fails" fail invalid-httproute-filter.yaml \
  "HTTPRoute assembly-web is invalid: at '/spec/rules/0/filters/0/urlRewrite/path': additional properties 'replacePrefix' not allowed"
expect "a kind without a schema fails (and is not skipped)" fail invalid-unknown-kind.yaml \
  'Widget sortition failed validation: could not find schema for Widget' \
  'Valid: 1, Invalid: 0, Errors: 1, Skipped: 0'

echo "$passed passed, $failed failed"
((failed == 0))

#!/usr/bin/env bash
# contract_fuzz_e2e: Schemathesis against every operation of the six services' OpenAPI documents
# on the running stack (ops/contract-fuzz, tools/contract): a token of a role each operation
# admits, a member's token where members act beside staff, stateful sequences along the documents'
# links and those Schemathesis infers; fails on any 5xx, any undocumented status or content type,
# any body that does not match its documented schema. SCHEMATHESIS_MAX_EXAMPLES and
# SCHEMATHESIS_SEED change the sample (defaults 5 and 1: about 2 minutes, 9,300 test cases; BENCHMARKS.md).
#
# Run by ctest from ops/test, whose environment has var/stack.env sourced; by hand:
#   source var/stack.env && bash tests/e2e/contract_test.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
exec "$ROOT/ops/contract-fuzz"

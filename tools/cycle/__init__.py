"""ops/cycle: plays a whole citizens' assembly cycle on the running local stack, through the
services' public HTTP APIs only.

  client.py    the HTTP client (kept-alive connections, bearer tokens, /metrics samples)
  data.py      the scenario: pools, quotas, sessions, texts, votes
  compute.py   what is computed: the self-selection, the quota CSVs, attendance, small rules
  run.py       the state of a run: the client, the seeded random.Random, what the phases learn
  phases.py    the 13 phases, in order
  summary.py   the summary from the services' GET routes, and its printed form
  check.py     the whole-cycle test's checks of the final state (tests/e2e/cycle_test.sh)

Standard library only: run with `PYTHONPATH=tools python3 -m cycle ...` (ops/cycle does it).
"""

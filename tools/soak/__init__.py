"""The soak of ops/soak: an assembly's people-facing load held for a set time on the running stack,
with the services' resources sampled, and each series judged for growth without bound.

  setup.py    the assembly: the panel seated (tools/cycle's phases 1-6), the invitations drawn
  load.py     the invitees' answers, the members' check-in and vote waves, the site read by wrk
  site.lua    wrk's script: the site's pages at a constant rate
  sample.py   RSS, file descriptors, threads, PostgreSQL connections, outbox and consumer lag
  verdict.py  the thirds compared, the report's table (pure: unit tests in tests/)
"""

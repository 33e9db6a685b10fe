"""Bad input against every route of every service, derived from their OpenAPI documents.

  routes.py   the operations of services/*/openapi.json: path, parameters, request body schema,
              public or not, the role a route names first in its summary
  cases.py    the bad requests made for one operation (seeded: the same seed, the same cases):
              junk in path parameters and query parameters, malformed and mistyped JSON bodies,
              missing required fields, absent and malformed bearer tokens, junk trace headers
  run.py      sends them to the running stack and checks each answer: never a 5xx, never a hang,
              every refusal a problem+json naming its status, and the service still live after

    PYTHONPATH=tools python3 -m fuzz [--seed N] [--per-operation N] [--service NAME]

Every case is invalid in at least one way on purpose; the bodies name a fresh assembly id so that
whatever a lenient route might accept stays apart from the other tests' data. Standard library only.
"""

"""Contract fuzzing: Schemathesis (var/contract-venv, ops/contract-setup) against every operation
of the six services' OpenAPI documents, as each service serves it, on the running stack.

  plan.py      the operations of a document, the role each is called with in each pass, the
               Schemathesis command line (standard library only: unit-tested without a stack)
  hooks.py     loaded by Schemathesis: the bearer token of that role on every request (tools/identity),
               the allow-list applied
  allowed.json the allow-list: findings accepted, each {"service", "operation" (a pattern over
               the method sent and the path: "POST /v1/x", "QUERY *"), "check" (the failure's code,
               e.g. "ST103", or class, or "*"), "reason"}
  __main__.py  the driver: per service a staff pass (every operation; a public one without a
               token; the others with a token of the first role they admit, the member's only where
               no staff role acts) and a member pass (the operations a member acts on beside staff,
               with a member's token); the findings printed with the curl reproducing each

    PYTHONPATH=tools python3 -m contract [--service NAME]... [--max-examples N] [--seed N]

Checks: not_a_server_error, status_code_conformance, content_type_conformance,
response_schema_conformance; phases: examples, coverage, fuzzing, stateful (the staff pass; links
of the documents, and those Schemathesis infers from the schemas and the Location headers). Logs
and JUnit reports in var/contract/.
"""

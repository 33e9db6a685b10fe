"""Schemathesis hooks of a contract run (SCHEMATHESIS_HOOKS=contract.hooks, `tools` on PYTHONPATH):
every request carries the bearer token of the role its operation admits in this pass
(CONTRACT_PASS: staff or member, plan.role_for), none for a public operation; and the findings of
the allow-list (allowed.json) are dropped, each with its reason in the file.

Runs inside Schemathesis's process (var/contract-venv); the tokens come from tools/identity, which
keeps each until a minute before it expires."""

import fnmatch
import json
import os
import pathlib
import threading

import identity
import schemathesis

from contract import plan

PASS = os.environ.get("CONTRACT_PASS", "staff")
SERVICE = os.environ.get("CONTRACT_SERVICE", "")
# The member whose token the member pass uses: no member of any assembly (a member's token acts on
# its own record only, so every call on another's is a 403 or a 404, which the documents state).
MEMBER_ID = os.environ.get("CONTRACT_MEMBER_ID", "00000000-0000-4000-8000-00000000c0de")
ALLOWED = pathlib.Path(__file__).with_name("allowed.json")
_lock = threading.Lock()


def bearer(role):
    """An access token of the local stack for ROLE."""
    with _lock:
        if role == "secretariat":
            return identity.service_token("assembly-cycle")
        if role == "notifier":
            return identity.service_token("notifications-sender")
        if role == "member":
            return identity.token("member", MEMBER_ID)
        if role == "city-service":
            return identity.token("city-service", "contract-city", "contract")
        return identity.token(role, "contract-" + role)


def _roles(case):
    return (case.operation.definition.raw.get("x-access") or {}).get("roles") or []


# refresh_interval None: identity caches the tokens (until a minute before they expire); retry_on
# empty: a 401 is an answer to check, not a reason to fetch the token again.
@schemathesis.auth(refresh_interval=None, retry_on=[])
class RoleToken:
    def get(self, case, context):
        role = plan.role_for(_roles(case), PASS)
        return bearer(role) if role else None

    def set(self, case, data, context):
        if data:
            case.headers = {**(case.headers or {}), "Authorization": "Bearer " + data}


def _allowed():
    try:
        entries = json.loads(ALLOWED.read_text())
    except FileNotFoundError:
        return []
    return [e for e in entries if fnmatch.fnmatchcase(SERVICE, e.get("service", ""))]


_ALLOWED = _allowed()


def allowed(method, path, failure, body=""):
    """Whether the allow-list accepts FAILURE of a request METHOD PATH answered BODY: an entry's
    `operation` is a pattern over "METHOD /path" (fnmatch), its `check` the failure's code (ST104)
    or class, or "*", and its `response`, when given, the answer's whole body."""
    label = f"{method.upper()} {path}"
    names = {getattr(failure, "code", None), type(failure).__name__}
    return any(fnmatch.fnmatchcase(label, e.get("operation", ""))
               and (e.get("check") == "*" or e.get("check") in names)
               and ("response" not in e or body == e["response"]) for e in _ALLOWED)


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """False (dropped) for a finding of the allow-list."""
    try:
        text = response.content.decode("utf-8", "replace") if response is not None else ""
    except AttributeError:
        text = ""
    return not allowed(str(case.method), case.operation.path, failure, text)


# The signed record of a selection is uploaded as a PDF (sortition): the bytes generated, as they are.
@schemathesis.serializer("application/pdf")
def pdf_body(context, value):
    if isinstance(value, (bytes, bytearray)):
        return {"data": bytes(value)}
    data = getattr(value, "data", None)
    return {"data": data if isinstance(data, bytes) else str(value).encode()}

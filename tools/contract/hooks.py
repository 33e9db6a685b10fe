"""Schemathesis hooks of a contract run (SCHEMATHESIS_HOOKS=contract.hooks, `tools` on PYTHONPATH):
every request carries the bearer token of the role its operation admits in this pass
(CONTRACT_PASS: staff or member, plan.role_for), none for a public operation; and the findings of
the allow-list (allowed.json) are dropped, each with its reason in the file.

Runs inside Schemathesis's process (var/contract-venv); the tokens come from tools/identity, which
keeps each until a minute before it expires."""

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
    return [e for e in entries if e.get("service") == SERVICE]


_ALLOWED = _allowed()


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """False (dropped) for a finding of the allow-list: its service, operation and check."""
    label = f"{case.operation.method.upper()} {case.operation.path}"
    for e in _ALLOWED:
        if e.get("operation") == label and e.get("check") in (getattr(failure, "code", None),
                                                              type(failure).__name__,
                                                              getattr(failure, "title", None)):
            return False
    return True

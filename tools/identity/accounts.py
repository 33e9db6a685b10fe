"""python3 -m identity.accounts SUMMARY_JSON [--check]: the accounts of the local stack a person
signs in with at the site, as ops/run prints them at its end: one member of the cycle's assembly
(the summary's `local_accounts.member`: an active member whose account, made by membership's
provisioner, the cycle gave the test users' password), and from ops/keycloak/staff-local.json the
first secretariat agent, the first department (city-service) agent and the council clerk; each
with the local test users' password (var/secrets/keycloak-test-user.password). Local stack only:
neither the file nor the password exists in the charts.

--check signs each of them in through the web client as a browser does (authorization code +
PKCE, identity.signin) with the password printed, and checks the token's role; exit 1 when one
does not sign in, 2 on bad usage or a summary without the member."""

import json
import os
import sys

from .keycloak import IdentityError, claims, default, stack_env
from .signin import sign_in

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
STAFF_FILE = os.path.join(ROOT, "ops", "keycloak", "staff-local.json")
# The staff roles printed, in order, each the first account of that role in the file.
STAFF_ROLES = ("secretariat", "city-service", "council-clerk", "auditor")


def local_accounts(summary, staff):
    """(what, username, role) of the member of SUMMARY and of the first staff account of each of
    STAFF_ROLES in STAFF (the staff-local document). ValueError naming what is missing."""
    member = (summary.get("local_accounts") or {}).get("member")
    if not member:
        raise ValueError("the cycle's summary names no member (local_accounts.member)")
    out = [(f"member of {summary.get('assembly_id', 'the assembly')}", member, "member")]
    for role in STAFF_ROLES:
        a = next((a for a in staff.get("accounts", []) if a.get("role") == role), None)
        if a is None:
            raise ValueError(f"{STAFF_FILE}: no {role} account")
        what = f"{role} ({a['department']})" if "department" in a else role
        out.append((what, a["username"], role))
    return out


def format_accounts(accounts, password, web_port, assembly_id=None):
    """The lines ops/run prints: the site's, the members' space's and the console's addresses (the
    console opened on ASSEMBLY_ID when given), then each account and the password."""
    site = f"http://127.0.0.1:{web_port}"
    lines = [f"The site: {site}/",
             f"The members' space: {site}/espace-membre",
             f"The organisers' console: {site}/console" + (f"/{assembly_id}" if assembly_id else ""),
             "Accounts of the local stack (\u00ab Se connecter \u00bb on the site; local stack only):"]
    width = max(len(w) for w, _, _ in accounts)
    for what, username, _ in accounts:
        lines.append(f"  {what:<{width}}  username {username}  password {password}")
    return lines


def main(argv):
    check = "--check" in argv
    rest = [a for a in argv if a != "--check"]
    if len(rest) != 1:
        print("usage: python3 -m identity.accounts SUMMARY_JSON [--check]", file=sys.stderr)
        return 2
    env = {**stack_env(), **os.environ}
    try:
        with open(rest[0], encoding="utf-8") as f:
            summary = json.load(f)
        with open(STAFF_FILE, encoding="utf-8") as f:
            staff = json.load(f)
        with open(env["KEYCLOAK_TEST_PASSWORD_FILE"], encoding="utf-8") as f:
            password = f.read().strip()
        accounts = local_accounts(summary, staff)
    except (OSError, KeyError, ValueError) as e:
        print(f"identity.accounts: {e}", file=sys.stderr)
        return 2
    print("\n".join(format_accounts(accounts, password, env.get("WEB_PORT", "8080"), summary.get("assembly_id"))))
    if not check:
        return 0
    kc, failed = default(), 0
    for what, username, role in accounts:
        try:
            roles = claims(sign_in(kc, username, password)["access_token"]).get("roles", [])
            ok = role in roles
            print(f"{'ok' if ok else 'FAIL'}: {what} {username} signs in (code + PKCE), role {role}"
                  + ("" if ok else f" missing from {roles}"))
        except IdentityError as e:
            ok = False
            print(f"FAIL: {what} {username} does not sign in: {e}")
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""ops/token ROLE [SUBJECT [DEPARTMENT]] [--assemblies A,B] [--workshops W,X]: prints an access
token of the local stack's Keycloak for a test user holding ROLE (see keycloak.py)."""

import argparse
import sys

from .keycloak import ROLES, IdentityError, token

USAGE = "usage: ops/token ROLE [SUBJECT [DEPARTMENT]] [--assemblies A,B] [--workshops W,X]"


def main(argv):
    p = argparse.ArgumentParser(prog="ops/token", usage=USAGE.removeprefix("usage: "),
                                description="Prints an access token of the local stack's Keycloak.")
    p.add_argument("role", help="one of: " + ", ".join(ROLES))
    p.add_argument("subject", nargs="?", help="a member's id (role member), else the user's name part")
    p.add_argument("department", nargs="?", help="the city department (city-service)")
    p.add_argument("--assemblies", default="*", help='assembly ids, comma-separated ("*": all; default)')
    p.add_argument("--workshops", default="", help="workshop ids, comma-separated (facilitator)")
    a = p.parse_args(argv)
    if a.role not in ROLES:
        print(f"ops/token: unknown role {a.role!r} (one of: {', '.join(ROLES)})\n{USAGE}", file=sys.stderr)
        return 2
    split = lambda s: tuple(x for x in s.split(",") if x)  # noqa: E731
    try:
        print(token(a.role, a.subject, a.department, split(a.assemblies), split(a.workshops)))
    except IdentityError as e:
        print(f"ops/token: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""python3 -m identity.seed FILE: makes the staff accounts of FILE (ops/keycloak/staff-local.json)
in the local stack's realm, each with its realm role and its attributes (department, assemblies,
workshops) and the test users' password. Idempotent: an account that exists gets its attributes
and role again. Exits 2 on a malformed file (naming the entry at fault), 1 when Keycloak refuses."""

import json
import sys

from .keycloak import ROLES, IdentityError, default

ATTRIBUTES = ("department", "assemblies", "workshops")


def accounts(doc):
    """The accounts of the seed document, checked: (username, role, attributes)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("accounts"), list):
        raise ValueError('the file must be an object with an "accounts" list')
    out = []
    for i, a in enumerate(doc["accounts"]):
        where = f"accounts[{i}]"
        if not isinstance(a, dict):
            raise ValueError(f"{where}: not an object")
        unknown = set(a) - {"username", "role", *ATTRIBUTES}
        if unknown:
            raise ValueError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        if not isinstance(a.get("username"), str) or len(a["username"]) < 3:
            raise ValueError(f"{where}.username: a name of 3 characters at least is required")
        if a.get("role") not in ROLES or a["role"] == "member":
            raise ValueError(f"{where}.role: one of the staff roles ({', '.join(r for r in ROLES if r != 'member')})")
        attributes = {}
        if "department" in a:
            attributes["department"] = [str(a["department"])]
        for name in ("assemblies", "workshops"):
            if name in a:
                if not isinstance(a[name], list) or not all(isinstance(x, str) and x for x in a[name]):
                    raise ValueError(f"{where}.{name}: a list of ids")
                attributes[name] = a[name]
        out.append((a["username"], a["role"], attributes))
    return out


def main(argv):
    if len(argv) != 1:
        print("usage: python3 -m identity.seed FILE", file=sys.stderr)
        return 2
    try:
        with open(argv[0], encoding="utf-8") as f:
            wanted = accounts(json.load(f))
    except (OSError, ValueError) as e:
        print(f"identity.seed: {argv[0]}: {e}", file=sys.stderr)
        return 2
    try:
        kc = default()
        for username, role, attributes in wanted:
            kc.ensure_user(username, attributes, role, replace=ATTRIBUTES)
    except IdentityError as e:
        print(f"identity.seed: {e}", file=sys.stderr)
        return 1
    print(f"identity.seed: {len(wanted)} staff accounts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Renders the realm as code (ops/keycloak/realm-assembly.json) into the file Keycloak imports.

usage: render_realm.py TEMPLATE OUTPUT NAME=VALUE... NAME=@FILE...

Every "@NAME@" inside a string of the template becomes VALUE (or the content of FILE, for the
client secrets kept in var/secrets). The declarative user profile, written in the template as a
JSON object for readability, becomes the JSON string Keycloak stores. OUTPUT is written (mode 600:
it holds the client secrets) only when it changed; prints "changed" or "unchanged".
"""

import json
import os
import re
import sys

PROFILE_COMPONENT = "org.keycloak.userprofile.UserProfileProvider"


def substitute(node, values):
    if isinstance(node, str):
        def one(m):
            if m.group(1) not in values:
                sys.exit(f"render_realm: no value for @{m.group(1)}@")
            return values[m.group(1)]
        return re.sub(r"@([A-Z_]+)@", one, node)
    if isinstance(node, list):
        return [substitute(x, values) for x in node]
    if isinstance(node, dict):
        return {k: substitute(v, values) for k, v in node.items()}
    return node


def render(template, values):
    realm = substitute(template, values)
    for comp in realm.get("components", {}).get(PROFILE_COMPONENT, []):
        cfg = comp.get("config", {}).get("kc.user.profile.config")
        if cfg and not isinstance(cfg[0], str):
            comp["config"]["kc.user.profile.config"] = [json.dumps(cfg[0], ensure_ascii=False)]
    return json.dumps(realm, indent=2, ensure_ascii=False) + "\n"


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__.strip().splitlines()[2])
    template_path, out = argv[1], argv[2]
    values = {}
    for arg in argv[3:]:
        name, sep, value = arg.partition("=")
        if not sep:
            sys.exit(f"render_realm: not NAME=VALUE: {arg}")
        if value.startswith("@"):
            with open(value[1:], encoding="utf-8") as f:
                value = f.read().strip()
        values[name] = value
    with open(template_path, encoding="utf-8") as f:
        text = render(json.load(f), values)
    try:
        with open(out, encoding="utf-8") as f:
            if f.read() == text:
                print("unchanged")
                return
    except FileNotFoundError:
        pass
    tmp = out + ".tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, out)
    print("changed")


if __name__ == "__main__":
    main(sys.argv)

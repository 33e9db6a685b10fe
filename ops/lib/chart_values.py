#!/usr/bin/env python3
"""chart_values.py CHARTS_DIR SERVICE...: for ops/check-charts, the service charts' values schemas
agree outside `env`, `identity` (membership's Keycloak admin client, notifications' sender) and
`mail` (notifications' SMTP server), and every key with a
value in the charts' values.yaml (the services' and assembly-suite's) is documented by a `# --`
comment (helm-docs). Prints the problems, exits 1 if any."""

import json
import re
import sys
root, services = sys.argv[1], sys.argv[2:]
# The keys a service chart may have of its own: its settings, membership's identity provisioner,
# notifications' sender client and mail server.
PARTICULAR = ("env", "identity", "mail")
problems = []

def without_env(svc):
    with open(f"{root}/{svc}/values.schema.json") as f:
        schema = json.load(f)
    for particular in PARTICULAR:
        schema["properties"].pop(particular, None)
    schema.pop("title", None)
    return schema

first = without_env(services[0])
for svc in services[1:]:
    if without_env(svc) != first:
        problems.append(f"charts/{svc}/values.schema.json differs from charts/{services[0]}'s outside {' and '.join(PARTICULAR)}")

# Every key with a value is documented: a comment block holding `# --` above it or above one
# of the maps holding it (helm-docs: such a comment documents the whole value). Entries of
# lists are not keys.
key_re = re.compile(r"^(\s*)([A-Za-z0-9_.-]+):(.*)$")
for chart in services + ["assembly-suite"]:
    path = f"{root}/{chart}/values.yaml"
    comments, list_indent, parents = [], None, []   # parents: (indent, documented)
    for n, line in enumerate(open(path), 1):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if not stripped:
            comments = []
            continue
        if stripped.startswith("#"):
            comments.append(stripped)
            continue
        if list_indent is not None and indent >= list_indent:
            continue
        list_indent = None
        if stripped.startswith("- "):
            list_indent = indent
            comments = []
            continue
        m = key_re.match(line.rstrip("\n"))
        if not m:
            problems.append(f"charts/{chart}/values.yaml:{n}: not understood: {stripped}")
            continue
        while parents and parents[-1][0] >= indent:
            parents.pop()
        documented = any(c.startswith("# --") for c in comments) or any(d for _, d in parents)
        comments = []
        value = m.group(3).strip()
        if value:
            if not documented:
                problems.append(f"charts/{chart}/values.yaml:{n}: `{m.group(2)}` has no `# --` comment")
        else:
            parents.append((indent, documented))
for p in problems:
    print(p)
sys.exit(1 if problems else 0)

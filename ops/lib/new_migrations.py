#!/usr/bin/env python3
"""Prints the schema migrations not yet shipped: those .squawk.toml does not exclude.

    new_migrations.py ROOT

One path a line, relative to ROOT. A shipped migration is never edited, so it is listed in
.squawk.toml's excluded_paths and only the others are linted (ops/lint squawk).
"""
import pathlib
import sys
import tomllib

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
excluded = set(tomllib.loads((root / ".squawk.toml").read_text()).get("excluded_paths", []))
for f in sorted(root.glob("services/*/migrations/*.sql")):
    rel = str(f.relative_to(root))
    if rel not in excluded:
        print(rel)

#!/usr/bin/env python3
"""Checks that the files the repository's text refers to exist.

    check_refs.py [ROOT]

Reads every tracked file (git ls-files) but data and lock files, and finds references to
repository files: Markdown links `[text](path)` (relative to the file, anchors dropped), and
paths written in code, comments and prose that start with a top-level folder of the repository
(`ops/lib/pg.sh`, `services/<svc>/README.md`) or name a Markdown file (`README.md`). A path with a placeholder (`<svc>`, `*`, `...`, `NNNN`) or a generated one
(`build/`, `var/`) is not checked. Exit status: 0 all exist, 1 missing ones listed.
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parents[2]).resolve()
files = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True,
                       check=True).stdout.split()
TOP = sorted({f.split("/")[0] for f in files if "/" in f} - {"data"})
SKIP_SUFFIX = {".json", ".csv", ".prom", ".lock", ".tsv", ".txt", ".sql", ".jar", ".png"}
LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")
PATH = re.compile(r"(?<![\w./$\\-])((?:%s)/[\w./-]*\w|[\w-]+\.md)\b(?!\\)" % "|".join(map(re.escape, TOP)))
PLACEHOLDER = re.compile(r"[<>*{}$]|\.\.\.|NNNN")

missing = []
for rel in files:
    path = ROOT / rel
    if (path.suffix in SKIP_SUFFIX or rel.startswith(("data/", "charts/ci/")) or not path.is_file()
            or path.name in (".gitignore", ".dockerignore")):  # patterns, not references
        continue
    try:
        text = path.read_text()
    except UnicodeDecodeError:
        continue
    for n, line in enumerate(text.splitlines(), 1):
        refs = [(m.group(1), True) for m in LINK.finditer(line)] if path.suffix == ".md" else []
        refs += [(m.group(1), False) for m in PATH.finditer(line)]
        for ref, relative in refs:
            if re.match(r"^[a-z]+:", ref) or PLACEHOLDER.search(ref):
                continue
            if ref.startswith(("build/", "var/")) or "/build/" in ref:
                continue
            candidates = [ROOT / ref] + [d / ref for d in path.parents if ROOT in d.parents or d == ROOT]
            if not relative and "/" not in ref:
                # a bare Markdown name: beside the file, in a folder above it, or in docs/
                candidates += [ROOT / "docs" / ref]
            if not any(c.exists() for c in candidates):
                missing.append(f"{rel}:{n}: {ref}")
if missing:
    print("references to files that do not exist:")
    print("\n".join("  " + m for m in missing))
    sys.exit(1)
print(f"every file reference exists ({len(files)} files read)")

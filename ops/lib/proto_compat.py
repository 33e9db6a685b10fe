#!/usr/bin/env python3
"""Checks that the event schemas of proto/ only changed in ways old readers and writers accept.

    proto_compat.py check  [--root DIR] [--lock FILE]   compare proto/ with the lock file
    proto_compat.py update [--root DIR] [--lock FILE]   write the lock file from proto/ (after check)

The lock file (proto/compat.lock.json) records every message of every package: its fields (name,
number, type, label, type name) and its reserved numbers and names. `check` compiles proto/ with
protoc and refuses, against the lock:
  - a message, or a field, that disappeared without its number (and name) being reserved;
  - a field whose number, type, label (repeated or not) or message/enum type changed;
  - a new field that reuses a reserved number or name;
  - a package or file that disappeared.
Adding messages and fields is allowed; `update` then records them (run it and commit the lock
with the .proto change; `check` also fails when the lock misses what proto/ holds, so the lock
never lags). This is the rule docs/events.md explains; the same as `buf breaking`'s WIRE_JSON set
for what this suite uses (proto3 messages and enums, no services).

Exit status: 0 compatible (or lock written), 1 incompatible changes (listed), 2 usage or protoc
error. Needs protoc and descriptor.proto (Debian's protobuf-compiler and libprotobuf-dev).
"""
import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

TOKEN = re.compile(r'\s*(?:(\{)|(\})|(:)|"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_.+-]+))')


def parse_text_format(text):
    """A protobuf text-format message as nested dicts of lists (enough for descriptors)."""
    pos, stack = 0, [{}]
    key = None
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            if text[pos:].strip() == "":
                break
            raise ValueError(f"unexpected text at {pos}: {text[pos:pos + 40]!r}")
        pos = m.end()
        if m.group(1):
            child = {}
            stack[-1].setdefault(key, []).append(child)
            stack.append(child)
            key = None
        elif m.group(2):
            stack.pop()
        elif m.group(3):
            continue
        elif key is None:
            key = m.group(5)
            if key is None:
                raise ValueError(f"a string where a field name was expected at {pos}")
        else:
            value = m.group(4) if m.group(4) is not None else m.group(5)
            stack[-1].setdefault(key, []).append(value)
            key = None
    return stack[0]


def one(d, k, default=""):
    return d.get(k, [default])[0]


def describe(root):
    proto_dir = root / "proto"
    files = sorted(str(p.relative_to(proto_dir)) for p in proto_dir.rglob("*.proto"))
    if not files:
        sys.exit(f"no .proto files under {proto_dir}")
    include = pathlib.Path("/usr/include")
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "set.pb"
        r = subprocess.run(["protoc", f"-I{proto_dir}", f"-I{include}", "--include_imports",
                            f"--descriptor_set_out={out}", *files], capture_output=True, text=True)
        if r.returncode:
            print(r.stderr, file=sys.stderr)
            sys.exit(2)
        r = subprocess.run(["protoc", f"-I{include}", "--decode=google.protobuf.FileDescriptorSet",
                            str(include / "google/protobuf/descriptor.proto")],
                           stdin=out.open("rb"), capture_output=True)
        if r.returncode:
            print(r.stderr.decode(), file=sys.stderr)
            sys.exit(2)
    tree = parse_text_format(r.stdout.decode())
    schema = {}
    for f in tree.get("file", []):
        package = one(f, "package")
        if not package.startswith("assembly."):
            continue

        def walk(msg, prefix, f=f):
            name = f"{prefix}.{one(msg, 'name')}"
            fields = {}
            for fld in msg.get("field", []):
                fields[one(fld, "name")] = {
                    "number": int(one(fld, "number")), "type": one(fld, "type"),
                    "label": one(fld, "label"), "type_name": one(fld, "type_name")}
            reserved = sorted(n for rr in msg.get("reserved_range", [])
                              for n in range(int(one(rr, "start")), int(one(rr, "end"))))
            schema[name] = {"file": one(f, "name"), "fields": fields, "reserved_numbers": reserved,
                            "reserved_names": sorted(msg.get("reserved_name", []))}
            for nested in msg.get("nested_type", []):
                walk(nested, name)

        for msg in f.get("message_type", []):
            walk(msg, package)
        for enum in f.get("enum_type", []):
            schema[f"{package}.{one(enum, 'name')}"] = {
                "file": one(f, "name"),
                "values": {one(v, "name"): int(one(v, "number")) for v in enum.get("value", [])}}
    return schema


def compare(old, new):
    problems = []
    for name, was in sorted(old.items()):
        now = new.get(name)
        if now is None:
            problems.append(f"{name}: removed (messages and enums stay; deprecate them instead)")
            continue
        if "values" in was:
            for v, n in was["values"].items():
                if now.get("values", {}).get(v) != n:
                    problems.append(f"{name}.{v}: enum value removed or renumbered (was {n})")
            continue
        for fname, f in sorted(was["fields"].items()):
            g = now["fields"].get(fname)
            if g is None:
                moved = [k for k, x in now["fields"].items() if x["number"] == f["number"]]
                if moved:
                    problems.append(f"{name}.{fname}: renamed to {moved[0]} (field {f['number']})")
                elif f["number"] not in now["reserved_numbers"] or fname not in now["reserved_names"]:
                    problems.append(f"{name}.{fname}: removed without `reserved {f['number']};` and "
                                    f"`reserved \"{fname}\";`")
                continue
            for attr in ("number", "type", "label", "type_name"):
                if f[attr] != g[attr]:
                    problems.append(f"{name}.{fname}: {attr} changed from {f[attr] or '-'} to "
                                    f"{g[attr] or '-'}")
        for fname, g in sorted(now["fields"].items()):
            if fname not in was["fields"]:
                if g["number"] in was["reserved_numbers"] or fname in was["reserved_names"]:
                    problems.append(f"{name}.{fname}: reuses a reserved number or name")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=["check", "update"])
    ap.add_argument("--root", default=str(pathlib.Path(__file__).resolve().parents[2]))
    ap.add_argument("--lock")
    args = ap.parse_args()
    root = pathlib.Path(args.root)
    lock = pathlib.Path(args.lock) if args.lock else root / "proto" / "compat.lock.json"
    new = describe(root)
    old = json.loads(lock.read_text()) if lock.exists() else {}
    problems = compare(old, new)
    if problems:
        print("incompatible event schema changes (docs/events.md):")
        for p in problems:
            print("  " + p)
        return 1
    if args.action == "update":
        lock.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n")
        print(f"{lock.name}: {len(new)} messages and enums recorded")
        return 0
    if new != old:
        added = sorted(set(new) - set(old)) or [n for n in new if new[n] != old.get(n)]
        print(f"proto/ has compatible changes the lock file does not record ({', '.join(added[:5])}"
              f"{'...' if len(added) > 5 else ''}): run `ops/lib/proto_compat.py update` and "
              "commit proto/compat.lock.json")
        return 1
    print(f"event schemas compatible with {lock.name} ({len(new)} messages and enums)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

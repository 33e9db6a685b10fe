#!/usr/bin/env python3
"""Checks that every place listing the suite's services agrees with services/services.txt.

    check_services.py [ROOT]

The build, the local stack and its topics read the manifest; the places below cannot, so they
are compared with it:
  - services/<name>/CMakeLists.txt exists for each service, and no other service directory;
  - the Dockerfile builds and strips each service, and has a target `FROM runtime AS <name>`;
  - charts/<name>/Chart.yaml for each (named so), the suite chart depends on each, its values
    (and those of charts/ci) have a section per service and topics.items lists every topic with
    its partitions; tests/charts/metrics-fixture has a <name>.prom for each;
  - every list of service names written out in the rules, dashboards, charts, tests and ops
    scripts ("a|b|c" alternations, quoted "a", "b" lists, absent(up{job="a"}) chains) names
    exactly the manifest's services.
Exit status: 0 all agree, 1 disagreements (listed), 2 unreadable manifest. Standard library only.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else __file__).resolve()
if ROOT.is_file():
    ROOT = ROOT.parents[2]

problems = []


def problem(where, what):
    problems.append(f"{where}: {what}")


def manifest():
    path = ROOT / "services" / "services.txt"
    rows = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) < 3 or not parts[1].isdigit() or not parts[2].isdigit():
            print(f"{path}: bad line {line!r} (name, port, partitions)", file=sys.stderr)
            sys.exit(2)
        rows.append((parts[0], int(parts[1]), int(parts[2])))
    return rows


ROWS = manifest()
NAMES = [r[0] for r in ROWS]
SET = set(NAMES)


def same(where, found, what):
    found = list(found)
    if set(found) != SET or len(found) != len(SET):
        missing = sorted(SET - set(found))
        extra = sorted(set(found) - SET)
        problem(where, f"{what}: missing {missing}, not in the manifest {extra}"
                if missing or extra else f"{what}: listed twice ({found})")


def check_service_dirs():
    dirs = sorted(p.parent.name for p in (ROOT / "services").glob("*/CMakeLists.txt"))
    same("services/", dirs, "service directories")


def check_dockerfile():
    text = (ROOT / "Dockerfile").read_text()
    m = re.search(r"--target ([a-z0-9 -]+?) \\", text)
    same("Dockerfile", m.group(1).split() if m else [], "cmake --build --target list")
    m = re.search(r"for svc in ([a-z0-9 -]+); do", text)
    same("Dockerfile", m.group(1).split() if m else [], "the strip loop")
    same("Dockerfile", re.findall(r"^FROM runtime AS ([a-z0-9-]+)", text, re.M), "runtime targets")


def check_charts():
    charts = ROOT / "charts"
    non_service = {"assembly-lib", "assembly-suite", "ci", "web"}  # web: the static site, not a service
    service_charts = sorted(p.name for p in charts.iterdir()
                            if p.is_dir() and p.name not in non_service)
    same("charts/", service_charts, "service charts")
    for name in NAMES:
        chart = charts / name / "Chart.yaml"
        if not chart.is_file():
            continue
        if not re.search(rf"^name: {re.escape(name)}\s*$", chart.read_text(), re.M):
            problem(str(chart.relative_to(ROOT)), f"name is not {name}")
    suite = (charts / "assembly-suite" / "Chart.yaml").read_text()
    deps = [d for d in re.findall(r"^\s*- name: ([a-z0-9-]+)", suite, re.M) if d != "assembly-lib"]
    same("charts/assembly-suite/Chart.yaml", deps, "dependencies")
    for ci in ("defaults.yaml", "all-options.yaml"):
        text = (charts / "ci" / ci).read_text()
        same(f"charts/ci/{ci}", [n for n in re.findall(r"^([a-z0-9-]+):", text, re.M) if n in SET
                                 or (ROOT / "services" / n).is_dir()], "per-service sections")
    fixtures = sorted(p.stem for p in (ROOT / "tests/charts/metrics-fixture").glob("*.prom"))
    same("tests/charts/metrics-fixture/", fixtures, "metrics fixtures")
    values = (charts / "assembly-suite" / "values.yaml").read_text()
    sections = [n for n in re.findall(r"^([a-z0-9-]+):", values, re.M) if n in SET]
    same("charts/assembly-suite/values.yaml", sections, "per-service sections")
    items = re.findall(r"- name: (assembly\.[a-z0-9.-]+)\s*\n\s*partitions: (\d+)", values)
    want = [(f"assembly.{n}.v1", str(p)) for n, _, p in ROWS]
    for line in (ROOT / "ops" / "topics.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, parts = line.split()[:2]
            want.append((name, parts))
    if items != want:
        problem("charts/assembly-suite/values.yaml",
                f"topics.items {items} differ from the manifest and ops/topics.txt {want}")


LISTED_IN = ["charts/assembly-suite/files", "charts/README.md", "tests", "ops", "tools", "README.md",
             "Dockerfile"]
ALTERNATION = re.compile(r"[a-z][a-z0-9-]*(?:\|[a-z][a-z0-9-]*)+")
QUOTED = re.compile(r"""(["'])[a-z][a-z0-9-]*\1(?:\s*,\s*(["'])[a-z][a-z0-9-]*\2)+""")
ABSENT = re.compile(r"""absent\(up\{job=\\?"([a-z0-9-]+)\\?"\}\)""")


def files_to_scan():
    for rel in LISTED_IN:
        p = ROOT / rel
        if p.is_file():
            yield p
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if (f.is_file() and "node_modules" not in f.parts and f.name != "check_services.py"
                        and f.suffix not in {".jar", ".png"}):
                    yield f


def check_written_lists():
    for f in files_to_scan():
        try:
            text = f.read_text()
        except UnicodeDecodeError:
            continue
        rel = str(f.relative_to(ROOT))
        for n, line in enumerate(text.splitlines(), 1):
            lists = [m.group(0).split("|") for m in ALTERNATION.finditer(line)]
            lists += [re.findall(r"[a-z][a-z0-9-]*", m.group(0)) for m in QUOTED.finditer(line)]
            for items in lists:
                if len(SET.intersection(items)) >= 2:
                    same(f"{rel}:{n}", items, "list of services")
        chain = ABSENT.findall(text)
        if chain:
            same(rel, chain, "absent(up{job=...}) chain")


check_service_dirs()
check_dockerfile()
check_charts()
check_written_lists()
if problems:
    print("the places listing the services disagree with services/services.txt:")
    for p in problems:
        print("  " + p)
    sys.exit(1)
print(f"services/services.txt: {len(NAMES)} services, every place agrees")

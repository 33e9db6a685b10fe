#!/usr/bin/env python3
"""Structure checks of the observability files (Python 3 standard library only).

    obs_files.py dashboards [--require-var FILE=NAME]... DASHBOARD.json...
        Each dashboard is JSON with a uid (unique among them), a title, a schemaVersion, a
        `datasource` variable of type datasource (Prometheus), panels with an id (unique), a
        gridPos within 24 columns and, for every panel with queries, the ${datasource} data
        source and a non-empty PromQL expr per target; every $variable an expr uses is defined
        (or one of Grafana's $__ variables). --require-var participation.json=assembly: that
        dashboard must have that variable.

    obs_files.py runbook RULES.yaml MARKDOWN...
        Every runbook_url of the rules file is ops/README.md#anchor, and the anchor is a heading
        of one of the markdown files (GitHub's anchors: lower case, punctuation dropped, spaces
        to hyphens).

    obs_files.py promql-rules DASHBOARD.json... > rules.yaml
        A rules file with every dashboard expr as a recording rule (Grafana variables replaced
        by sample values), for `promtool check rules` to parse the dashboards' PromQL.

Prints the problems and exits 1 if any, 0 otherwise.
"""
import json
import os
import re
import sys

GRAFANA_VAR = re.compile(r"\$\{([A-Za-z0-9_]+)(?::[^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)|\[\[([A-Za-z0-9_]+)\]\]")
UID = re.compile(r"[A-Za-z0-9_-]{1,40}")


def _panels(panels):
    for p in panels or []:
        yield p
        yield from _panels(p.get("panels"))


def _exprs(dash):
    for p in _panels(dash.get("panels")):
        for t in p.get("targets") or []:
            yield p, t, t.get("expr")


def _var_query(v):
    q = v.get("query")
    return q.get("query") if isinstance(q, dict) else q


def check_dashboards(paths, required):
    problems = []
    uids = {}
    for path in paths:
        name = os.path.basename(path)

        def bad(msg, path=path):
            problems.append("%s: %s" % (path, msg))

        try:
            with open(path, encoding="utf-8") as f:
                dash = json.load(f)
        except (OSError, ValueError) as e:
            bad("not JSON: %s" % e)
            continue
        if not isinstance(dash, dict):
            bad("not a dashboard object")
            continue
        uid = dash.get("uid")
        if not isinstance(uid, str) or not UID.fullmatch(uid):
            bad("uid missing or not 1-40 letters, digits, - or _: %r" % uid)
        elif uid in uids:
            bad("uid %r already used by %s" % (uid, uids[uid]))
        else:
            uids[uid] = path
        if not isinstance(dash.get("title"), str) or not dash["title"].strip():
            bad("no title")
        if not isinstance(dash.get("schemaVersion"), int) or dash["schemaVersion"] < 36:
            bad("schemaVersion missing or below 36: %r" % dash.get("schemaVersion"))
        variables = (dash.get("templating") or {}).get("list")
        if not isinstance(variables, list):
            bad("no templating.list")
            variables = []
        defined = {v.get("name") for v in variables}
        ds = [v for v in variables if v.get("name") == "datasource"]
        if not ds or ds[0].get("type") != "datasource" or ds[0].get("query") != "prometheus":
            bad("no `datasource` variable of type datasource with query prometheus")
        for v in variables:
            if v.get("type") == "query":
                if (v.get("datasource") or {}).get("uid") != "${datasource}":
                    bad("variable %s does not query ${datasource}" % v.get("name"))
                if not isinstance(_var_query(v), str) or not _var_query(v).strip():
                    bad("variable %s has no query" % v.get("name"))
        for req in required.get(name, []):
            if req not in defined:
                bad("no `%s` variable" % req)
        panels = list(_panels(dash.get("panels")))
        if not panels:
            bad("no panels")
        ids = set()
        for p in panels:
            title = p.get("title") or "?"
            pid = p.get("id")
            if not isinstance(pid, int) or pid in ids:
                bad("panel %r: id missing or repeated: %r" % (title, pid))
            ids.add(pid)
            g = p.get("gridPos") or {}
            if not all(isinstance(g.get(k), int) for k in ("h", "w", "x", "y")) or g["x"] + g["w"] > 24:
                bad("panel %r: gridPos missing or wider than 24 columns: %r" % (title, g))
            if p.get("type") == "row":
                continue
            if not p.get("title"):
                bad("panel %s has no title" % pid)
            targets = p.get("targets") or []
            if not targets:
                bad("panel %r has no query" % title)
                continue
            if (p.get("datasource") or {}).get("uid") != "${datasource}":
                bad("panel %r: data source is not ${datasource}" % title)
            refs = set()
            for t in targets:
                if t.get("refId") in refs:
                    bad("panel %r: refId %r repeated" % (title, t.get("refId")))
                refs.add(t.get("refId"))
                if (t.get("datasource") or {}).get("uid", "${datasource}") != "${datasource}":
                    bad("panel %r target %s: data source is not ${datasource}" % (title, t.get("refId")))
                if not isinstance(t.get("expr"), str) or not t["expr"].strip():
                    bad("panel %r target %s: no expr" % (title, t.get("refId")))
        texts = [e for _, _, e in _exprs(dash) if isinstance(e, str)]
        texts += [_var_query(v) for v in variables if isinstance(_var_query(v), str)]
        for text in texts:
            for m in GRAFANA_VAR.finditer(text):
                var = m.group(1) or m.group(2) or m.group(3)
                if not var.startswith("__") and var not in defined:
                    bad("$%s used but not defined: %s" % (var, " ".join(text.split())))
    return problems


def github_anchor(heading):
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def check_runbook(rules_path, markdown_paths):
    problems = []
    anchors = set()
    for md in markdown_paths:
        if not os.path.exists(md):
            continue
        with open(md, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
                if m:
                    anchors.add(github_anchor(m.group(1)))
                for a in re.findall(r'<a\s+(?:id|name)="([^"]+)"', line):
                    anchors.add(a)
    with open(rules_path, encoding="utf-8") as f:
        text = f.read()
    alerts = re.findall(r"^\s*-\s*alert:\s*(\S+)", text, re.M)
    urls = re.findall(r"^\s*runbook_url:\s*['\"]?([^'\"\s]+)", text, re.M)
    if len(urls) != len(alerts):
        problems.append("%s: %d alerts but %d runbook_url annotations" % (rules_path, len(alerts), len(urls)))
    for url in urls:
        m = re.fullmatch(r"ops/README\.md#([\w-]+)", url)
        if not m:
            problems.append("%s: runbook_url %s is not ops/README.md#anchor" % (rules_path, url))
        elif m.group(1) not in anchors:
            problems.append("%s: runbook_url %s: no heading with that anchor in %s"
                            % (rules_path, url, ", ".join(markdown_paths)))
    return problems


def promql_rules(paths):
    samples = {"__rate_interval": "5m", "__interval": "1m", "__range": "1h"}
    out = ["groups:"]
    n = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            dash = json.load(f)
        out += ["  - name: %s" % json.dumps(os.path.basename(path)), "    rules:"]
        texts = [e for _, _, e in _exprs(dash) if isinstance(e, str)]
        for v in (dash.get("templating") or {}).get("list") or []:
            q = _var_query(v) if v.get("type") == "query" else None
            m = re.fullmatch(r"\s*label_values\((.*),\s*\w+\s*\)\s*", q or "", re.S)
            if m:
                texts.append(m.group(1))
        for text in texts:
            n += 1
            expr = GRAFANA_VAR.sub(lambda m: samples.get(m.group(1) or m.group(2) or m.group(3), "sample"), text)
            out += ["      - record: dashboard:expr_%d  # %s" % (n, os.path.basename(path)), "        expr: %s" % json.dumps(expr)]
    return "\n".join(out) + "\n"


def main(argv):
    if not argv or argv[0] not in ("dashboards", "runbook", "promql-rules"):
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "promql-rules":
        sys.stdout.write(promql_rules(args))
        return 0
    if cmd == "dashboards":
        required = {}
        paths = []
        while args:
            a = args.pop(0)
            if a == "--require-var":
                file_name, var = args.pop(0).split("=", 1)
                required.setdefault(file_name, []).append(var)
            else:
                paths.append(a)
        problems = check_dashboards(paths, required)
        what = "%d dashboards" % len(paths)
    else:
        problems = check_runbook(args[0], args[1:])
        what = "runbook anchors of %s" % args[0]
    for p in problems:
        print(p)
    if problems:
        print("obs_files: %d problem(s) in the %s" % (len(problems), what))
        return 1
    print("obs_files: %s ok" % what)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

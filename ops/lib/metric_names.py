#!/usr/bin/env python3
"""Checks that every metric a Prometheus rules file or a Grafana dashboard names is exposed.

    metric_names.py [--rules FILE]... [--dashboard FILE]... [--expr PROMQL]...
                    (--metrics-url URL | --metrics-file FILE)... [--known-absent FILE] [-v]

The metric names come from the PromQL of the rules file (every `expr:`) and of the dashboards
(every target's `expr` and every query variable). They are the identifiers in a metric
position: not functions, aggregation operators, keywords, label names (inside `{}`, in
by/without/on/ignoring/group_left/group_right lists), numbers, durations or Grafana variables.
A selector `{__name__=~"re"}` must match at least one exposed name (the regular expression
is anchored, as Prometheus does); `{__name__="x"}` names x. The recording rules of the rules
file are allowed, and so are the series Prometheus makes itself (up, ALERTS, scrape_*).
Unknown function names are reported too (a typo in a function is no metric either).

The exposed names come from Prometheus text expositions (/metrics URLs or saved files): sample
lines, and `# TYPE` lines (a histogram family x exposes x_bucket, x_sum and x_count, not x).
Names are compared exactly: x_total, x_bucket, x_sum and x_count must be exposed as such.
--known-absent FILE lists names (one a line, # comments) that count as exposed although absent:
families the code registers whose series appear at their first event only.

Exit status: 0 all names exposed, 1 problems found (listed), 2 bad input (unreadable file or
URL, a rules file this reader does not understand). Python 3 standard library only.
"""
import argparse
import json
import re
import sys
import urllib.error
import urllib.request

AGGREGATIONS = {
    "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
    "bottomk", "topk", "quantile", "limitk", "limit_ratio",
}
FUNCTIONS = {
    "abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan", "atanh",
    "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh",
    "count_over_time", "day_of_month", "day_of_week", "day_of_year", "days_in_month", "deg",
    "delta", "deriv", "double_exponential_smoothing", "exp", "floor", "histogram_avg",
    "histogram_count", "histogram_fraction", "histogram_quantile", "histogram_stddev",
    "histogram_stdvar", "histogram_sum", "holt_winters", "hour", "idelta", "increase", "info",
    "irate", "label_join", "label_replace", "last_over_time", "ln", "log10", "log2",
    "mad_over_time", "max_over_time", "min_over_time", "minute", "month", "pi",
    "predict_linear", "present_over_time", "quantile_over_time", "rad", "rate", "resets",
    "round", "scalar", "sgn", "sin", "sinh", "sort", "sort_by_label", "sort_by_label_desc",
    "sort_desc", "sqrt", "stddev_over_time", "stdvar_over_time", "sum_over_time", "tan", "tanh",
    "time", "timestamp", "vector", "year",
    "start", "end",  # the @ modifier's start() and end()
}
LABEL_LIST_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right"}
KEYWORDS = {"and", "or", "unless", "bool", "offset", "atan2", "inf", "nan"}
# Series Prometheus writes itself (scrapes and rule evaluation), never in an exposition.
SYNTHETIC = {
    "up", "scrape_duration_seconds", "scrape_samples_scraped",
    "scrape_samples_post_metric_relabeling", "scrape_series_added", "ALERTS", "ALERTS_FOR_STATE",
}
GRAFANA_VAR = re.compile(r"\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\[\[[A-Za-z_][A-Za-z0-9_]*\]\]")
IDENT_CHAR = re.compile(r"[A-Za-z0-9_:]")


class PromQLError(Exception):
    pass


class Uses:
    """What one expression names: metric names, __name__ regexes, unknown functions."""

    def __init__(self):
        self.names = set()
        self.regexes = set()
        self.functions = set()


def _read_string(text, i):
    """The string literal starting at text[i] (a quote); returns (value, index after it)."""
    quote = text[i]
    j = i + 1
    out = []
    while j < len(text):
        c = text[j]
        if c == "\\" and quote != "`" and j + 1 < len(text):
            nxt = text[j + 1]
            out.append({"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'"}.get(nxt, "\\" + nxt))
            j += 2
            continue
        if c == quote:
            return "".join(out), j + 1
        out.append(c)
        j += 1
    raise PromQLError("unterminated string")


def _skip_space(text, i):
    while i < len(text):
        if text[i].isspace():
            i += 1
        elif text[i] == "#":
            while i < len(text) and text[i] != "\n":
                i += 1
        else:
            break
    return i


def _read_word(text, i):
    """An identifier run, Grafana variables included ($x, ${x}, [[x]]); returns (word, end)."""
    j = i
    while j < len(text):
        m = GRAFANA_VAR.match(text, j)
        if m and (text[j] == "$" or j > i):
            j = m.end()
        elif IDENT_CHAR.match(text[j]):
            j += 1
        else:
            break
    return text[i:j], j


def _read_matchers(text, i, uses):
    """The label matchers from text[i] == '{' to its '}'; notes the __name__ ones."""
    j = i + 1
    while True:
        j = _skip_space(text, j)
        if j >= len(text):
            raise PromQLError("unclosed {")
        if text[j] == "}":
            return j + 1
        if text[j] == ",":
            j += 1
            continue
        m = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*").match(text, j)
        if not m:
            raise PromQLError("bad label matcher at: " + text[j:j + 30])
        label, op = m.group(1), m.group(2)
        j = m.end()
        if j >= len(text) or text[j] not in "\"'`":
            raise PromQLError("label value of %s is not a string" % label)
        value, j = _read_string(text, j)
        if label == "__name__":
            if op == "=":
                if GRAFANA_VAR.search(value):
                    uses.regexes.add(_regex_of_template(re.escape(value)))
                else:
                    uses.names.add(value)
            elif op == "=~":
                uses.regexes.add(value)


def _regex_of_template(pattern):
    r"""A regex where Grafana variables (escaped by re.escape or not) stand for '.+'."""
    pattern = re.sub(r"\\\$\\\{[^}]*\\\}|\\\$[A-Za-z_][A-Za-z0-9_]*|\\\[\\\[[A-Za-z0-9_]+\\\]\\\]", ".+", pattern)
    return GRAFANA_VAR.sub(".+", pattern)


def _skip_brackets(text, i, open_c, close_c):
    depth = 0
    j = i
    while j < len(text):
        c = text[j]
        if c in "\"'`":
            _, j = _read_string(text, j)
            continue
        if c == open_c:
            depth += 1
        elif c == close_c:
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise PromQLError("unclosed " + open_c)


def promql_uses(expr):
    """The metric names, __name__ regexes and unknown functions an expression uses."""
    uses = Uses()
    text = expr
    i = 0
    depth = 0
    while True:
        i = _skip_space(text, i)
        if i >= len(text):
            break
        c = text[i]
        if c in "\"'`":
            _, i = _read_string(text, i)
        elif c == "{":
            i = _read_matchers(text, i, uses)
        elif c == "[":
            i = _skip_brackets(text, i, "[", "]")
        elif c.isdigit() or (c == "." and i + 1 < len(text) and text[i + 1].isdigit()):
            while i < len(text) and re.match(r"[0-9A-Za-z_.]", text[i]):
                i += 1
        elif c == "(":
            depth += 1
            i += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                raise PromQLError("unbalanced )")
            i += 1
        elif c == "$" or c.isalpha() or c == "_" or c == ":":
            word, end = _read_word(text, i)
            if not word:
                raise PromQLError("unexpected character " + repr(c))
            nxt = _skip_space(text, end)
            next_c = text[nxt] if nxt < len(text) else ""
            templated = bool(GRAFANA_VAR.search(word))
            lower = word.lower()
            if templated and GRAFANA_VAR.fullmatch(word):
                i = end  # a variable alone: a number, a duration, a label value
                continue
            if lower in LABEL_LIST_KEYWORDS:
                i = _skip_brackets(text, nxt, "(", ")") if next_c == "(" else end
                continue
            if lower in KEYWORDS:
                i = end
                continue
            if word in AGGREGATIONS:
                following, _ = _read_word(text, nxt)
                if next_c == "(" or following in ("by", "without"):
                    i = end
                    continue
            if next_c == "(" and not templated:
                if word not in FUNCTIONS and word not in AGGREGATIONS:
                    uses.functions.add(word)
                i = end
                continue
            if templated:
                uses.regexes.add(_regex_of_template(re.escape(word)))
            else:
                uses.names.add(word)
            i = end
        elif c in "+-*/%^=!<>,@~":
            i += 1
        else:
            raise PromQLError("unexpected character " + repr(c))
    if depth != 0:
        raise PromQLError("unbalanced (")
    return uses


def grafana_query_exprs(query):
    """The PromQL of a Grafana Prometheus variable query (label_values, query_result, ...)."""
    q = query.strip()
    m = re.fullmatch(r"label_values\((.*),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)", q, re.S)
    if m:
        return [m.group(1)]
    if re.fullmatch(r"label_values\(\s*[A-Za-z_][A-Za-z0-9_]*\s*\)", q):
        return []  # a label name only
    m = re.fullmatch(r"query_result\((.*)\)", q, re.S)
    if m:
        return [m.group(1)]
    m = re.fullmatch(r"metrics\((.*)\)", q, re.S)
    if m:
        return ['{__name__=~"%s"}' % m.group(1).strip().replace('"', '\\"')]
    if re.fullmatch(r"label_names\(.*\)", q, re.S):
        return []
    return [q]


# ---- the rules file: the part of YAML that a Prometheus rules file uses ------------------------

def _yaml_scalar(value, where):
    value = value.strip()
    if value.startswith('"'):
        try:
            parsed, end = json.JSONDecoder().raw_decode(value)
        except ValueError:
            raise ValueError("%s: a double-quoted value this reader does not understand" % where) from None
        rest = value[end:].strip()
        if rest and not rest.startswith("#"):
            raise ValueError("%s: text after the quoted value" % where)
        return parsed
    if value.startswith("'"):
        m = re.fullmatch(r"'((?:[^']|'')*)'\s*(#.*)?", value)
        if not m:
            raise ValueError("%s: a single-quoted value this reader does not understand" % where)
        return m.group(1).replace("''", "'")
    return re.sub(r"\s+#.*$", "", value)


def read_rules(path):
    """[(kind, name, expr)] of a Prometheus rules file, kind 'record' or 'alert'.

    Understands plain, quoted and block (| >) scalars for expr; refuses what it cannot read
    (multi-line plain or quoted scalars) rather than miss an expression.
    """
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    key_re = re.compile(r"^(\s*)(-\s+)?(record|alert|expr):(\s.*|)$")
    rules = []
    current = None
    exprs_seen = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        m = key_re.match(line)
        if not m:
            i += 1
            continue
        key_col = len(m.group(1)) + len(m.group(2) or "")
        key, value = m.group(3), m.group(4).strip()
        where = "%s:%d" % (path, i + 1)
        if key in ("record", "alert"):
            current = [key, _yaml_scalar(value, where), None]
            rules.append(current)
            i += 1
            continue
        # expr
        exprs_seen += 1
        if current is None or current[2] is not None:
            raise ValueError("%s: expr without its record or alert" % where)
        block = re.fullmatch(r"([|>])([-+]?[0-9]?|[0-9][-+]?)\s*(#.*)?", value)
        if block:
            body = []
            j = i + 1
            while j < len(lines) and (lines[j].strip() == "" or len(lines[j]) - len(lines[j].lstrip()) > key_col):
                body.append(lines[j])
                j += 1
            indent = min((len(b) - len(b.lstrip()) for b in body if b.strip()), default=0)
            text = "\n".join(b[indent:] for b in body).strip("\n")
            if block.group(1) == ">":
                text = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
            current[2] = text
            i = j
            continue
        if not value:
            raise ValueError("%s: an empty expr, or one on the next lines as a plain scalar: "
                             "write multi-line expressions as block scalars (expr: |)" % where)
        j = i + 1
        if j < len(lines) and lines[j].strip() and len(lines[j]) - len(lines[j].lstrip()) > key_col \
                and not lines[j].lstrip().startswith("#"):
            raise ValueError("%s: a multi-line plain or quoted expr; write it as a block scalar (expr: |)" % where)
        current[2] = _yaml_scalar(value, where)
        i += 1
    missing = [r[1] for r in rules if r[2] is None]
    if missing or exprs_seen != len(rules):
        raise ValueError("%s: rules without an expr: %s" % (path, ", ".join(missing) or "?"))
    return [tuple(r) for r in rules]


# ---- dashboards ----------------------------------------------------------------------------------

def dashboard_exprs(path):
    """[(where, expr)] of a Grafana dashboard: targets' expr and query variables."""
    with open(path, encoding="utf-8") as f:
        dash = json.load(f)
    out = []

    def walk_panels(panels):
        for p in panels or []:
            title = p.get("title") or "panel %s" % p.get("id")
            for t in p.get("targets") or []:
                if isinstance(t.get("expr"), str) and t["expr"].strip():
                    out.append(("panel %r, target %s" % (title, t.get("refId", "?")), t["expr"]))
            walk_panels(p.get("panels"))

    walk_panels(dash.get("panels"))
    for v in (dash.get("templating") or {}).get("list") or []:
        if v.get("type") != "query":
            continue
        q = v.get("query")
        if isinstance(q, dict):
            q = q.get("query")
        if isinstance(q, str) and q.strip():
            for e in grafana_query_exprs(q):
                out.append(("variable %s" % v.get("name"), e))
    for a in (dash.get("annotations") or {}).get("list") or []:
        if isinstance(a.get("expr"), str) and a["expr"].strip():
            out.append(("annotation %r" % a.get("name"), a["expr"]))
    return out


# ---- expositions ---------------------------------------------------------------------------------

TYPE_SUFFIXES = {
    "histogram": ("_bucket", "_sum", "_count"),
    "gaugehistogram": ("_bucket", "_gsum", "_gcount"),
    "summary": ("", "_sum", "_count"),
}


def exposed_names(text):
    """The series names a Prometheus text exposition exposes."""
    names = set()
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            parts = line.split()
            if len(parts) >= 4 and parts[1] == "TYPE":
                family, kind = parts[2], parts[3].lower()
                for suffix in TYPE_SUFFIXES.get(kind, ("",)):
                    names.add(family + suffix)
            continue
        m = re.match(r"([A-Za-z_:][A-Za-z0-9_:]*)\s*(\{|\s)", line)
        if m:
            names.add(m.group(1))
    return names


def read_exposition(source, is_url):
    if not is_url:
        with open(source, encoding="utf-8") as f:
            return f.read()
    try:
        with urllib.request.urlopen(source, timeout=10) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as e:
        raise OSError("cannot read %s: %s" % (source, getattr(e, "reason", e))) from e


def read_known_absent(path):
    names = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                names.add(line)
    return names


# ---- the check -----------------------------------------------------------------------------------

def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", action="append", default=[], help="a Prometheus rules file")
    ap.add_argument("--dashboard", action="append", default=[], help="a Grafana dashboard (JSON)")
    ap.add_argument("--expr", action="append", default=[], help="a PromQL expression")
    ap.add_argument("--metrics-url", action="append", default=[], help="a /metrics URL")
    ap.add_argument("--metrics-file", action="append", default=[], help="a saved exposition")
    ap.add_argument("--known-absent", action="append", default=[],
                    help="a file of names that count as exposed though absent")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    if not (args.metrics_url or args.metrics_file):
        ap.error("give at least one --metrics-url or --metrics-file")

    exprs = []          # (file, where, expr)
    recorded = set()
    try:
        for path in args.rules:
            for kind, name, expr in read_rules(path):
                if kind == "record":
                    recorded.add(name)
                exprs.append((path, "%s %s" % (kind, name), expr))
        for path in args.dashboard:
            exprs.extend((path, where, e) for where, e in dashboard_exprs(path))
        exprs.extend(("--expr", "expression %d" % (n + 1), e) for n, e in enumerate(args.expr))
        exposed = set()
        for source, is_url in [(u, True) for u in args.metrics_url] + [(f, False) for f in args.metrics_file]:
            names = exposed_names(read_exposition(source, is_url))
            if args.verbose:
                print("%s: %d names" % (source, len(names)))
            exposed |= names
        known_absent = set()
        for path in args.known_absent:
            known_absent |= read_known_absent(path)
    except (OSError, ValueError) as e:
        print("metric_names: %s" % e, file=sys.stderr)
        return 2

    allowed = exposed | recorded | SYNTHETIC
    accepted_absent = set()
    problems = []
    checked = set()
    for path, where, expr in exprs:
        try:
            uses = promql_uses(expr)
        except PromQLError as e:
            problems.append("%s: %s: cannot read the PromQL (%s): %s" % (path, where, e, " ".join(expr.split())))
            continue
        for fn in sorted(uses.functions):
            problems.append("%s: %s: unknown function %s()" % (path, where, fn))
        for name in sorted(uses.names):
            checked.add(name)
            if name in allowed:
                continue
            if name in known_absent:
                accepted_absent.add(name)
                continue
            problems.append("%s: %s: metric %s is not exposed" % (path, where, name))
        for regex in sorted(uses.regexes):
            try:
                rx = re.compile(regex)
            except re.error as e:
                problems.append("%s: %s: bad __name__ regex %r: %s" % (path, where, regex, e))
                continue
            matched = {n for n in allowed if rx.fullmatch(n)}
            if not matched:
                matched_absent = {n for n in known_absent if rx.fullmatch(n)}
                if matched_absent:
                    accepted_absent |= matched_absent
                    continue
                problems.append("%s: %s: __name__=~%r matches no exposed metric" % (path, where, regex))
            checked.add("{__name__=~%r}" % regex)
            if args.verbose:
                print("%s: %s: __name__=~%r matches %s" % (path, where, regex, ", ".join(sorted(matched))))

    if accepted_absent:
        print("accepted without samples (--known-absent): " + ", ".join(sorted(accepted_absent)))
    if problems:
        for p in problems:
            print(p)
        print("metric_names: %d problem(s) in %d expressions" % (len(problems), len(exprs)))
        return 1
    print("metric_names: %d expressions, %d metric names and regexes, all exposed"
          % (len(exprs), len(checked)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

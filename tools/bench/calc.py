#!/usr/bin/env python3
"""Small calculators of the benchmark scripts (ops/bench, ops/bench-import), one per subcommand:

  rate N START END         N / (END - START), as an integer (events per second)
  pct A B                  100 A / B, rounded to 0.1
  div A B [DIGITS]         A / B, rounded to DIGITS (to an integer without DIGITS)
  sub A B DIGITS           A - B, rounded to DIGITS
  verdict A LIMIT          "met" when A <= LIMIT, else "**missed**"
  ticks-delta BEFORE AFTER CLK
                           CPU seconds of processes between two "pid ticks" listings (a pid
                           absent from BEFORE counts from zero), rounded to 0.01
  candidates N             a JSON list of N panel candidates {"person_id": "p<i>"}
  json-get KEY...          the value at KEY... of the JSON on stdin (list indexes as numbers)
  json-ids                 the ids of the JSON's items on stdin, space-separated
  json-count-is N          exit status 0 when the JSON on stdin has N items

Numbers are read as Python literals are (an integer stays an integer), so the output is what
`python3 -c "print(...)"` gave with the same numbers.
"""

import json
import re
import sys


def number(text):
    text = text.strip()
    return int(text) if re.fullmatch(r"[+-]?\d+", text) else float(text)


def rate(n, start, end):
    return int(number(n) / (number(end) - number(start)))


def pct(a, b):
    return round(100.0 * number(a) / number(b), 1)


def div(a, b, digits=None):
    q = number(a) / number(b)
    return round(q) if digits is None else round(q, int(digits))


def sub(a, b, digits):
    return round(number(a) - number(b), int(digits))


def verdict(a, limit):
    return "met" if number(a) <= number(limit) else "**missed**"


def ticks_delta(before, after, clk):
    b = dict(line.split() for line in before.splitlines() if line.strip())
    a = dict(line.split() for line in after.splitlines() if line.strip())
    return round(sum(int(t) - int(b.get(p, 0)) for p, t in a.items()) / int(clk), 2)


def candidates(n):
    return json.dumps([{"person_id": "p%d" % i} for i in range(int(n))])


def json_get(doc, keys):
    for k in keys:
        doc = doc[int(k)] if isinstance(doc, list) else doc[k]
    return doc


def main(argv, stdin=sys.stdin):
    if not argv:
        sys.exit(__doc__)
    cmd, args = argv[0], argv[1:]
    simple = {"rate": rate, "pct": pct, "div": div, "sub": sub, "verdict": verdict, "ticks-delta": ticks_delta,
              "candidates": candidates}
    if cmd in simple:
        print(simple[cmd](*args))
    elif cmd == "json-get":
        print(json_get(json.load(stdin), args))
    elif cmd == "json-ids":
        print(" ".join(m["id"] for m in json.load(stdin)["items"]))
    elif cmd == "json-count-is":
        sys.exit(len(json.load(stdin)["items"]) != int(args[0]))
    else:
        sys.exit(f"calc.py: unknown subcommand {cmd}\n{__doc__}")


if __name__ == "__main__":
    main(sys.argv[1:])

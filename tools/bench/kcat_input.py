#!/usr/bin/env python3
"""kcat_input.py N SIZE PATH: the input of `kcat -P -K '\\t'` for ops/bench: N keyed messages
("draw-<i>", a tab, SIZE times "x"), one a line, written to PATH."""

import sys
n, size, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with open(path, "w") as f:
    for i in range(n):
        key = "draw-%d" % i
        f.write(key + "\t" + ("x" * size) + "\n")

#!/usr/bin/env python3
"""ctest sortition_verify_cli: runs sortition-verify on a small generated pool snapshot and
checks it against an independent implementation of invite-v1 written here from the README, plus
its exit codes (0 match, 1 mismatch, 2 bad usage or input).

    verify_cli_test.py PATH/TO/sortition-verify
"""
import hashlib
import os
import subprocess
import sys
import tempfile


def sample_positions(seed, tag, n, k):
    moved, out, counter = {}, [], 0
    for i in range(k):
        m = n - i
        limit = 2**64 - (2**64 % m)
        while True:
            digest = hashlib.sha256(f"{seed}:{tag}:{counter}".encode()).digest()
            counter += 1
            v = int.from_bytes(digest[:8], "big")
            if v < limit:
                break
        j = i + v % m
        at_i, at_j = moved.get(i, i), moved.get(j, j)
        out.append(at_j)
        moved[j] = at_i
    return out


def allocate(sizes, k):
    n = sum(sizes)
    seats = [k * s // n for s in sizes]
    order = sorted(range(len(sizes)), key=lambda s: (-(k * sizes[s] % n), s))
    for s in order[: k - sum(seats)]:
        seats[s] += 1
    return seats


def draw(rows, seed, k, column=None):
    if column is None:
        return [rows[p][0] for p in sample_positions(seed, "all", len(rows), k)]
    index = ["person_id", "sex", "birth_year", "arrondissement"].index(column)
    values = sorted({r[index] for r in rows}, key=lambda v: v.encode())
    members = {v: [r for r in rows if r[index] == v] for v in values}
    seats = allocate([len(members[v]) for v in values], k)
    ids = []
    for v, s in zip(values, seats):
        ids += [members[v][q][0] for q in sample_positions(seed, "stratum:" + v, len(members[v]), s)]
    return ids


def result_hash(ids):
    return hashlib.sha256("".join(i + "\n" for i in ids).encode()).hexdigest()


def run(tool, *args):
    p = subprocess.run([tool, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def main():
    tool = sys.argv[1]
    failures = []

    def check(cond, what):
        if not cond:
            failures.append(what)
            print("FAIL:", what, file=sys.stderr)

    rows = []
    for p in range(300):
        rows.append((f"p{p * 7919 % 1000003:07d}", "FM"[p * 13 % 7 < 4],
                     str(1930 + p * 37 % 75), f"{1 + p * 11 % 20:02d}"))
    text = "person_id,sex,birth_year,arrondissement\n" + "".join(",".join(r) + "\n" for r in rows)
    with tempfile.TemporaryDirectory() as tmp:
        snap = os.path.join(tmp, "pool.csv")
        with open(snap, "w", newline="\n") as f:
            f.write(text)
        snap_hash = hashlib.sha256(text.encode()).hexdigest()

        for column in (None, "sex", "arrondissement", "birth_year"):
            ids = draw(rows, "public-seed-2022", 25, column)
            expected = f"snapshot_sha256={snap_hash}\n" + "".join(i + "\n" for i in ids) + \
                f"result_sha256={result_hash(ids)}\n"
            args = ["--snapshot", snap, "--seed", "public-seed-2022", "--count", "25",
                    "--expect-snapshot-hash", snap_hash, "--expect-result-hash", result_hash(ids)]
            if column:
                args += ["--stratify-by", column]
            code, out, err = run(tool, *args)
            check(code == 0, f"{column}: exit {code}: {err}")
            check(out == expected, f"{column}: output differs from the reference:\n{out}\nvs\n{expected}")

        code, out, err = run(tool, "--snapshot", snap, "--seed", "public-seed-2022", "--count", "25",
                             "--expect-result-hash", "0" * 64)
        check(code == 1 and "MISMATCH" in err, f"wrong result hash: exit {code}: {err}")
        code, out, err = run(tool, "--snapshot", snap, "--seed", "s", "--count", "3",
                             "--expect-snapshot-hash", "f" * 64)
        check(code == 1 and "snapshot" in err, f"wrong snapshot hash: exit {code}: {err}")

        bad = os.path.join(tmp, "bad.csv")
        with open(bad, "w") as f:
            f.write(text + "p9,F,1990\n")
        code, out, err = run(tool, "--snapshot", bad, "--seed", "s", "--count", "3")
        check(code == 2 and f"line {len(rows) + 2}" in err, f"bad line: exit {code}: {err}")
        for args, needle in [
            (["--seed", "s", "--count", "3"], "--snapshot"),
            (["--snapshot", snap, "--seed", "s", "--count", "x"], "--count"),
            (["--snapshot", snap, "--seed", "s", "--count", "301"], "--count"),
            (["--snapshot", snap, "--seed", "s", "--count", "3", "--stratify-by", "name"],
             "--stratify-by"),
            (["--snapshot", snap, "--seed", "s", "--count", "3", "--expect-result-hash", "abc"],
             "--expect-result-hash"),
            (["--snapshot", os.path.join(tmp, "missing.csv"), "--seed", "s", "--count", "3"],
             "missing.csv"),
        ]:
            code, out, err = run(tool, *args)
            check(code == 2 and needle in err, f"{args}: exit {code}: {err}")

    # --help names the exit codes; --version prints the suite's version; an unknown argument is a
    # usage error (2), as for every binary of the suite.
    code, out, _ = run(tool, "--help")
    check(code == 0 and "Exit codes" in out and "--snapshot" in out, f"--help: {code} {out!r}")
    code, out, _ = run(tool, "--version")
    check(code == 0 and out.startswith("sortition-verify ") and out.count(".") == 2, f"--version: {out!r}")
    code, _, err = run(tool, "--bogus", "1")
    check(code == 2 and "--bogus" in err, f"an unknown argument exits 2 naming it: {code} {err!r}")

    if failures:
        sys.exit(1)
    print("sortition-verify agrees with the reference implementation")


if __name__ == "__main__":
    main()

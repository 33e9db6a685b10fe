#!/usr/bin/env python3
"""An independent implementation of the legacy greedy draw from its description in the service
README ("The stratified draw"), used to compute the golden panel in panel_select_test.cpp.
Usage: legacy_greedy_reference.py (prints the golden instance's panel and reserve)."""
import hashlib


class SeededRandom:
    def __init__(self, seed, counter=0):
        self.seed, self.counter = seed, counter

    def uniform(self, n):
        limit = 2**64 - 1 - ((2**64 - 1) % n)
        while True:
            digest = hashlib.sha256(f"{self.seed}:{self.counter}".encode()).digest()
            self.counter += 1
            v = int.from_bytes(digest[:8], "big")
            if v < limit:
                return v % n

    def shuffle(self, xs):
        for i in range(len(xs) - 1):
            j = i + self.uniform(len(xs) - i)
            xs[i], xs[j] = xs[j], xs[i]


def legacy_greedy(quotas, seats, people, seed, max_attempts=1000):
    """quotas: [(category, [(value, min, max)])]; people: [(id, household, {category: value})]."""
    people = sorted(people, key=lambda p: p[0].encode())
    home = [p[1] or "\x01person:" + p[0] for p in people]
    rnd = SeededRandom(seed)
    for attempt in range(1, max_attempts + 1):
        out = [any(b[2] == 0 for c, vs in quotas for b in vs if b[0] == p[2][c]) for p in people]
        selected = {(c, b[0]): 0 for c, vs in quotas for b in vs}
        panel, stuck = [], False
        while len(panel) < seats and not stuck:
            open_ = seats - len(panel)
            cands = [i for i in range(len(people)) if not out[i]]
            best = None  # (needed, available, category, value)
            for c, vs in quotas:
                needed_sum = 0
                for value, lo, hi in vs:
                    needed = max(0, lo - selected[(c, value)])
                    if needed == 0:
                        continue
                    avail = sum(1 for i in cands if people[i][2][c] == value)
                    if needed > avail:
                        stuck = True
                        break
                    needed_sum += needed
                    if best is None or needed * best[1] > best[0] * avail:
                        best = (needed, avail, c, value)
                if stuck or needed_sum > open_:
                    stuck = True
                    break
            if stuck:
                break
            if best:
                cands = [i for i in cands if people[i][2][best[2]] == best[3]]
            if not cands:
                stuck = True
                break
            chosen = cands[rnd.uniform(len(cands))]
            panel.append(chosen)
            for i in range(len(people)):
                if home[i] == home[chosen]:
                    out[i] = True
            for c, vs in quotas:
                v = people[chosen][2][c]
                selected[(c, v)] += 1
                if selected[(c, v)] >= next(b[2] for b in vs if b[0] == v):
                    for i in range(len(people)):
                        if people[i][2][c] == v:
                            out[i] = True
        if stuck:
            continue
        homes = {home[i] for i in panel}
        reserve = [i for i in range(len(people)) if i not in panel and home[i] not in homes]
        rnd.shuffle(reserve)
        return [people[i][0] for i in panel], [people[i][0] for i in reserve], attempt
    raise RuntimeError("no panel")


def golden_instance():
    # Tight enough that the first ten attempts get stuck.
    quotas = [("sex", [("female", 2, 3), ("male", 5, 6)]),
              ("age", [("young", 4, 5), ("mid", 4, 5), ("old", 0, 1)])]
    people = []
    for i in range(30):
        sex = "female" if (i * 7) % 10 < 6 else "male"
        age = ["young", "mid", "old"][(i * i + i // 4) % 3]
        household = f"h{i - i % 2}" if i % 4 in (0, 1) else ""
        people.append((f"r{i:02d}", household, {"sex": sex, "age": age}))
    return quotas, 8, people


if __name__ == "__main__":
    quotas, seats, people = golden_instance()
    panel, reserve, attempts = legacy_greedy(quotas, seats, people, "golden-seed")
    print("panel", panel)
    print("reserve", reserve)
    print("attempts", attempts)

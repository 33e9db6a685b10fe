"""A convention-sized pool to select a panel from, made up with a fixed seed.

The shape of France's Convention citoyenne pour le climat (150 seats) or the UK Climate Assembly
(110 seats): a pool of 1,000-5,000 people who answered an invitation, quotas on 4 to 6 categories
(one of them with 20 values, a district), and one seat per household.

How it is made, so that the quotas are always feasible and the pool is self-selected:
- the population's shares per category are fixed (POPULATION; the 20 districts' shares drawn from
  the seed), and each value's quota is its share of the seats (largest remainders) plus or minus a
  slack (`tolerance` of it, at least 1 seat);
- `seats` people of the pool, the *witness*, have exactly those shares in every category (each
  category's values dealt in exact proportion, shuffled independently), each in a household of
  their own among the witness: they are a panel meeting every quota, so the quotas are feasible;
- everyone else answers as a self-selected pool does (SKEWED: older, more educated, more concerned
  by the climate, more women than the population; districts over- and under-represented);
- `household_share` of those others live with someone already in the pool (same address, postcode,
  district and area).
The witness is not marked in the files; the pool's order is shuffled.
"""

import csv
import os
import random

# (category, values, population shares, self-selected pool's shares); "district" is filled from the
# seed. The order is the order categories are taken in: 4 categories are the first four.
POPULATION = [
    ("gender", ["female", "male"], [0.52, 0.48], [0.57, 0.43]),
    ("age", ["16-24", "25-34", "35-49", "50-64", "65+"], [0.13, 0.15, 0.24, 0.24, 0.24], [0.06, 0.11, 0.21, 0.30, 0.32]),
    ("district", None, None, None),
    ("education", ["none", "secondary", "vocational", "bachelor", "master"], [0.19, 0.24, 0.22, 0.21, 0.14],
     [0.07, 0.16, 0.16, 0.29, 0.32]),
    ("area", ["urban", "suburban", "rural"], [0.45, 0.31, 0.24], [0.52, 0.30, 0.18]),
    ("concern", ["not", "somewhat", "very", "extremely"], [0.16, 0.33, 0.33, 0.18], [0.05, 0.20, 0.40, 0.35]),
]
DISTRICTS = 20


def categories(rng, count):
    """The first `count` categories (4-6) as (name, values, population shares, pool shares)."""
    if not 4 <= count <= len(POPULATION):
        raise ValueError(f"categories must be 4 to {len(POPULATION)}, not {count}")
    out = []
    for name, values, population, pool in POPULATION[:count]:
        if name == "district":
            values = [f"d{i:02d}" for i in range(1, DISTRICTS + 1)]
            weight = [rng.uniform(0.4, 2.0) for _ in values]
            population = [w / sum(weight) for w in weight]
            bias = [p * rng.uniform(0.6, 1.6) for p in population]
            pool = [b / sum(bias) for b in bias]
        out.append((name, values, population, pool))
    return out


def apportion(shares, seats):
    """Whole seats in proportion to `shares` (largest remainders; ties to the first)."""
    exact = [s * seats / sum(shares) for s in shares]
    whole = [int(x) for x in exact]
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - whole[i]), i))
    for i in order[: seats - sum(whole)]:
        whole[i] += 1
    return whole


def quotas(cats, seats, tolerance):
    """(category, value, min, max) rows: each value's apportioned seats plus or minus the slack."""
    rows = []
    for name, values, population, _ in cats:
        for value, target in zip(values, apportion(population, seats)):
            slack = max(1, round(tolerance * target))
            rows.append((name, value, max(0, target - slack), min(seats, target + slack)))
    return rows


def generate(people, seats, count=5, household_share=0.15, tolerance=0.05, seed=1):
    """The instance: a dict with `categories` (names), `quotas` (rows as above), `people` (dicts
    with id, one key per category, address, postcode) and `witness` (the ids of a panel meeting
    every quota, one per household)."""
    if not 0 < seats < people:
        raise ValueError("seats must be between 1 and people - 1")
    if not 0 <= household_share < 1:
        raise ValueError("household_share must be in [0, 1)")
    rng = random.Random(seed)
    cats = categories(rng, count)
    names = [c[0] for c in cats]
    rows = []
    # The witness: each category's apportioned values, dealt in a shuffled order.
    dealt = []
    for _, values, population, _ in cats:
        column = [v for v, k in zip(values, apportion(population, seats)) for _ in range(k)]
        rng.shuffle(column)
        dealt.append(column)
    for i in range(seats):
        rows.append({name: dealt[c][i] for c, name in enumerate(names)})
    households = list(range(seats))  # the witness: one household each
    for _ in range(people - seats):
        if rows and rng.random() < household_share:
            # A housemate of someone already in the pool: same home, so same district and area.
            mate = rng.randrange(len(rows))
            person = {name: rng.choices(values, pool)[0] for name, values, _, pool in cats}
            for shared in ("district", "area"):
                if shared in person:
                    person[shared] = rows[mate][shared]
            rows.append(person)
            households.append(households[mate])
        else:
            rows.append({name: rng.choices(values, pool)[0] for name, values, _, pool in cats})
            households.append(len(rows) - 1 + people)  # a fresh household number
    order = list(range(people))
    rng.shuffle(order)
    homes = {}
    out, witness = [], []
    for position, i in enumerate(order):
        h = households[i]
        if h not in homes:
            district = rows[i].get("district", "d00")[1:]
            homes[h] = (f"{rng.randint(1, 250)} rue {len(homes) + 1}", f"{district}{rng.randint(0, 999):03d}")
        person = {"id": f"c{seed}-{position:05d}", **rows[i], "address": homes[h][0], "postcode": homes[h][1]}
        out.append(person)
        if i < seats:
            witness.append(person["id"])
    return {"categories": names, "quotas": quotas(cats, seats, tolerance), "people": out, "witness": sorted(witness)}


def write(instance, seats, seed, out_dir):
    """features.csv, people.csv and settings.txt in the Sortition Foundation's layout."""
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "features.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["feature", "value", "min", "max"])
        w.writerows(instance["quotas"])
    columns = ["id", *instance["categories"], "address", "postcode"]
    with open(os.path.join(out_dir, "people.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, columns, lineterminator="\n")
        w.writeheader()
        w.writerows(instance["people"])
    with open(os.path.join(out_dir, "settings.txt"), "w") as f:
        f.write(f"seats={seats}\npool={len(instance['people'])}\nseed={seed}\nhouseholds=yes\n")

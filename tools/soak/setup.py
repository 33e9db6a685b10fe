"""The soak's assembly, through the services' public APIs: the cycle's first six phases (tools/cycle:
the pools imported, the invitations, the respondents, the panel of 100 drawn under quotas, the
members seated at the opening plenary, the workshops and the electorate), then the invitation draw
the residents answer during the soak (SOAK_ANSWERS letters from the roll, its mailing list with
the response codes), and the public site's pages of that assembly."""

import csv
import io

from cycle import compute
from cycle.phases import PHASES

SEATING = PHASES[:6]   # roll .. chain: the panel seated, known to workshops and recommendations


def site_paths(assembly, selection_id):
    """The public site's pages of the assembly, as the gateway serves them (docs/site.md)."""
    return ["/", f"/assemblee/{assembly}", f"/tirages/{selection_id}", f"/ateliers/{assembly}",
            f"/voeux/{assembly}", f"/transparence/{assembly}"]


def set_up(run, letters):
    """Seats the panel (the cycle's phases 1-6) and draws LETTERS invitations from the roll; returns
    {letters: [(code, arrondissement)], members: [member id], selection_id, draw_id, paths}."""
    for phase in SEATING:
        phase(run)
    api = run.client
    pool_id = run.S["pools"]["roll"]["id"]
    seed = f"soak-{run.assembly}"
    d = api.must(201, api.post("sortition", "/v1/invitation-draws",
                               {"assembly_id": run.assembly, "pool_id": pool_id, "invited": letters,
                                "stratify_by": "arrondissement", "seed_commitment": compute.sha(seed)}), "soak invitations")
    d = api.must(200, api.post("sortition", f"/v1/invitation-draws/{d['id']}/draw", {"seed": seed}), "soak invitation draw")
    mail = api.get_csv_pages("sortition", f"/v1/invitation-draws/{d['id']}/mailing-list?limit=5000", "soak mailing list")
    rows = list(csv.DictReader(io.StringIO(mail)))
    run.step("sortition", f"the soak's invitation draw: {len(rows):,} letters from the roll, mailing list with the response codes")
    return {"letters": [(r["response_code"], r["arrondissement"]) for r in rows],
            "members": [m["id"] for m in run.S["active"]], "selection_id": run.S["selection_id"],
            "draw_id": d["id"], "paths": site_paths(run.assembly, run.S["selection_id"])}

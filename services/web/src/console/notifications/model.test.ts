import { describe, expect, it } from "vitest";

import { figureRows, filtersOf, listQuery, searchOf, uncertainCount } from "./model";

describe("the messages' figures", () => {
  it("has a row per kind in the process's order, 0 where none, sending counted as pending", () => {
    const rows = figureRows({
      "report-published": { sent: 3 },
      "confirmation-request": { sent: 5, pending: 1, sending: 2, uncertain: 1 },
      "some-new-kind": { waiting: 1 },
    });
    expect(rows.map((r) => r.kind)).toEqual(["confirmation-request", "report-published", "some-new-kind"]);
    expect(rows[0]?.counts).toEqual({ sent: 5, pending: 3, uncertain: 1, refused: 0, skipped: 0, waiting: 0 });
    expect(rows[1]?.counts.refused).toBe(0);
    expect(rows[2]?.counts.waiting).toBe(1);
  });

  it("counts the uncertain ones across kinds", () => {
    expect(uncertainCount({ a: { uncertain: 2 }, b: { sent: 4 }, c: { uncertain: 1 } })).toBe(3);
    expect(uncertainCount({})).toBe(0);
  });
});

describe("the list's filters", () => {
  it("reads them from the address, dropping a state it does not know", () => {
    expect(filtersOf("?kind=report-published&state=uncertain")).toEqual({ kind: "report-published", state: "uncertain" });
    expect(filtersOf("?state=nonsense")).toEqual({ kind: "", state: "" });
  });

  it("writes only those set, and asks the service for the assembly's newest 100", () => {
    expect(searchOf({ kind: "", state: "" })).toBe("");
    expect(searchOf({ kind: "", state: "refused" })).toBe("?state=refused");
    expect(listQuery("paris", { kind: "", state: "refused" })).toEqual({ assembly_id: "paris", state: "refused", limit: 100 });
    expect(listQuery("paris", { kind: "session-moved", state: "" })).toEqual({
      assembly_id: "paris",
      kind: "session-moved",
      limit: 100,
    });
  });
});

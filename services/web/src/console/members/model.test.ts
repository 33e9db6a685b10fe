import { describe, expect, it } from "vitest";

import {
  actionsFor,
  applyFilter,
  applySort,
  attendanceByMember,
  checkWishes,
  type Member,
  pageCount,
  pageOf,
  rowsOf,
  wishesClosed,
} from "./model";
import { poolNames, workshopTitles } from "./names";

const m = (id: string, over: Partial<Member> = {}): Member => ({ id, pool: "roll", status: "active", ...over }) as Member;

describe("the members' list", () => {
  const members = [
    m("a", { workshop_theme: "climate", status: "active" }),
    m("b", { workshop_theme: "housing", status: "withdrawn", pool: "volunteers" }),
    m("c", { workshop_theme: "climate", status: "invited" }),
    m("d", { status: "confirmed" }),
  ];
  const attendance = attendanceByMember([
    { member_id: "a", overall: { sessions: 4, present: 1, rate: 0.25 }, at_risk: true },
    { member_id: "b", overall: { sessions: 2, present: 2, rate: 1 }, at_risk: false },
  ]);
  const rows = rowsOf(members, attendance);

  it("filters by workshop, no workshop, pool and at risk", () => {
    const ids = (f: Parameters<typeof applyFilter>[1]) => applyFilter(rows, f).map((r) => r.member.id);
    expect(ids({ workshop: "climate", pool: "", atRiskOnly: false })).toEqual(["a", "c"]);
    expect(ids({ workshop: "-", pool: "", atRiskOnly: false })).toEqual(["d"]);
    expect(ids({ workshop: "", pool: "volunteers", atRiskOnly: false })).toEqual(["b"]);
    expect(ids({ workshop: "", pool: "", atRiskOnly: true })).toEqual(["a"]);
  });

  it("sorts by status in lifecycle order, by attendance with the unrecorded last, both ways, stably", () => {
    expect(applySort(rows, { key: "status", descending: false }).map((r) => r.member.id)).toEqual(["c", "d", "a", "b"]);
    expect(applySort(rows, { key: "attendance", descending: false }).map((r) => r.member.id)).toEqual(["a", "b", "c", "d"]);
    expect(applySort(rows, { key: "attendance", descending: true }).map((r) => r.member.id)).toEqual(["c", "d", "b", "a"]);
    expect(applySort(rows, { key: "pool", descending: false }).map((r) => r.member.id)).toEqual(["a", "c", "d", "b"]);
  });

  it("sorts the pool and workshop columns by the names shown", () => {
    const labels = { pool: (c: string | null | undefined) => c ?? "", workshop: (w: string | null | undefined) => (w === "housing" ? "Adaptation" : (w ?? "")) };
    expect(applySort(rows, { key: "workshop", descending: false }, labels).map((r) => r.member.id)).toEqual(["d", "b", "a", "c"]);
  });

  it("cuts pages and clamps the page asked", () => {
    const list = Array.from({ length: 23 }, (_, i) => i);
    expect(pageCount(23)).toBe(3);
    expect(pageCount(0)).toBe(1);
    expect(pageOf(list, 3).items).toEqual([20, 21, 22]);
    expect(pageOf(list, 9).page).toBe(3);
    expect(pageOf(list, 0).items[0]).toBe(0);
  });

  it("offers the lifecycle's actions for each status", () => {
    expect(actionsFor("selected")).toEqual(["invite"]);
    expect(actionsFor("invited")).toEqual(["confirm", "decline"]);
    expect(actionsFor("active")).toEqual(["withdraw"]);
    expect(actionsFor("withdrawn")).toEqual([]);
  });
});

describe("the workshop wishes", () => {
  it("are open until the placement, for the drawn, invited and confirmed", () => {
    expect(wishesClosed(m("a", { status: "invited" }))).toBeUndefined();
    expect(wishesClosed(m("a", { status: "confirmed" }))).toBeUndefined();
    expect(wishesClosed(m("a", { status: "confirmed", workshop_theme: "climate" }))).toEqual({ placed: "climate" });
    expect(wishesClosed(m("a", { status: "declined" }))).toEqual({ status: "declined" });
  });

  it("name a workshop chosen twice and a rank left empty above a chosen one, by the service's pointers", () => {
    expect(checkWishes(["climate", "housing", ""])).toEqual({ errors: {}, workshops: ["climate", "housing"] });
    expect(checkWishes(["", "", ""])).toEqual({ errors: {}, workshops: [] });
    expect(checkWishes(["climate", "climate", ""]).errors).toEqual({ "/workshops/1": "repeated" });
    expect(checkWishes(["climate", "", "housing"]).errors).toEqual({ "/workshops/1": "gap" });
  });
});

describe("the names", () => {
  it("name a seat pool by the sortition pools its invitations were drawn from", () => {
    const pools = [
      { id: "p1", name: "Liste électorale 2026", kind: "roll" },
      { id: "p2", name: "Résidents 2026", kind: "non-eu-residents" },
      { id: "p3", name: "Autre assemblée", kind: "roll" },
      { id: "p4", name: "Liste complémentaire", kind: "roll" },
    ];
    const names = poolNames([{ pool_id: "p1" }, { pool_id: "p2" }, { pool_id: "p1" }, { pool_id: "p4" }, { pool_id: "gone" }], pools);
    expect(Object.fromEntries(names)).toEqual({ roll: "Liste électorale 2026, Liste complémentaire", "non-eu-residents": "Résidents 2026" });
    expect(Object.fromEntries(workshopTitles([{ theme: "climate", title: "Climat" }, { theme: "x" }]))).toEqual({ climate: "Climat" });
  });
});

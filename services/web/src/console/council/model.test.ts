import { describe, expect, it } from "vitest";

import { agendaOf, type CouncilSession, debateBody, decisionBody, validateDebate, validateDecision, validateSession } from "./model";

const session = (id: string, items: { id: string; assembly_id: string }[]): CouncilSession => ({ id, name: id, held_on: "2026-03-01", agenda: items });

describe("the Council's agenda for one assembly", () => {
  it("keeps the items of that assembly, with their session", () => {
    const out = agendaOf([session("s1", [{ id: "a", assembly_id: "x" }, { id: "b", assembly_id: "y" }]), session("s2", [{ id: "c", assembly_id: "x" }])], "x");
    expect(out.map((o) => [o.session.id, o.item.id])).toEqual([
      ["s1", "a"],
      ["s2", "c"],
    ]);
  });
});

describe("the checks before sending", () => {
  it("a session needs a name and a day", () => {
    expect(Object.keys(validateSession(" ", ""))).toEqual(["/name", "/held_on"]);
    expect(validateSession("Séance", "2026-03-01")).toEqual({});
  });

  it("a debate's rows left empty are not sent; a row begun needs a group and a position, each group once", () => {
    const rows = [
      { group: "A", position: "for", summary: "" },
      { group: "", position: "", summary: "" },
      { group: "A", position: "", summary: "x" },
    ];
    expect(validateDebate(rows)).toEqual({
      "/positions/1/group": { key: "console.council.debate.group.twice" },
      "/positions/1/position": { key: "console.council.debate.position.missing" },
    });
    expect(debateBody(" p ", "", rows).positions).toEqual([
      { group: "A", position: "for" },
      { group: "A", position: "", summary: "x" },
    ]);
  });

  it("a decision needs its kind and whole counts; amendments for an adoption with amendments", () => {
    const f = { decision: "", votesFor: "", votesAgainst: "1.5", abstentions: "0", amendments: "" };
    expect(Object.keys(validateDecision(f))).toEqual(["/decision", "/votes_for", "/votes_against"]);
    const g = { decision: "adopted-with-amendments", votesFor: "120", votesAgainst: "20", abstentions: "3", amendments: "" };
    expect(Object.keys(validateDecision(g))).toEqual(["/amendments"]);
    expect(decisionBody({ ...g, amendments: " Calendrier " })).toEqual({
      decision: "adopted-with-amendments",
      votes_for: 120,
      votes_against: 20,
      abstentions: 3,
      amendments: "Calendrier",
    });
  });
});

import { describe, expect, it } from "vitest";

import {
  isCorrection,
  monthGrid,
  parisDay,
  parisTime,
  parisToUtc,
  sessionBody,
  sheetRecords,
  shiftMonth,
  sideBySide,
  statusOfKey,
  validateSession,
} from "./model";

const draft = {
  type: "hearing",
  workshopId: "w1",
  title: "Audition",
  day: "2026-12-07",
  start: "18:30",
  end: "20:30",
  place: "Hôtel de Ville",
  site: "",
  speakers: "Jeanne Martin, Direction de la voirie\n\n  Paul Durand  ",
};

describe("Paris time", () => {
  it("reads and writes wall times in Paris, winter and summer, whatever the machine's zone", () => {
    expect(parisToUtc("2026-12-07", "18:30")).toBe("2026-12-07T17:30:00Z");
    expect(parisToUtc("2026-07-07", "18:30")).toBe("2026-07-07T16:30:00Z");
    expect(parisDay("2026-12-07T23:30:00Z")).toBe("2026-12-08");
    expect(parisTime("2026-07-07T16:30:00Z")).toBe("18:30");
    expect(parisToUtc("2026-13-01", "18:30")).toBeUndefined();
    expect(parisToUtc("2026-12-07", "25:00")).toBeUndefined();
    expect(parisToUtc("2026-03-29", "02:30")).toBeUndefined(); // the hour skipped in spring
  });
});

describe("the month grid", () => {
  it("has whole weeks from Monday, the days outside the month marked", () => {
    const weeks = monthGrid("2026-12"); // 1 December 2026 is a Tuesday
    expect(weeks[0][0]).toEqual({ day: "2026-11-30", inMonth: false });
    expect(weeks[0][1]).toEqual({ day: "2026-12-01", inMonth: true });
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks.at(-1)?.at(-1)?.day).toBe("2027-01-03");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
  });
});

describe("the session form", () => {
  it("asks what the service asks, by its pointers", () => {
    expect(validateSession(draft)).toEqual({});
    const e = validateSession({ ...draft, title: " ", speakers: "", end: "18:00" });
    expect(Object.keys(e).sort()).toEqual(["/ends_at", "/speakers", "/title"]);
    expect(validateSession({ ...draft, type: "site-visit" })["/site"]?.key).toBe("console.workshops.form.site.missing");
    expect(validateSession({ ...draft, type: "plenary", workshopId: "" })).toEqual({});
    expect(validateSession({ ...draft, day: "" })["/day"]?.key).toBe("console.workshops.form.day.missing");
  });

  it("sends a hearing with its people, a plenary with its assembly and no workshop", () => {
    expect(sessionBody(draft, "paris")).toEqual({
      type: "hearing",
      title: "Audition",
      starts_at: "2026-12-07T17:30:00Z",
      ends_at: "2026-12-07T19:30:00Z",
      place: "Hôtel de Ville",
      workshop_id: "w1",
      speakers: [
        { name: "Jeanne Martin", organisation: "Direction de la voirie" },
        { name: "Paul Durand", organisation: "" },
      ],
    });
    const plenary = sessionBody({ ...draft, type: "plenary" }, "paris");
    expect(plenary).toMatchObject({ assembly_id: "paris" });
    expect(plenary).not.toHaveProperty("workshop_id");
    expect(plenary).not.toHaveProperty("speakers");
  });
});

describe("the attendance sheet", () => {
  it("maps the documented shortcuts", () => {
    expect(statusOfKey("p")).toBe("present");
    expect(statusOfKey("E")).toBe("excused");
    expect(statusOfKey("a")).toBe("absent");
    expect(statusOfKey("x")).toBeUndefined();
  });

  it("sends only what changed, a correction with its reason, and names corrections without one", () => {
    const rows = [
      { memberId: "m1", recorded: undefined, status: "present" as const, reason: "" }, // first record
      { memberId: "m2", recorded: "absent" as const, status: "absent" as const, reason: "" }, // unchanged
      { memberId: "m3", recorded: "absent" as const, status: "excused" as const, reason: " Prévenu " },
      { memberId: "m4", recorded: "present" as const, status: "absent" as const, reason: "  " },
      { memberId: "m5", recorded: undefined, status: undefined, reason: "" }, // nothing said
    ];
    expect(rows.map(isCorrection)).toEqual([false, false, true, true, false]);
    const { records, missing } = sheetRecords(rows);
    expect(records).toEqual([
      { member_id: "m1", status: "present" },
      { member_id: "m3", status: "excused", reason: "Prévenu" },
      { member_id: "m4", status: "absent", reason: "" },
    ]);
    expect(missing).toEqual(["m4"]);
  });
});

describe("a diff side by side", () => {
  it("faces a removed run with the added run after it", () => {
    expect(
      sideBySide([
        { op: "=", text: "# Carnet" },
        { op: "-", text: "le dimanche" },
        { op: "+", text: "le soir" },
        { op: "+", text: "une fontaine" },
        { op: "=", text: "fin" },
        { op: "-", text: "parti" },
      ]),
    ).toEqual([
      { left: "# Carnet", right: "# Carnet", op: "=" },
      { left: "le dimanche", right: "le soir", op: "~" },
      { left: undefined, right: "une fontaine", op: "+" },
      { left: "fin", right: "fin", op: "=" },
      { left: "parti", right: undefined, op: "-" },
    ]);
  });
});

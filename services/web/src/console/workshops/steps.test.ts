import { describe, expect, it } from "vitest";

import {
  axisLines,
  correctionBody,
  correctionPointer,
  isDay,
  phaseBody,
  phasesInOrder,
  validateChosenOn,
  validateCorrection,
  validatePhase,
  validateSeats,
} from "./steps";

describe("days", () => {
  it("takes a day that exists, nothing else", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2026-13-01")).toBe(false);
    expect(isDay("28/02/2026")).toBe(false);
    expect(isDay("")).toBe(false);
  });
});

describe("a phase's dates", () => {
  it("asks for both days and a last day not before the first", () => {
    expect(validatePhase({ starts_on: "", ends_on: "" })).toEqual({
      "/starts_on": { key: "console.workshops.phases.starts.missing" },
      "/ends_on": { key: "console.workshops.phases.ends.missing" },
    });
    expect(validatePhase({ starts_on: "2026-03-10", ends_on: "2026-03-09" })).toEqual({
      "/ends_on": { key: "console.workshops.phases.ends.beforeStart" },
    });
    // One day is a phase; the order and overlaps are the service's to refuse.
    expect(validatePhase({ starts_on: "2026-03-10", ends_on: "2026-03-10" })).toEqual({});
  });

  it("sends the days trimmed", () => {
    expect(phaseBody({ starts_on: " 2026-03-01", ends_on: "2026-04-30 " })).toEqual({ starts_on: "2026-03-01", ends_on: "2026-04-30" });
  });

  it("lists the three phases in their order, dated or not", () => {
    const out = phasesInOrder([
      { kind: "co-construction-and-vote", starts_on: "2026-09-01", ends_on: "2026-10-31" },
      { kind: "discovery", starts_on: "2026-03-01", ends_on: "2026-04-30" },
    ]);
    expect(out.map((p) => p.kind)).toEqual(["discovery", "recommendations", "co-construction-and-vote"]);
    expect(out[0].phase?.ends_on).toBe("2026-04-30");
    expect(out[1].phase).toBeUndefined();
  });
});

describe("the members' choice", () => {
  it("keeps 1 to 10 axes, a whole number", () => {
    expect(validateSeats("3")).toEqual({});
    expect(validateSeats(" 10 ")).toEqual({});
    for (const bad of ["0", "11", "2.5", "-1", "", "trois"])
      expect(validateSeats(bad)).toEqual({ "/seats": { key: "console.workshops.choice.seats.invalid" } });
  });

  it("closes on a day", () => {
    expect(validateChosenOn("2026-03-15")).toEqual({});
    expect(validateChosenOn("")).toEqual({ "/chosen_on": { key: "console.workshops.choice.day.missing" } });
  });
});

describe("the secretariat's correction", () => {
  const draft = { axes: "  Lire partout \n\nDes arbres\n", chosen_on: "2026-03-20", reason: " Deux axes fusionnés " };

  it("reads one axis a line, blank lines left out", () => {
    expect(axisLines(draft.axes)).toEqual(["Lire partout", "Des arbres"]);
  });

  it("asks for the reason of a correction, not of a first setting", () => {
    expect(validateCorrection({ ...draft, reason: "  " }, true)).toEqual({
      "/reason": { key: "console.workshops.correct.reason.missing" },
    });
    expect(validateCorrection({ ...draft, reason: "" }, false)).toEqual({});
    expect(validateCorrection(draft, true)).toEqual({});
  });

  it("names every field at fault", () => {
    expect(validateCorrection({ axes: "\n \n", chosen_on: "2026-02-30", reason: "" }, true)).toEqual({
      "/axes": { key: "console.workshops.correct.axes.missing" },
      "/chosen_on": { key: "console.workshops.choice.day.missing" },
      "/reason": { key: "console.workshops.correct.reason.missing" },
    });
    expect(validateCorrection({ ...draft, axes: Array.from({ length: 21 }, (_, i) => `Axe ${i}`).join("\n") }, true)["/axes"]?.key).toBe(
      "console.workshops.correct.axes.tooMany",
    );
    expect(validateCorrection({ ...draft, axes: "é".repeat(301) }, true)["/axes"]?.key).toBe("console.workshops.correct.axes.tooLong");
    expect(validateCorrection({ ...draft, axes: "é".repeat(300) }, true)).toEqual({});
    expect(validateCorrection({ ...draft, reason: "x".repeat(1001) }, true)["/reason"]?.key).toBe("console.workshops.correct.reason.tooLong");
  });

  it("sends the axes in order, an unchanged title keeping its description, and the reason trimmed", () => {
    const current = [
      { rank: 1, title: "Lire partout", description: "Des bibliothèques ouvertes le dimanche." },
      { rank: 2, title: "Planter", description: "Des arbres rue de Rivoli." },
    ];
    expect(correctionBody(draft, current)).toEqual({
      chosen_on: "2026-03-20",
      axes: [{ title: "Lire partout", description: "Des bibliothèques ouvertes le dimanche." }, { title: "Des arbres" }],
      reason: "Deux axes fusionnés",
    });
    expect(correctionBody({ ...draft, reason: " " }, [])).toEqual({
      chosen_on: "2026-03-20",
      axes: [{ title: "Lire partout" }, { title: "Des arbres" }],
    });
  });

  it("places an axis's refusal on the one text area", () => {
    expect(correctionPointer("/axes/3/title")).toBe("/axes");
    expect(correctionPointer("/axes")).toBe("/axes");
    expect(correctionPointer("/reason")).toBe("/reason");
  });
});

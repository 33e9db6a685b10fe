import { describe, expect, it } from "vitest";

import { formatDateTime, formatNumber, formatRange, initialLang, translate } from "./i18n";
import { en, fr } from "./messages";

describe("the catalogue", () => {
  it("has every French key in English, none empty", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe("");
  });
  it("keeps the same parameters in both languages", () => {
    const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(fr) as (keyof typeof fr)[])
      expect(params(en[k]), k).toEqual(params(fr[k]));
  });
  it("fills parameters, numbers in the reader's locale", () => {
    expect(translate("fr", "answer.done.reference", { id: "r-1" })).toBe(
      "Référence de votre réponse : r-1",
    );
    expect(translate("en", "q.arrondissement.value", { n: 19 })).toBe("19th arrondissement");
  });
});

describe("formats", () => {
  it("writes numbers and dates in the language, in Paris time", () => {
    expect(formatNumber("fr", 1350000)).toBe("1\u202f350\u202f000");
    expect(formatNumber("en", 1350000)).toBe("1,350,000");
    // 23:30 UTC on 31 December is already 1 January in Paris (UTC+1 in winter).
    const at = new Date("2022-12-31T23:30:00Z");
    expect(formatDateTime("fr", at)).toBe("1 janvier 2023 à 00:30");
    expect(formatDateTime("en", at)).toBe("1 January 2023 at 00:30");
  });
  it("writes a span of time with its day once, in Paris time", () => {
    const from = new Date("2026-03-03T17:30:00Z");
    const to = new Date("2026-03-03T20:00:00Z");
    expect(formatRange("fr", from, to)).toBe("mardi 3 mars 2026, 18:30\u2009–\u200921:00");
    expect(formatRange("en", from, to)).toBe("Tuesday, 3 March 2026, 18:30–21:00");
  });
  it("starts in French unless English is preferred or was chosen", () => {
    expect(initialLang(null, ["de-DE", "fr-FR"])).toBe("fr");
    expect(initialLang(null, ["en-US", "fr-FR"])).toBe("en");
    expect(initialLang(null, [])).toBe("fr");
    expect(initialLang("fr", ["en-US"])).toBe("fr");
  });
});

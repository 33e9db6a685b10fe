import { describe, expect, it } from "vitest";

import {
  codeFromAddress,
  codeLooksValid,
  emptyForm,
  normaliseCode,
  kindOf,
  outcomeOf,
  type Question,
  requestBody,
  validate,
} from "./model";

describe("the letter's code", () => {
  it("is normalised as the service does: upper case, no separators", () => {
    expect(normaliseCode(" abcde-fghjk ")).toBe("ABCDEFGHJK");
    expect(normaliseCode("ABCDE FGHJK")).toBe("ABCDEFGHJK");
  });
  it("has 10 characters of the unambiguous alphabet", () => {
    expect(codeLooksValid("ABCDE-FGHJK")).toBe(true);
    expect(codeLooksValid("abcde fghjk")).toBe(true);
    expect(codeLooksValid("ABCDE-FGHJ")).toBe(false); // 9
    expect(codeLooksValid("ABCDE-FGHJ0")).toBe(false); // 0 is not printed
    expect(codeLooksValid("ABCDE-FGHJI")).toBe(false); // nor I
  });
});

// As the service gives them for a code of the roll's draw.
const QUESTIONS: Question[] = [
  { name: "gender", values: ["F", "M"] },
  { name: "age_band", values: ["18-24", "25-34", "35-49", "50-64", "65+"] },
  { name: "arrondissement", values: Array.from({ length: 20 }, (_, i) => String(i + 1)) },
  { name: "diploma", values: ["none", "bac", "bac+2/3", "bac+5"] },
];

describe("checks before sending", () => {
  it("checks only the code before the questions are known", () => {
    expect(validate({ ...emptyForm(), code: "ABCDE-FGHJK" })).toEqual({});
    expect(validate(emptyForm())["/code"].key).toBe("answer.code.missing");
  });
  it("asks few values as radio buttons, many as a list", () => {
    expect(QUESTIONS.map(kindOf)).toEqual(["radio", "radio", "select", "radio"]);
  });
  it("names every field missing for a willing invitee", () => {
    const e = validate({ ...emptyForm(), willing: "yes" }, QUESTIONS);
    expect(Object.keys(e).sort()).toEqual(
      ["/code", "/consent", "/contact/email", ...QUESTIONS.map((q) => `/criteria/${q.name}`)].sort(),
    );
    expect(e["/code"].key).toBe("answer.code.missing");
    expect(e["/contact/email"].key).toBe("answer.contact.missing");
  });
  it("takes an e-mail address, a phone number or both, each checked as the service does", () => {
    const base = { ...emptyForm(), code: "ABCDE-FGHJK", willing: "yes" as const, consent: true,
      criteria: { gender: "F", age_band: "25-34", arrondissement: "19", diploma: "bac" } };
    expect(validate({ ...base, email: "camille@example.fr" }, QUESTIONS)).toEqual({});
    expect(validate({ ...base, phone: "06 12 34 56 78" }, QUESTIONS)).toEqual({});
    const bad = validate({ ...base, email: "camille.example.fr", phone: "06-12" }, QUESTIONS);
    expect(bad["/contact/email"].key).toBe("answer.email.format");
    expect(bad["/contact/phone"].key).toBe("answer.phone.format");
    expect(Object.keys(bad)).toHaveLength(2);
  });
  it("asks no criteria nor consent of someone who declines", () => {
    expect(validate({ ...emptyForm(), code: "ABCDE-FGHJK", willing: "no" }, QUESTIONS)).toEqual({});
  });
  it("says a code of the wrong shape is mistyped", () => {
    expect(validate({ ...emptyForm(), code: "ABC", willing: "no" }, QUESTIONS)["/code"].key).toBe(
      "answer.code.format",
    );
  });
  it("builds the request of the OpenAPI document", () => {
    const form = {
      code: "abcde-fghjk",
      willing: "yes" as const,
      criteria: { gender: "F", age_band: "25-34", arrondissement: "19", diploma: "bac", x: "y" },
      consent: true,
      email: " camille@example.fr ",
      phone: "",
    };
    expect(validate(form, QUESTIONS)).toEqual({});
    expect(requestBody(form, QUESTIONS)).toEqual({
      code: "ABCDEFGHJK",
      willing: true,
      criteria: { gender: "F", age_band: "25-34", arrondissement: "19", diploma: "bac" },
      consent: true,
      contact: { email: "camille@example.fr" },
    });
  });
  it("sends a no with nothing else", () => {
    const form = { ...emptyForm(), code: "abcde-fghjk", willing: "no" as const, email: "x@y.fr" };
    expect(requestBody(form, QUESTIONS)).toEqual({ code: "ABCDEFGHJK", willing: false });
  });
  it("puts the service's contact problems next to their fields", () => {
    const o = outcomeOf(422, {
      errors: [
        { pointer: "/contact", detail: "give an e-mail address, a phone number or both" },
        { pointer: "/contact/phone", detail: "a phone number of 6 to 15 digits" },
      ],
    }, QUESTIONS);
    expect(Object.keys(o.fields).sort()).toEqual(["/contact/email", "/contact/phone"]);
  });
});

describe("the service's refusals", () => {
  it("gives one non-revealing message at the code for unknown, used or closed", () => {
    for (const status of [404, 409, 410]) {
      const o = outcomeOf(status, { status, detail: "no open invitation has this code" });
      expect(o.fields["/code"].key).toBe("answer.code.notRecognised");
      expect(o.fields["/code"].detail).toBeUndefined();
    }
  });
  it("puts each field error of a problem next to its field", () => {
    const o = outcomeOf(
      422,
      {
      status: 422,
      errors: [
        { pointer: "/criteria/gender", detail: "each criterion is a string of 1 to 100 characters" },
        { pointer: "/consent", detail: "consent must be true" },
        { pointer: "/criteria", detail: "at most 20 criteria" },
      ],
      },
      QUESTIONS,
    );
    expect(Object.keys(o.fields).sort()).toEqual(["/code", "/consent", "/criteria/gender"]);
    expect(o.fields["/consent"]).toEqual({ key: "answer.error.field", detail: "consent must be true" });
  });
  it("tells to wait on the rate limit, and to come back later on a server error", () => {
    expect(outcomeOf(429, undefined).general).toBe("answer.error.tooMany");
    expect(outcomeOf(503, undefined).general).toBe("answer.error.server");
    expect(outcomeOf(500, { status: 500 }).fields).toEqual({});
  });
});

describe("the code a letter's QR code carries", () => {
  it("is read from the address as the field takes it", () => {
    expect(codeFromAddress("?code=ABCDE-FGHJK")).toBe("ABCDE-FGHJK");
    expect(codeFromAddress("?x=1&code=abcde-fghjk")).toBe("ABCDE-FGHJK");
    expect(codeFromAddress("?code=%3Cscript%3E")).toBe("SCRIPT");
    expect(codeFromAddress("?code=" + "A".repeat(40))).toHaveLength(20);
    expect(codeFromAddress("")).toBe("");
    expect(codeFromAddress("?lang=en")).toBe("");
  });
});

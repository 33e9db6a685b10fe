import { describe, expect, it } from "vitest";

import { auditQuery, erasedPairs, parisToUtc, validateAuditFilters, validateErasure } from "./model";

describe("parisToUtc", () => {
  it("takes winter and summer time into account", () => {
    expect(parisToUtc("2026-01-15T10:00")).toBe("2026-01-15T09:00:00Z");
    expect(parisToUtc("2026-07-15T10:00")).toBe("2026-07-15T08:00:00Z");
    expect(parisToUtc("2026-03-29T03:30")).toBe("2026-03-29T01:30:00Z");
  });
  it("refuses what is not a time", () => {
    expect(parisToUtc("2026-02-30T10:00")).toBeUndefined();
    expect(parisToUtc("demain")).toBeUndefined();
    expect(parisToUtc("")).toBeUndefined();
  });
});

describe("the audit trail's filters", () => {
  it("sends only what is given, the time in UTC", () => {
    expect(auditQuery({ subject: " m-1 ", actor: "", since: "" })).toEqual({ limit: "50", subject: "m-1" });
    expect(auditQuery({ subject: "", actor: "sub-9", since: "2026-01-15T10:00" }, "c2")).toEqual({
      limit: "50",
      actor: "sub-9",
      since: "2026-01-15T09:00:00Z",
      cursor: "c2",
    });
  });
  it("says a malformed time next to its field", () => {
    expect(validateAuditFilters({ subject: "", actor: "", since: "hier" })["/since"]?.key).toBe("console.audit.error.since");
    expect(validateAuditFilters({ subject: "", actor: "", since: "" })).toEqual({});
  });
});

describe("the erasure form", () => {
  it("needs the member and the confirmation", () => {
    expect(Object.keys(validateErasure("", false)).sort()).toEqual(["/confirm", "/member_id"]);
    expect(validateErasure("m-1", true)).toEqual({});
  });
  it("lists what was erased in a stable order", () => {
    expect(erasedPairs({ sealed_identities: 1, accounts: 2 })).toEqual([
      ["accounts", 2],
      ["sealed_identities", 1],
    ]);
    expect(erasedPairs(null)).toEqual([]);
  });
});

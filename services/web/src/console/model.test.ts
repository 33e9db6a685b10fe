import { describe, expect, it } from "vitest";

import { validateAssembly } from "./AssemblyChooser";
import { actsIn, consolePath, hasRole, splitConsolePath, staffOf } from "./model";

const tokenWith = (claims: object) => `h.${btoa(JSON.stringify(claims)).replace(/=+$/, "")}.s`;

describe("staffOf", () => {
  it("reads the staff roles, the department and the limits", () => {
    const staff = staffOf(
      tokenWith({ roles: ["city-service", "default-roles-assembly"], department: "voirie", assemblies: ["a-1"], workshops: [] }),
    );
    expect(staff).toEqual({ roles: ["city-service"], department: "voirie", assemblies: ["a-1"], workshops: [] });
    expect(hasRole(staff!, ["secretariat"])).toBe(false);
    expect(hasRole(staff!, ["secretariat", "city-service"])).toBe(true);
    expect(actsIn(staff!, "a-1")).toBe(true);
    expect(actsIn(staff!, "a-2")).toBe(false);
  });
  it("has no staff for a member, a token without roles or no token", () => {
    expect(staffOf(tokenWith({ roles: ["member"], member_id: "m" }))).toBeUndefined();
    expect(staffOf(tokenWith({}))).toBeUndefined();
    expect(staffOf("not a token")).toBeUndefined();
    expect(staffOf(undefined)).toBeUndefined();
  });
  it("lets a '*' account act in every assembly", () => {
    expect(actsIn(staffOf(tokenWith({ roles: ["secretariat"], assemblies: ["*"] }))!, "any")).toBe(true);
  });
});

describe("console paths", () => {
  it("splits the assembly, the section and the rest", () => {
    expect(splitConsolePath("/console")).toEqual({ assembly: undefined, section: undefined, rest: [] });
    expect(splitConsolePath("/console/paris-2022/ateliers/seance/s%2F1/")).toEqual({
      assembly: "paris-2022",
      section: "ateliers",
      rest: ["seance", "s/1"],
    });
    expect(splitConsolePath("/consoles")).toBeUndefined();
    expect(splitConsolePath("/espace-membre")).toBeUndefined();
  });
  it("builds them back, encoding each segment", () => {
    expect(consolePath()).toBe("/console");
    expect(consolePath("paris-2022")).toBe("/console/paris-2022");
    expect(consolePath("paris-2022", "ateliers", "seance", "s/1")).toBe("/console/paris-2022/ateliers/seance/s%2F1");
  });
});

describe("validateAssembly", () => {
  const ok = { id: "paris-2026", name: "Paris", start: "2026-01-01", end: "2026-12-31", retention: "365" };
  it("accepts a good description", () => expect(validateAssembly(ok)).toEqual({}));
  it("names every field at fault", () => {
    expect(Object.keys(validateAssembly({ id: "Paris 2026", name: " ", start: "2026-12-31", end: "2026-01-01", retention: "4000" })).sort()).toEqual(
      ["/id", "/mandate_end", "/name", "/retention_days"],
    );
    expect(validateAssembly({ ...ok, retention: "-1" })["/retention_days"]).toBeDefined();
    expect(validateAssembly({ ...ok, retention: "" })).toEqual({});
  });
});

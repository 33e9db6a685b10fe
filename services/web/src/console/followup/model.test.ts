import { describe, expect, it } from "vitest";

import type { Staff } from "../model";
import {
  addressedTo,
  adoptedRecommendations,
  byRecommendation,
  type Commitment,
  commitmentBody,
  evidenceFileRoute,
  evidenceOfSteps,
  isDocument,
  mayEdit,
  progressBody,
  validateCommitment,
  validateCompile,
  validateEvidence,
  validateProgress,
  visibleCommitments,
} from "./model";

const dac: Staff = { roles: ["city-service"], department: "DAC", assemblies: ["*"], workshops: [] };
const secretariat: Staff = { roles: ["secretariat"], assemblies: ["*"], workshops: [] };
const c = (id: string, department: string, recommendation = "r1"): Commitment => ({
  id,
  department,
  recommendation_id: recommendation,
  recommendation_title: `R ${recommendation}`,
  status: "in-progress",
  progress: 40,
});

describe("whose commitments", () => {
  it("a department sees and edits its own only; the secretariat sees all and edits none", () => {
    const list = [c("1", "DAC"), c("2", "DVD")];
    expect(visibleCommitments(list, dac).map((x) => x.id)).toEqual(["1"]);
    expect(visibleCommitments(list, secretariat).map((x) => x.id)).toEqual(["1", "2"]);
    expect(mayEdit(list[0], dac)).toBe(true);
    expect(mayEdit(list[1], dac)).toBe(false);
    expect(mayEdit(list[0], secretariat)).toBe(false);
    expect(visibleCommitments(list, { ...dac, department: undefined })).toEqual([]);
  });

  it("groups by recommendation in the order met", () => {
    const groups = byRecommendation([c("1", "DAC", "a"), c("2", "DAC", "b"), c("3", "DVD", "a")]);
    expect(groups.map((g) => [g.id, g.items.map((x) => x.id)])).toEqual([
      ["a", ["1", "3"]],
      ["b", ["2"]],
    ]);
  });

  it("offers only the recommendations of the assembly's motions the Council adopted", () => {
    const item = (assembly_id: string, decision: "adopted" | "adopted-with-amendments" | "rejected" | null, id: string) => ({
      assembly_id,
      decision,
      title: "V",
      recommendations: [{ id, title: id }],
    });
    const sessions = [{ agenda: [item("x", "adopted", "a"), item("x", "rejected", "b"), item("x", null, "c"), item("y", "adopted", "d"), item("x", "adopted-with-amendments", "e")] }];
    expect(adoptedRecommendations(sessions, "x").map((r) => r.id)).toEqual(["a", "e"]);
  });

  it("puts first those whose workshop works with the department", () => {
    const r = (id: string, theme: string) => ({ id, title: id, motion: "V", theme });
    const workshops = [
      { theme: "culture", departments: ["DAC"] },
      { theme: "mobility", departments: ["DVD"] },
    ];
    const { mine, others } = addressedTo([r("a", "culture"), r("b", "mobility"), r("c", "culture")], workshops, "DAC");
    expect(mine.map((x) => x.id)).toEqual(["a", "c"]);
    expect(others.map((x) => x.id)).toEqual(["b"]);
    expect(addressedTo([r("a", "culture")], workshops, undefined).mine).toEqual([]);
  });
});

describe("the checks before sending", () => {
  it("a commitment needs its recommendation and title; a milestone begun needs both its fields", () => {
    const f = { recommendationId: "", title: "", description: "", electedOfficial: "", milestones: [{ title: "x", dueOn: "" }, { title: "", dueOn: "" }] };
    expect(Object.keys(validateCommitment(f))).toEqual(["/recommendation_id", "/title", "/milestones/0/due_on"]);
    expect(commitmentBody({ ...f, recommendationId: "r", title: " T ", milestones: [{ title: " M ", dueOn: "2026-01-01" }, { title: "", dueOn: "" }] })).toEqual({
      recommendation_id: "r",
      title: "T",
      milestones: [{ title: "M", due_on: "2026-01-01" }],
    });
  });

  it("progress: only what changed is sent; a figure out of range or no change is said", () => {
    const x = c("1", "DAC");
    expect(progressBody(x, { status: "in-progress", progress: "60", reason: "" })).toEqual({ progress: 60 });
    expect(progressBody(x, { status: "delayed", progress: "40", reason: " budget " })).toEqual({ status: "delayed", reason: "budget" });
    expect(validateProgress(x, { status: "in-progress", progress: "101", reason: "" })).toEqual({ "/progress": { key: "console.followup.progress.range" } });
    expect(validateProgress(x, { status: "in-progress", progress: "40", reason: "" })).toEqual({ "/progress": { key: "console.followup.progress.unchanged" } });
  });

  it("evidence is a web link with a label; a report is compiled as of today or earlier", () => {
    expect(Object.keys(validateEvidence("ftp://x", ""))).toEqual(["/url", "/label"]);
    expect(validateEvidence("https://www.paris.fr/x", "Délibération")).toEqual({});
    expect(Object.keys(validateCompile("2999-01-01"))).toEqual(["/as_of"]);
    expect(validateCompile("2020-01-01")).toEqual({});
  });
});

describe("evidence uploaded as a document", () => {
  it("is told from a link by its stable address, and sent to its own route", () => {
    expect(isDocument("/api/followup/v1/documents/d1")).toBe(true);
    expect(isDocument("https://www.paris.fr/api/followup/v1/documents/d1")).toBe(false);
    expect(isDocument(undefined)).toBe(false);
    expect(evidenceFileRoute("c/1")).toBe("/api/followup/v1/commitments/c%2F1/evidence/file");
  });

  it("is found again on the timeline's step that added it", () => {
    const made: Commitment = {
      ...c("c1", "DAC"),
      evidence: [
        { url: "https://www.paris.fr/x", label: "Page", added_at: "2026-01-01T10:00:00Z" },
        { url: "/api/followup/v1/documents/d1", label: "Délibération", added_at: "2026-01-02T10:00:00Z" },
      ],
      timeline: [
        { seq: 1, change: "created", status: "planned", progress: 0 },
        { seq: 2, change: "evidence", status: "planned", progress: 0, note: "Page" },
        { seq: 3, change: "progress", status: "in-progress", progress: 20 },
        { seq: 4, change: "evidence", status: "in-progress", progress: 20, note: "Délibération" },
      ],
    };
    const steps = evidenceOfSteps(made);
    expect([...steps.keys()]).toEqual([2, 4]);
    expect(steps.get(4)?.url).toBe("/api/followup/v1/documents/d1");
    // A step whose note is not the evidence's label is left as it is.
    expect(evidenceOfSteps({ ...made, timeline: [{ seq: 9, change: "evidence", note: "Autre" }] }).size).toBe(0);
  });
});

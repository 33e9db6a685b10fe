import { describe, expect, it } from "vitest";

import {
  type BallotForm,
  ballotBody,
  type DebateForm,
  debateBody,
  debateFields,
  departmentList,
  emptySpeaker,
  feedbackBody,
  percent,
  spokespersonsOf,
  stepsFor,
  tallyBody,
  validateBallot,
  validateDebate,
  validateFeedback,
  validateTally,
  validateVersion,
  type VersionForm,
  versionBody,
} from "./model";

describe("a department's feedback", () => {
  it("needs the opinion; the rest is optional", () => {
    expect(Object.keys(validateFeedback({ feasibility: "oui", cost_estimate: "", legal_constraints: "", text: " " }))).toEqual(["/text"]);
    expect(validateFeedback({ feasibility: "", cost_estimate: "", legal_constraints: "", text: "Avis" })).toEqual({});
  });
  it("sends only what was written, and never a department (the token's)", () => {
    const body = feedbackBody({ feasibility: " deux ans ", cost_estimate: "", legal_constraints: "", text: " Avis " });
    expect(body).toEqual({ text: "Avis", feasibility: "deux ans" });
    expect("department" in body).toBe(false);
  });
});

describe("a ballot's opening", () => {
  const form: BallotForm = {
    question: "Q ?",
    workshop: "",
    rule: "two-thirds",
    quorum: "0,5",
    mode: "hands",
    minutes: "30",
    motion_id: "",
    plenary_session_id: "",
  };
  it("names every field at fault", () => {
    expect(Object.keys(validateBallot({ ...form, question: "", quorum: "2", minutes: "0", plenary_session_id: "plénière" })).sort()).toEqual([
      "/closes_at",
      "/plenary_session_id",
      "/question",
      "/quorum",
    ]);
    expect(validateBallot(form)).toEqual({});
  });
  it("reads a French decimal, says the mode and closes after the minutes given", () => {
    const body = ballotBody("paris", form, new Date("2026-03-11T10:00:00.123Z"));
    expect(body).toEqual({
      assembly_id: "paris",
      question: "Q ?",
      rule: "two-thirds",
      quorum: 0.5,
      secret: false,
      show_of_hands: true,
      closes_at: "2026-03-11T10:30:00Z",
    });
    expect(ballotBody("paris", { ...form, mode: "secret", workshop: "mobility" }, new Date()).secret).toBe(true);
    expect(ballotBody("paris", { ...form, workshop: " mobility " }, new Date()).workshop).toBe("mobility");
    const onMotion = ballotBody("paris", { ...form, motion_id: "m-1", plenary_session_id: " 5b0e7c1a-2d3f-4e5a-8b6c-7d8e9f0a1b2c " }, new Date());
    expect(onMotion.motion_id).toBe("m-1");
    expect(onMotion.plenary_session_id).toBe("5b0e7c1a-2d3f-4e5a-8b6c-7d8e9f0a1b2c");
  });
});

describe("a show of hands' tally", () => {
  it("wants each count a whole number from 0 to the electorate", () => {
    const e = validateTally({ for: "5", against: "-1", abstain: "1.5", reason: "" }, 4, false);
    expect(Object.keys(e).sort()).toEqual(["/abstain", "/against", "/for"]);
    expect(e["/for"].detail).toBe("4");
    expect(validateTally({ for: "3", against: "1", abstain: "0", reason: "" }, 4, false)).toEqual({});
  });
  it("wants a reason for a correction only", () => {
    expect(Object.keys(validateTally({ for: "3", against: "1", abstain: "0", reason: " " }, 4, true))).toEqual(["/reason"]);
    expect(tallyBody({ for: "3", against: "1", abstain: "0", reason: "" })).toEqual({ for: 3, against: 1, abstain: 0 });
    expect(tallyBody({ for: "3", against: "1", abstain: "0", reason: " recompté " }).reason).toBe("recompté");
  });
  it("reads the turnout as a whole percentage, 0 for an empty electorate", () => {
    expect(percent(3, 4)).toBe(75);
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(0);
  });
});

describe("a recommendation's steps", () => {
  it("follow the service's statuses", () => {
    expect(stepsFor("draft")).toEqual(["adopt", "withdraw"]);
    expect(stepsFor("adopted")).toEqual(["hand-over", "withdraw"]);
    expect(stepsFor("handed-over")).toEqual(["co-construct", "address", "withdraw"]);
    expect(stepsFor("in-co-construction")).toEqual(["address", "withdraw"]);
    expect(stepsFor("carried")).toEqual([]);
    expect(stepsFor("withdrawn")).toEqual([]);
  });
  it("address a clean list of departments", () => {
    expect(departmentList("DVD, DAC ,, DVD")).toEqual(["DAC", "DVD"]);
    expect(departmentList(" , ")).toEqual([]);
  });
});

describe("a motion's forms", () => {
  const version: VersionForm = {
    title: "T",
    text: "Texte",
    session_id: "s",
    kind: "member",
    member_id: "",
    organisation: "ignored",
    note: " ",
  };
  it("a version names the proposer's missing field, and sends only what the kind takes", () => {
    expect(Object.keys(validateVersion({ ...version, title: " ", session_id: "" })).sort()).toEqual([
      "/proposed_by/member_id",
      "/session_id",
      "/title",
    ]);
    expect(Object.keys(validateVersion({ ...version, kind: "elected-representative", organisation: "" }))).toEqual([
      "/proposed_by/organisation",
    ]);
    expect(validateVersion({ ...version, kind: "secretariat" })).toEqual({});
    expect(versionBody({ ...version, member_id: "m" })).toEqual({
      title: "T",
      text: "Texte",
      session_id: "s",
      proposed_by: { kind: "member", member_id: "m" },
    });
    expect(versionBody({ ...version, kind: "secretariat", note: " pourquoi " }).proposed_by).toEqual({ kind: "secretariat" });
  });
  it("a debate's fields are in page order, and a name goes only with the consent", () => {
    const f: DebateForm = {
      plenary_session_id: "p",
      presentation_summary: "P",
      speakers: [{ ...emptySpeaker("spokesperson"), name: "Awa", consent: true }],
      interventions: [emptySpeaker("department")],
      summary: "S",
    };
    expect(debateFields(f)).toEqual([
      "/plenary_session_id",
      "/presentation/summary",
      "/presentation/speakers/0/role",
      "/presentation/speakers/0/name",
      "/presentation/speakers/0/name_consent",
      "/interventions/0/role",
      "/interventions/0/name",
      "/interventions/0/name_consent",
      "/interventions/0/summary",
      "/summary",
    ]);
    expect(Object.keys(validateDebate(f))).toEqual(["/interventions/0/summary"]);
    const noConsent = { ...f, speakers: [{ ...f.speakers[0], consent: false }] };
    expect(Object.keys(validateDebate(noConsent))).toContain("/presentation/speakers/0/name");
    expect(debateBody({ ...f, interventions: [{ ...emptySpeaker("department"), summary: " Coût " }] })).toEqual({
      plenary_session_id: "p",
      presentation: { summary: "P", speakers: [{ role: "spokesperson", name: "Awa", name_consent: true }] },
      interventions: [{ role: "department", summary: "Coût" }],
      summary: "S",
    });
  });
  it("the spokespersons are the motion's live roles", () => {
    const roles = [
      { member_id: "a", role: "spokesperson", motion_id: "m" },
      { member_id: "b", role: "spokesperson", motion_id: "m", ended_at: "2026-01-01T00:00:00Z" },
      { member_id: "c", role: "spokesperson", motion_id: "other" },
      { member_id: "d", role: "workshop-referent", motion_id: null },
    ];
    expect(spokespersonsOf(roles, "m")).toEqual(["a"]);
  });
});

// The rules of the recommendations section's forms, checked before sending as the service checks
// them, and what a recommendation's status lets the secretariat do next. Pure: no React, no I/O.
import type { FieldErrors } from "../../forms/problem";

export const FEEDBACK_TEXT_MAX = 20000;

export interface FeedbackForm {
  feasibility: string;
  cost_estimate: string;
  legal_constraints: string;
  text: string;
}
export const FEEDBACK_FIELDS = ["/feasibility", "/cost_estimate", "/legal_constraints", "/text"];

// The opinion is required; the lengths are the service's to refuse (named next to the field).
export function validateFeedback(f: FeedbackForm): FieldErrors {
  const e: FieldErrors = {};
  if (!f.text.trim()) e["/text"] = { key: "console.recommendations.form.text.missing" };
  return e;
}

// Only what was written is sent (the department is the token's, never the body's).
export function feedbackBody(f: FeedbackForm) {
  const body: Record<string, string> = { text: f.text.trim() };
  for (const k of ["feasibility", "cost_estimate", "legal_constraints"] as const) if (f[k].trim()) body[k] = f[k].trim();
  return body as { text: string; feasibility?: string; cost_estimate?: string; legal_constraints?: string };
}

export type Mode = "open" | "secret" | "hands";
export const RULES = ["simple-majority", "two-thirds", "unanimity-of-votes-cast", "unanimity-of-electorate"] as const;
export type Rule = (typeof RULES)[number];

export interface BallotForm {
  question: string;
  workshop: string;
  rule: Rule;
  quorum: string;
  mode: Mode;
  minutes: string;
  motion_id: string; // "" when the ballot is on no motion
  plenary_session_id: string; // the plenary where the assembly votes on a motion
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// "0,5" as the French write it, or "0.5".
export const parseDecimal = (typed: string) => (typed.trim() === "" ? NaN : Number(typed.trim().replace(",", ".")));

export function validateBallot(f: BallotForm): FieldErrors {
  const e: FieldErrors = {};
  if (!f.question.trim()) e["/question"] = { key: "console.ballots.question.missing" };
  const q = parseDecimal(f.quorum);
  if (!(q >= 0 && q <= 1)) e["/quorum"] = { key: "console.ballots.quorum.bad" };
  const m = Number(f.minutes);
  if (!Number.isInteger(m) || m < 1 || m > 10080) e["/closes_at"] = { key: "console.ballots.closesIn.bad" };
  if (f.plenary_session_id.trim() && !UUID.test(f.plenary_session_id.trim()))
    e["/plenary_session_id"] = { key: "console.ballots.plenary.bad" };
  return e;
}

const utc = (at: Date) => at.toISOString().replace(/\.\d+Z$/, "Z");

export function ballotBody(assemblyId: string, f: BallotForm, now: Date) {
  return {
    assembly_id: assemblyId,
    question: f.question.trim(),
    ...(f.workshop.trim() ? { workshop: f.workshop.trim() } : {}),
    ...(f.motion_id ? { motion_id: f.motion_id } : {}),
    ...(f.plenary_session_id.trim() ? { plenary_session_id: f.plenary_session_id.trim() } : {}),
    rule: f.rule,
    quorum: parseDecimal(f.quorum),
    secret: f.mode === "secret",
    show_of_hands: f.mode === "hands",
    closes_at: utc(new Date(now.getTime() + Number(f.minutes) * 60000)),
  };
}

export interface TallyForm {
  for: string;
  against: string;
  abstain: string;
  reason: string;
}
export const TALLY_FIELDS = ["/for", "/against", "/abstain", "/reason"];

// Each count a whole number from 0 to the electorate; a correction (a tally entered before) says
// why. The total against the electorate is the service's to refuse (it names each count).
export function validateTally(f: TallyForm, electorate: number, correction: boolean): FieldErrors {
  const e: FieldErrors = {};
  for (const k of ["for", "against", "abstain"] as const) {
    const n = Number(f[k]);
    if (f[k].trim() === "" || !Number.isInteger(n) || n < 0 || n > electorate)
      e[`/${k}`] = { key: "console.ballots.tally.count.bad", detail: String(electorate) };
  }
  if (correction && !f.reason.trim()) e["/reason"] = { key: "console.ballots.tally.reason.missing" };
  return e;
}

export const tallyBody = (f: TallyForm) => ({
  for: Number(f.for),
  against: Number(f.against),
  abstain: Number(f.abstain),
  ...(f.reason.trim() ? { reason: f.reason.trim() } : {}),
});

// The share of the electorate that took part, as a whole percentage.
export const percent = (voted: number, electorate: number) => (electorate > 0 ? Math.round((100 * voted) / electorate) : 0);

// What the secretariat may do with a recommendation in each status (the service's steps).
export type Step = "adopt" | "hand-over" | "co-construct" | "withdraw" | "address";
export function stepsFor(status: string): Step[] {
  switch (status) {
    case "draft":
      return ["adopt", "withdraw"];
    case "adopted":
      return ["hand-over", "withdraw"];
    case "handed-over":
      return ["co-construct", "address", "withdraw"];
    case "in-co-construction":
      return ["address", "withdraw"];
    default:
      return [];
  }
}

// "DVD, DAC ,, DU" -> ["DAC", "DU", "DVD"] (no blanks, no repeats).
export const departmentList = (typed: string) =>
  [...new Set(typed.split(",").map((d) => d.trim()).filter(Boolean))].sort();

// The workshops' cycle steps of the secretariat, without React: the assembly's three phases (their
// days, checked before sending as the service checks their shape; order and overlaps are the
// service's to refuse, naming the field), and the priority axes — the members' choice opened
// (how many axes are kept) and closed (the day), and the secretariat's correction (the axes one a
// line, the day, the reason). The bodies sent are the services' (services/workshops/README.md).
import type { FieldErrors } from "../../forms/problem";

export const PHASES = ["discovery", "recommendations", "co-construction-and-vote"] as const;
export type PhaseKind = (typeof PHASES)[number];

export interface Phase {
  kind?: string;
  starts_on?: string;
  ends_on?: string;
}

// A calendar day "YYYY-MM-DD" that exists (no 31 February).
export function isDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

// --- Phases ----------------------------------------------------------------------------------

export interface PhaseDraft {
  starts_on: string;
  ends_on: string;
}

export function validatePhase(d: PhaseDraft): FieldErrors {
  const out: FieldErrors = {};
  const starts = d.starts_on.trim();
  const ends = d.ends_on.trim();
  if (!isDay(starts)) out["/starts_on"] = { key: "console.workshops.phases.starts.missing" };
  if (!isDay(ends)) out["/ends_on"] = { key: "console.workshops.phases.ends.missing" };
  else if (isDay(starts) && ends < starts) out["/ends_on"] = { key: "console.workshops.phases.ends.beforeStart" };
  return out;
}

export const phaseBody = (d: PhaseDraft) => ({ starts_on: d.starts_on.trim(), ends_on: d.ends_on.trim() });

// The phases in their order, each with the dates the service holds (undefined: not dated).
export function phasesInOrder(items: Phase[]): { kind: PhaseKind; phase?: Phase }[] {
  return PHASES.map((kind) => ({ kind, phase: items.find((p) => p.kind === kind) }));
}

// --- The members' choice of the axes ---------------------------------------------------------

export const SEATS_MIN = 1;
export const SEATS_MAX = 10;

export function validateSeats(seats: string): FieldErrors {
  const s = seats.trim();
  const n = Number(s);
  return /^\d+$/.test(s) && n >= SEATS_MIN && n <= SEATS_MAX ? {} : { "/seats": { key: "console.workshops.choice.seats.invalid" } };
}

export function validateChosenOn(day: string): FieldErrors {
  return isDay(day.trim()) ? {} : { "/chosen_on": { key: "console.workshops.choice.day.missing" } };
}

// --- The secretariat's correction ------------------------------------------------------------

export const AXES_MAX = 20;
export const AXIS_TITLE_MAX = 300;
export const REASON_MAX = 1000;

export interface Axis {
  rank?: number;
  title?: string;
  description?: string;
  chosen_on?: string;
}

export interface CorrectionDraft {
  axes: string; // one title a line
  chosen_on: string;
  reason: string;
}

// The axes typed, one title a line (blank lines left out).
export const axisLines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");

// `correction`: the members chose the axes, so the reason is required (the service's rule).
export function validateCorrection(d: CorrectionDraft, correction: boolean): FieldErrors {
  const out: FieldErrors = {};
  const lines = axisLines(d.axes);
  if (lines.length === 0) out["/axes"] = { key: "console.workshops.correct.axes.missing" };
  else if (lines.length > AXES_MAX) out["/axes"] = { key: "console.workshops.correct.axes.tooMany" };
  else if (lines.some((l) => [...l].length > AXIS_TITLE_MAX)) out["/axes"] = { key: "console.workshops.correct.axes.tooLong" };
  Object.assign(out, validateChosenOn(d.chosen_on));
  const reason = d.reason.trim();
  if (correction && reason === "") out["/reason"] = { key: "console.workshops.correct.reason.missing" };
  else if ([...reason].length > REASON_MAX) out["/reason"] = { key: "console.workshops.correct.reason.tooLong" };
  return out;
}

// The body of PUT …/priority-axes: an axis whose title is unchanged keeps its description.
export function correctionBody(d: CorrectionDraft, current: Axis[]) {
  const reason = d.reason.trim();
  return {
    chosen_on: d.chosen_on.trim(),
    axes: axisLines(d.axes).map((title) => {
      const description = current.find((a) => a.title === title)?.description;
      return description ? { title, description } : { title };
    }),
    ...(reason ? { reason } : {}),
  };
}

// Where a refusal of the correction lands: every axis's fault on the one text area.
export const correctionPointer = (pointer: string) => (pointer.startsWith("/axes") ? "/axes" : pointer);

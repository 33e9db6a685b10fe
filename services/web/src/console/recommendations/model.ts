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

// A new version of a motion's text, drafted in one of the workshop's sessions, with who proposed
// it: a member of the workshop, a department or a representative of the elected officials (their
// organisation), or the secretariat.
export const PROPOSER_KINDS = ["member", "department", "elected-representative", "secretariat"] as const;
export type ProposerKind = (typeof PROPOSER_KINDS)[number];
export interface VersionForm {
  title: string;
  text: string;
  session_id: string;
  kind: ProposerKind;
  member_id: string;
  organisation: string;
  note: string;
}
export const VERSION_FIELDS = [
  "/title",
  "/text",
  "/session_id",
  "/proposed_by/kind",
  "/proposed_by/member_id",
  "/proposed_by/organisation",
  "/note",
];

export function validateVersion(f: VersionForm): FieldErrors {
  const e: FieldErrors = {};
  if (!f.title.trim()) e["/title"] = { key: "console.motions.version.title.missing" };
  if (!f.text.trim()) e["/text"] = { key: "console.motions.version.text.missing" };
  if (!f.session_id) e["/session_id"] = { key: "console.motions.version.session.missing" };
  if (f.kind === "member" && !f.member_id) e["/proposed_by/member_id"] = { key: "console.motions.version.member.missing" };
  if ((f.kind === "department" || f.kind === "elected-representative") && !f.organisation.trim())
    e["/proposed_by/organisation"] = { key: "console.motions.version.organisation.missing" };
  return e;
}

// Only what the proposer's kind takes: a member's id, or an organisation.
export function versionBody(f: VersionForm) {
  const proposed_by: { kind: ProposerKind; member_id?: string; organisation?: string } = { kind: f.kind };
  if (f.kind === "member") proposed_by.member_id = f.member_id;
  if (f.kind === "department" || f.kind === "elected-representative") proposed_by.organisation = f.organisation.trim();
  return {
    title: f.title.trim(),
    text: f.text,
    session_id: f.session_id,
    proposed_by,
    ...(f.note.trim() ? { note: f.note.trim() } : {}),
  };
}

// The debate at the last plenary: the group's presentation (its speakers), the interventions,
// the summary. Speakers by role; a name only with the speaker's consent.
export const SPEAKER_ROLES = [
  "spokesperson",
  "member",
  "department",
  "elected-representative",
  "elected-official",
  "expert",
  "secretariat",
  "public",
] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];
export interface SpeakerRow {
  role: SpeakerRole;
  name: string;
  consent: boolean;
  summary: string; // interventions only
}
export interface DebateForm {
  plenary_session_id: string;
  presentation_summary: string;
  speakers: SpeakerRow[];
  interventions: SpeakerRow[];
  summary: string;
}
export const emptySpeaker = (role: SpeakerRole): SpeakerRow => ({ role, name: "", consent: false, summary: "" });

// The pointers of the form's fields, in page order (the service names the same).
export function debateFields(f: DebateForm): string[] {
  const row = (at: string, withSummary: boolean) => [
    `${at}/role`,
    `${at}/name`,
    `${at}/name_consent`,
    ...(withSummary ? [`${at}/summary`] : []),
  ];
  return [
    "/plenary_session_id",
    "/presentation/summary",
    ...f.speakers.flatMap((_, i) => row(`/presentation/speakers/${i}`, false)),
    ...f.interventions.flatMap((_, i) => row(`/interventions/${i}`, true)),
    "/summary",
  ];
}

export function validateDebate(f: DebateForm): FieldErrors {
  const e: FieldErrors = {};
  if (!f.plenary_session_id) e["/plenary_session_id"] = { key: "console.motions.debate.plenary.missing" };
  if (!f.presentation_summary.trim()) e["/presentation/summary"] = { key: "console.motions.debate.presentation.missing" };
  const rows = (list: SpeakerRow[], at: string, withSummary: boolean) =>
    list.forEach((s, i) => {
      if (s.name.trim() && !s.consent) e[`${at}/${i}/name`] = { key: "console.motions.debate.name.noConsent" };
      if (withSummary && !s.summary.trim()) e[`${at}/${i}/summary`] = { key: "console.motions.debate.intervention.missing" };
    });
  rows(f.speakers, "/presentation/speakers", false);
  rows(f.interventions, "/interventions", true);
  if (!f.summary.trim()) e["/summary"] = { key: "console.motions.debate.summary.missing" };
  return e;
}

// A name goes only with the consent; an unnamed speaker sends neither.
function speakerBody(s: SpeakerRow, withSummary: boolean) {
  return {
    role: s.role,
    ...(s.name.trim() ? { name: s.name.trim(), name_consent: s.consent } : {}),
    ...(withSummary ? { summary: s.summary.trim() } : {}),
  };
}

export function debateBody(f: DebateForm) {
  return {
    plenary_session_id: f.plenary_session_id,
    presentation: { summary: f.presentation_summary.trim(), speakers: f.speakers.map((s) => speakerBody(s, false)) },
    interventions: f.interventions.map((s) => speakerBody(s, true) as { role: SpeakerRole; summary: string }),
    summary: f.summary.trim(),
  };
}

// The motion's spokespersons as membership keeps them (roles announced by this service): the
// live spokesperson roles of the motion, in the order given.
export interface Role {
  member_id?: string;
  role?: string;
  motion_id?: string | null;
  ended_at?: string | null;
}
export const spokespersonsOf = (roles: Role[], motionId: string) =>
  roles.filter((r) => r.role === "spokesperson" && r.motion_id === motionId && !r.ended_at).map((r) => r.member_id ?? "");

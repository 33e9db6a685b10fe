// The invitees' answer form without React: the questions, what a typed code must look like,
// the checks made before sending, the request body, and what the service's answer means for
// each field. Field names are the request's JSON pointers ("/code", "/criteria/gender",
// "/consent") plus "/willing", so a problem's `errors` land next to their fields.
import type { Key } from "../i18n/messages";

// The letter's code: 10 characters of this alphabet (no 0/O, 1/I), printed "XXXXX-XXXXX"; typed
// with any case, spaces or dashes (the service normalises it the same way).
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s\-–—_.]/g, "");
}

export function codeLooksValid(typed: string): boolean {
  const c = normaliseCode(typed);
  return c.length === 10 && [...c].every((ch) => ALPHABET.includes(ch));
}

// The self-declared criteria, with the values the quota sets count (docs: the sortition
// service's quotas CSV). `kind` is how the form asks: a few choices as radio buttons, many as
// a list.
export interface Question {
  name: "gender" | "age_band" | "arrondissement" | "diploma";
  kind: "radio" | "select";
  values: string[];
}

export const QUESTIONS: Question[] = [
  { name: "gender", kind: "radio", values: ["F", "M"] },
  { name: "age_band", kind: "radio", values: ["18-24", "25-34", "35-49", "50-64", "65+"] },
  {
    name: "arrondissement",
    kind: "select",
    values: Array.from({ length: 20 }, (_, i) => String(i + 1)),
  },
  { name: "diploma", kind: "radio", values: ["none", "bac", "bac+2/3", "bac+5"] },
];

export interface AnswerForm {
  code: string;
  willing: "yes" | "no" | "";
  criteria: Record<string, string>;
  consent: boolean;
}

export const emptyForm = (): AnswerForm => ({ code: "", willing: "", criteria: {}, consent: false });

// A message for a field: a catalogue key, or the service's own words (shown inside a
// translated sentence).
export type FieldError = { key: Key; detail?: string };
export type FieldErrors = Record<string, FieldError>;

// The form's fields in page order (the error summary follows it).
export function fieldOrder(): string[] {
  return ["/code", "/willing", ...QUESTIONS.map((q) => `/criteria/${q.name}`), "/consent"];
}

export function validate(form: AnswerForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.code.trim()) errors["/code"] = { key: "answer.code.missing" };
  else if (!codeLooksValid(form.code)) errors["/code"] = { key: "answer.code.format" };
  if (!form.willing) errors["/willing"] = { key: "answer.willing.missing" };
  if (form.willing === "yes") {
    for (const q of QUESTIONS)
      if (!form.criteria[q.name]) errors[`/criteria/${q.name}`] = { key: "answer.question.missing" };
    if (!form.consent) errors["/consent"] = { key: "answer.consent.missing" };
  }
  return errors;
}

export function requestBody(form: AnswerForm) {
  const criteria: Record<string, string> = {};
  for (const q of QUESTIONS) if (form.criteria[q.name]) criteria[q.name] = form.criteria[q.name];
  return { code: normaliseCode(form.code), criteria, consent: true as const };
}

export interface ProblemLike {
  status?: number;
  detail?: string;
  field?: string;
  errors?: { pointer: string; detail: string }[];
}

// What a refusal means for the person answering. 404 and 409: the code cannot be used — the
// service answers the same for an unknown code, a code already used and a closed call, and the
// form says no more than it (a guess learns nothing). 400/422: each field at fault; one that
// is not on the form is shown at the code, the one everybody fills.
export type Outcome = { fields: FieldErrors; general?: Key };

export function outcomeOf(status: number, problem: ProblemLike | undefined): Outcome {
  if (status === 404 || status === 409 || status === 410)
    return { fields: { "/code": { key: "answer.code.notRecognised" } } };
  if (status === 429) return { fields: {}, general: "answer.error.tooMany" };
  if (status === 400 || status === 422) {
    const known = new Set(fieldOrder());
    const fields: FieldErrors = {};
    const list = problem?.errors?.length
      ? problem.errors
      : [{ pointer: problem?.field ?? "/code", detail: problem?.detail ?? "" }];
    for (const e of list) {
      const at = known.has(e.pointer) ? e.pointer : "/code";
      if (!fields[at]) fields[at] = { key: "answer.error.field", detail: e.detail };
    }
    return { fields };
  }
  return { fields: {}, general: "answer.error.server" };
}

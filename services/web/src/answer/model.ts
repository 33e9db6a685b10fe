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

// What the invitee is asked, as the sortition service gives it for their code
// (POST /v1/responses/questions): each category the quotas count and its values. A few values
// are asked as radio buttons, many as a list.
export interface Question {
  name: string;
  values: string[];
}

export const kindOf = (q: Question): "radio" | "select" => (q.values.length > 6 ? "select" : "radio");

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
export function fieldOrder(questions: Question[]): string[] {
  return ["/code", "/willing", ...questions.map((q) => `/criteria/${q.name}`), "/consent"];
}

// Before the questions are known only the code is checked; then everything.
export function validate(form: AnswerForm, questions?: Question[]): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.code.trim()) errors["/code"] = { key: "answer.code.missing" };
  else if (!codeLooksValid(form.code)) errors["/code"] = { key: "answer.code.format" };
  if (!questions) return errors;
  if (!form.willing) errors["/willing"] = { key: "answer.willing.missing" };
  if (form.willing === "yes") {
    for (const q of questions)
      if (!form.criteria[q.name]) errors[`/criteria/${q.name}`] = { key: "answer.question.missing" };
    if (!form.consent) errors["/consent"] = { key: "answer.consent.missing" };
  }
  return errors;
}

export function requestBody(form: AnswerForm, questions: Question[]) {
  const criteria: Record<string, string> = {};
  for (const q of questions) if (form.criteria[q.name]) criteria[q.name] = form.criteria[q.name];
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

export function outcomeOf(
  status: number,
  problem: ProblemLike | undefined,
  questions: Question[] = [],
): Outcome {
  if (status === 404 || status === 409 || status === 410)
    return { fields: { "/code": { key: "answer.code.notRecognised" } } };
  if (status === 429) return { fields: {}, general: "answer.error.tooMany" };
  if (status === 400 || status === 422) {
    const known = new Set(fieldOrder(questions));
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

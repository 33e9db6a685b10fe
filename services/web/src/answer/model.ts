// The invitees' answer form without React: the questions, what a typed code must look like,
// the checks made before sending, the request body, and what the service's answer means for
// each field. Field names are the request's JSON pointers ("/code", "/willing",
// "/criteria/gender", "/contact/email", "/contact/phone", "/consent"), so a problem's `errors`
// land next to their fields.
import { type FieldError, type FieldErrors, type ProblemLike, problemFields } from "../forms/problem";
import type { Key } from "../i18n/messages";

export type { FieldError, FieldErrors, ProblemLike };

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
  // How the secretariat reaches a willing invitee who is drawn: an e-mail address, a phone
  // number or both (the postal address is the one the letter came to).
  email: string;
  phone: string;
}

export const emptyForm = (): AnswerForm => ({
  code: "",
  willing: "",
  criteria: {},
  consent: false,
  email: "",
  phone: "",
});

// The code the letter's QR code carries in the address (`/repondre?code=ABCDE-FGHJK`), as the
// field takes it: letters, digits and dashes only, upper-cased, at most 20 characters; "" when
// the address has none.
export function codeFromAddress(search: string): string {
  const raw = new URLSearchParams(search).get("code") ?? "";
  return raw.replace(/[^A-Za-z0-9-]/g, "").toUpperCase().slice(0, 20);
}

// The service's rules (sortition's domain/contact.h): something before the @, a domain with a
// dot, no spaces; 6 to 15 digits once spaces, dots, dashes and brackets are dropped, an
// optional leading +.
export function emailLooksValid(typed: string): boolean {
  const e = typed.trim();
  return e.length <= 254 && /^[^\s@]{1,64}@[^\s@]+\.[^\s@]*[^\s@.]$/.test(e);
}

export function phoneLooksValid(typed: string): boolean {
  return /^\+?\d{6,15}$/.test(typed.trim().replace(/[\s.\-()]/g, ""));
}


// The form's fields in page order (the error summary follows it).
export function fieldOrder(questions: Question[]): string[] {
  return [
    "/code",
    "/willing",
    ...questions.map((q) => `/criteria/${q.name}`),
    "/contact/email",
    "/contact/phone",
    "/consent",
  ];
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
    const email = form.email.trim(), phone = form.phone.trim();
    if (!email && !phone) errors["/contact/email"] = { key: "answer.contact.missing" };
    if (email && !emailLooksValid(email)) errors["/contact/email"] = { key: "answer.email.format" };
    if (phone && !phoneLooksValid(phone)) errors["/contact/phone"] = { key: "answer.phone.format" };
    if (!form.consent) errors["/consent"] = { key: "answer.consent.missing" };
  }
  return errors;
}

// A yes carries the criteria, consent and contact details; a no nothing else.
export function requestBody(form: AnswerForm, questions: Question[]) {
  const code = normaliseCode(form.code);
  if (form.willing === "no") return { code, willing: false };
  const criteria: Record<string, string> = {};
  for (const q of questions) if (form.criteria[q.name]) criteria[q.name] = form.criteria[q.name];
  const contact: { email?: string; phone?: string } = {};
  if (form.email.trim()) contact.email = form.email.trim();
  if (form.phone.trim()) contact.phone = form.phone.trim();
  return { code, willing: true, criteria, consent: true as const, contact };
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
  if (status === 400 || status === 422)
    // "/contact" (neither given) is said at the first of the two fields.
    return {
      fields: problemFields(problem, fieldOrder(questions), "/code", "answer.error.field", (p) =>
        p === "/contact" ? "/contact/email" : p,
      ),
    };
  return { fields: {}, general: "answer.error.server" };
}

// The members' forms and their errors: a message per field (by the request's JSON pointer, as a
// problem's `errors` name them), shown next to the field in the DSFR error state; the first field
// at fault takes the focus.
import type { Key } from "../i18n/messages";

export type FieldError = { key: Key; detail?: string };
export type FieldErrors = Record<string, FieldError>;

export interface ProblemLike {
  detail?: string;
  errors?: { pointer: string; detail: string }[];
}

// A refusal's fields (400/422): each one of `fields` the problem names gets the service's words;
// one not on the form lands on `fallback`.
export function problemFields(problem: ProblemLike | undefined, fields: string[], fallback: string): FieldErrors {
  const out: FieldErrors = {};
  const list = problem?.errors?.length ? problem.errors : [{ pointer: fallback, detail: problem?.detail ?? "" }];
  for (const e of list) {
    const at = fields.includes(e.pointer) ? e.pointer : fallback;
    out[at] ??= { key: "member.forms.refused", detail: e.detail };
  }
  return out;
}

// Focuses the control of the first field at fault, in the form's order (`ids`: pointer -> id).
export function focusFirst(errors: FieldErrors, ids: Record<string, string>) {
  const first = Object.keys(ids).find((f) => errors[f]);
  if (first) document.getElementById(ids[first])?.focus();
}

export const stateOf = (e: FieldError | undefined) => (e ? ("error" as const) : ("default" as const));

type Translate = (key: Key, params?: Record<string, string | number>) => string;
export const messageOf = (t: Translate, e: FieldError | undefined) =>
  e && (e.detail !== undefined ? t(e.key, { detail: e.detail }) : t(e.key));

// What every form of the application says about its fields, without React: a message for a field
// (a catalogue key, or the service's own words inside a translated sentence), the errors of a
// form by field (the request's JSON pointer: "/reason", "/code", "/email", as a problem's
// `errors` name them), the shape of a service's problem (RFC 9457) as the forms read it, and
// where a refusal's fields land.
import type { Key } from "../i18n/messages";

export type FieldError = { key: Key; detail?: string };
export type FieldErrors = Record<string, FieldError>;

export interface ProblemLike {
  status?: number;
  detail?: string;
  field?: string;
  errors?: { pointer: string; detail: string }[];
}

// A refusal's fields (400/422): each field the problem names (its `errors` by JSON pointer, else
// its one `field`) gets the service's words inside the sentence `key`, next to that field when it
// is one of `fields` (after `alias`, which moves a pointer to the control that shows it), else on
// `fallback`, the form's main field. The one home of this mapping for every form.
export function problemFields(
  problem: ProblemLike | undefined,
  fields: readonly string[],
  fallback: string,
  key: Key = "forms.refused",
  alias: (pointer: string) => string = (p) => p,
): FieldErrors {
  const out: FieldErrors = {};
  const list = problem?.errors?.length
    ? problem.errors
    : [{ pointer: problem?.field ?? fallback, detail: problem?.detail ?? "" }];
  for (const e of list) {
    const pointer = alias(e.pointer);
    const at = fields.includes(pointer) ? pointer : fallback;
    out[at] ??= { key, detail: e.detail };
  }
  return out;
}

// What every form of the application says about its fields: a message for a field (a catalogue
// key, or the service's own words inside a translated sentence), the errors of a form by field
// (the request's JSON pointer: "/reason", "/code", "/email", as a problem's `errors` name them),
// and the shape of a service's problem (RFC 9457) as the forms read it.
import type { Key } from "../i18n/messages";

export type FieldError = { key: Key; detail?: string };
export type FieldErrors = Record<string, FieldError>;

export interface ProblemLike {
  status?: number;
  detail?: string;
  field?: string;
  errors?: { pointer: string; detail: string }[];
}

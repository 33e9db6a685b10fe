// The members' space without React: who is signed in as which member, the checks made before
// sending, what a service's refusal means for each field, and the sessions' check-in windows.
// Field names are the requests' JSON pointers ("/reason", "/code", "/email"), so a problem's
// `errors` land next to their fields.
import type { components as Membership } from "../api/generated/membership";
import type { components as Workshops } from "../api/generated/workshops";
import { type FieldError, type FieldErrors, type ProblemLike, problemFields } from "../forms/problem";
import type { Key } from "../i18n/messages";

export type { FieldError, FieldErrors, ProblemLike };

export type Member = Membership["schemas"]["Member"];
export type Consent = Membership["schemas"]["Consent"];
export type Contact = Membership["schemas"]["Contact"];
export type Session = Workshops["schemas"]["Session"];
export type Workshop = Workshops["schemas"]["Workshop"];

// The addresses of the space (French, and its English twin); a section is a segment after them.
export const MEMBER_PATHS = ["/espace-membre", "/member-space"];

// The base the reader used and the section named after it ("" for the first one); undefined
// when the path is not the members' space.
export function splitMemberPath(path: string): { base: string; section: string } | undefined {
  const base = MEMBER_PATHS.find((b) => path === b || path.startsWith(`${b}/`));
  if (!base) return undefined;
  return { base, section: path.slice(base.length).replace(/^\/+|\/+$/g, "") };
}

// The member id of the access token's `member_id` claim (the token is not checked here: the
// services check it; this only says whose space to show).
export function memberIdOf(accessToken: string | undefined): string | undefined {
  const payload = accessToken?.split(".")[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const claims = JSON.parse(json) as { member_id?: unknown };
    return typeof claims.member_id === "string" && claims.member_id ? claims.member_id : undefined;
  } catch {
    return undefined;
  }
}


export const REASON_MAX = 500;

// A decline and a withdrawal say why (the service requires it of a withdrawal, the invitation
// asks it of a decline).
export function validateReason(reason: string): FieldErrors {
  if (!reason.trim()) return { "/reason": { key: "member.reason.missing" } };
  if (reason.length > REASON_MAX) return { "/reason": { key: "member.reason.tooLong" } };
  return {};
}

// The code shown in the room: 6 letters and digits (no 0, O, 1, I, L), typed in any case.
const CHECKIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const normaliseCheckInCode = (typed: string) => typed.toUpperCase().replace(/[\s\-_.]/g, "");

export function validateCheckIn(sessionId: string, code: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!sessionId) errors["/session"] = { key: "member.checkIn.session.missing" };
  const c = normaliseCheckInCode(code);
  if (!c) errors["/code"] = { key: "member.checkIn.code.missing" };
  else if (c.length !== 6 || ![...c].every((ch) => CHECKIN_ALPHABET.includes(ch)))
    errors["/code"] = { key: "member.checkIn.code.format" };
  return errors;
}

export type Channel = "email" | "sms" | "phone" | "post";
export interface ContactForm {
  name: string;
  email: string;
  phone: string;
  address: string;
  preferred_channel: Channel | "";
  language: "fr" | "en";
}

export const contactForm = (c: Contact | undefined): ContactForm => ({
  name: c?.name ?? "",
  email: c?.email ?? "",
  phone: c?.phone ?? "",
  address: c?.address ?? "",
  preferred_channel: (["email", "sms", "phone", "post"] as const).find((x) => x === c?.preferred_channel) ?? "",
  language: c?.language === "en" ? "en" : "fr",
});

// The field a channel needs: e-mail for e-mail, the address for post, the phone otherwise.
export const neededFor = (ch: Channel): "email" | "address" | "phone" =>
  ch === "email" ? "email" : ch === "post" ? "address" : "phone";

export const CONTACT_FIELDS = ["/name", "/email", "/phone", "/address", "/preferred_channel", "/language"];

export function validateContact(f: ContactForm): FieldErrors {
  const errors: FieldErrors = {};
  for (const k of ["name", "email", "phone", "address"] as const)
    if (f[k].length > 300) errors[`/${k}`] = { key: "member.contact.tooLong" };
  if (f.email.trim() && !/^[^\s@]+@[^\s@]+$/.test(f.email.trim()) && !errors["/email"])
    errors["/email"] = { key: "member.contact.email.format" };
  if (!f.preferred_channel) errors["/preferred_channel"] = { key: "member.contact.channel.missing" };
  else {
    const needed = neededFor(f.preferred_channel);
    if (!f[needed].trim() && !errors[`/${needed}`])
      errors[`/${needed}`] = { key: `member.contact.${needed}.needed` };
  }
  return errors;
}

export function contactBody(f: ContactForm) {
  const out: {
    name?: string;
    email?: string;
    phone?: string;
    address?: string;
    preferred_channel: Channel;
    language: "fr" | "en";
  } = { preferred_channel: f.preferred_channel as Channel, language: f.language };
  for (const k of ["name", "email", "phone", "address"] as const) if (f[k].trim()) out[k] = f[k].trim();
  return out;
}


// What a refusal means. 400/422: each field at fault next to it (one not on the form goes to
// `fallback`, the form's main field); 409: the record changed meanwhile; 429: wait; 403: not
// allowed; anything else: not done.
export type Outcome = { fields: FieldErrors; general?: Key };

export function outcomeOf(
  status: number,
  problem: ProblemLike | undefined,
  known: string[],
  fallback: string,
): Outcome {
  if (status === 400 || status === 422) return { fields: problemFields(problem, known, fallback, "member.error.field") };
  if (status === 409) return { fields: {}, general: "member.error.conflict" };
  if (status === 429) return { fields: {}, general: "member.error.tooMany" };
  if (status === 401 || status === 403) return { fields: {}, general: "member.error.forbidden" };
  return { fields: {}, general: "member.error.server" };
}

// Check-in is open from an hour before a session to an hour after its end (as the service has it).
const HOUR = 3600_000;
export function checkInOpen(s: Session, now: Date): boolean {
  if (s.state === "cancelled" || !s.starts_at || !s.ends_at) return false;
  const t = now.getTime();
  return Date.parse(s.starts_at) - HOUR <= t && t <= Date.parse(s.ends_at) + HOUR;
}

// The sessions in time order; the one a member most likely checks in to: open now, else the next.
export const byStart = (list: Session[]) =>
  [...list].sort((a, b) => (a.starts_at ?? "").localeCompare(b.starts_at ?? ""));

export function likelySession(list: Session[], now: Date): Session | undefined {
  const sorted = byStart(list).filter((s) => s.state !== "cancelled");
  return (
    sorted.find((s) => checkInOpen(s, now)) ??
    sorted.find((s) => Date.parse(s.starts_at ?? "") > now.getTime())
  );
}

// Today's date in Paris (a consent's given_on).
export function parisDate(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(now);
}

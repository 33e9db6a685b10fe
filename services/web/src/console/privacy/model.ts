// The personal-data sections without React: the audit trail's filters as the services take them,
// a Paris wall-clock time as the UTC instant the trail's `since` wants, and the erasure form's
// checks.
import type { FieldErrors } from "../../forms/problem";

export const AUDITED_SERVICES = ["membership", "sortition", "workshops", "recommendations", "followup"] as const;
export type AuditedService = (typeof AUDITED_SERVICES)[number];

// The UTC instant ("2026-03-03T17:30:00Z") of a wall-clock time in Paris ("2026-03-03T18:30", as
// an <input type="datetime-local"> gives it); undefined when it is not one.
export function parisToUtc(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== d) return undefined;
  // Paris's offset at that moment: what its clock shows at an instant, minus the instant.
  const offsetAt = (instant: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Paris",
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      })
        .formatToParts(new Date(instant))
        .map((x) => [x.type, x.value]),
    );
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - instant;
  };
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export interface AuditFilters {
  subject: string;
  actor: string;
  since: string; // Paris wall-clock, "" for none
}

export function validateAuditFilters(f: AuditFilters): FieldErrors {
  return f.since.trim() && !parisToUtc(f.since) ? { "/since": { key: "console.audit.error.since" } } : {};
}

// The query the trail takes: only the filters given.
export function auditQuery(f: AuditFilters, cursor?: string) {
  const q: { subject?: string; actor?: string; since?: string; limit: string; cursor?: string } = { limit: "50" };
  if (f.subject.trim()) q.subject = f.subject.trim();
  if (f.actor.trim()) q.actor = f.actor.trim();
  const since = f.since.trim() ? parisToUtc(f.since) : undefined;
  if (since) q.since = since;
  if (cursor) q.cursor = cursor;
  return q;
}

export function validateErasure(memberId: string, confirmed: boolean): FieldErrors {
  const e: FieldErrors = {};
  if (!memberId.trim()) e["/member_id"] = { key: "console.erasure.error.member" };
  if (!confirmed) e["/confirm"] = { key: "console.erasure.error.confirm" };
  return e;
}

// What a service erased, as "name: count" pairs in a stable order ("" when nothing).
export function erasedPairs(erased: Record<string, number> | null | undefined): [string, number][] {
  return Object.entries(erased ?? {})
    .filter(([, n]) => typeof n === "number")
    .sort(([a], [b]) => a.localeCompare(b));
}

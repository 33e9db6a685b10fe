// The members' list as the console shows it: each member of membership's list beside their
// attendance (membership's participation figures, never recomputed here), filtered, sorted and cut
// into pages. Pure: no fetch, no React.
import type { components } from "../../api/generated/membership";

export type Member = components["schemas"]["Member"];
export type Status = NonNullable<Member["status"]>;
export type HistoryLine = components["schemas"]["HistoryLine"];
export type Role = components["schemas"]["Role"];

export const STATUSES: Status[] = ["selected", "invited", "confirmed", "declined", "active", "withdrawn", "completed"];

// A member's attendance as GET /v1/assemblies/{id}/participation gives it.
export interface Attendance {
  sessions: number;
  present: number;
  rate: number;
  atRisk: boolean;
}

export interface Row {
  member: Member;
  attendance?: Attendance;
}

export type SortKey = "status" | "pool" | "workshop" | "attendance" | "changed";
export interface Sort {
  key: SortKey;
  descending: boolean;
}

export interface Filter {
  workshop: string; // "" any, "-" none
  pool: string; // "" any
  atRiskOnly: boolean;
}

export const PAGE_SIZE = 10;

interface ParticipationItem {
  member_id?: string;
  overall?: { sessions?: number; present?: number; rate?: number };
  at_risk?: boolean;
}

export function attendanceByMember(items: ParticipationItem[] | undefined): Map<string, Attendance> {
  const out = new Map<string, Attendance>();
  for (const i of items ?? []) {
    if (!i.member_id) continue;
    out.set(i.member_id, {
      sessions: i.overall?.sessions ?? 0,
      present: i.overall?.present ?? 0,
      rate: i.overall?.rate ?? 0,
      atRisk: i.at_risk ?? false,
    });
  }
  return out;
}

export function rowsOf(members: Member[], attendance: Map<string, Attendance>): Row[] {
  return members.map((member) => ({ member, attendance: member.id ? attendance.get(member.id) : undefined }));
}

export function applyFilter(rows: Row[], f: Filter): Row[] {
  return rows.filter(({ member, attendance }) => {
    if (f.pool && member.pool !== f.pool) return false;
    if (f.workshop === "-" && member.workshop_theme) return false;
    if (f.workshop && f.workshop !== "-" && member.workshop_theme !== f.workshop) return false;
    if (f.atRiskOnly && !attendance?.atRisk) return false;
    return true;
  });
}

// The words a column shows (a pool's or a workshop's name): the rows sort by them.
export interface Labels {
  pool: (code: string | null | undefined) => string;
  workshop: (theme: string | null | undefined) => string;
}
const CODES: Labels = { pool: (c) => c ?? "", workshop: (w) => w ?? "" };

function keyOf(r: Row, key: SortKey, labels: Labels): string | number {
  switch (key) {
    case "status":
      return STATUSES.indexOf(r.member.status ?? "selected");
    case "pool":
      return r.member.pool ? labels.pool(r.member.pool) : "";
    case "workshop":
      return r.member.workshop_theme ? labels.workshop(r.member.workshop_theme) : "";
    case "attendance":
      // Members without any session recorded come last going up, first going down.
      return r.attendance?.sessions ? r.attendance.rate : 2;
    case "changed":
      return r.member.status_changed_at ?? r.member.created_at ?? "";
  }
}

// Stable: equal keys keep the list's order (membership's, by id).
export function applySort(rows: Row[], s: Sort, labels: Labels = CODES): Row[] {
  const dir = s.descending ? -1 : 1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = keyOf(a.r, s.key, labels);
      const y = keyOf(b.r, s.key, labels);
      if (x < y) return -dir;
      if (x > y) return dir;
      return a.i - b.i;
    })
    .map(({ r }) => r);
}

export function pageCount(total: number, size = PAGE_SIZE) {
  return Math.max(1, Math.ceil(total / size));
}

// Page `page` (1-based, clamped into range).
export function pageOf<T>(rows: T[], page: number, size = PAGE_SIZE): { items: T[]; page: number } {
  const p = Math.min(Math.max(1, page), pageCount(rows.length, size));
  return { items: rows.slice((p - 1) * size, p * size), page: p };
}

// What the secretariat may record of a member in this status (membership's lifecycle).
export type Action = "invite" | "confirm" | "decline" | "withdraw";
// An acceptance received by phone or by post is recorded by the secretariat (confirm).
export function actionsFor(status: Status | undefined): Action[] {
  switch (status) {
    case "selected":
      return ["invite"];
    case "invited":
      return ["confirm", "decline"];
    case "confirmed":
    case "active":
      return ["withdraw"];
    default:
      return [];
  }
}

export const shortId = (id: string | undefined) => (id ?? "").slice(0, 8);

export const percent = (rate: number) => `${Math.round(rate * 100)} %`;

// Whether the member's workshop wishes can still change (membership's rule: selected, invited or
// confirmed, and not yet placed: they count at the placement of the opening plenary); when not,
// why.
export type WishesClosed = { placed: string } | { status: Status } | undefined;
export function wishesClosed(m: Member): WishesClosed {
  if (m.workshop_theme) return { placed: m.workshop_theme };
  if (m.status === "selected" || m.status === "invited" || m.status === "confirmed") return undefined;
  return { status: m.status ?? "selected" };
}

// The ranked choices of the wishes' form (one select per rank, "" for none) checked before
// sending: a workshop chosen twice, or a rank left empty above a chosen one, is named on its
// select (by the pointer the service would use, /workshops/<rank>); else the body's list.
export function checkWishes(choices: string[]): { errors: Record<string, "repeated" | "gap">; workshops: string[] } {
  const errors: Record<string, "repeated" | "gap"> = {};
  const last = choices.reduce((at, c, i) => (c ? i : at), -1);
  choices.forEach((c, i) => {
    if (!c && i < last) errors[`/workshops/${i}`] = "gap";
    else if (c && choices.indexOf(c) < i) errors[`/workshops/${i}`] = "repeated";
  });
  return { errors, workshops: choices.filter(Boolean) };
}

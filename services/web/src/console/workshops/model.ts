// The workshops section's rules, without React: Paris days and times (the calendar is in Paris
// time whatever the reader's clock), the month grid, the session form's checks (as the service
// makes them), the attendance sheet (its keys, what is sent, which rows are corrections) and a
// notebook diff laid out side by side.
import type { FieldErrors } from "../../forms/problem";

export interface Session {
  id: string;
  assembly_id?: string;
  workshop_id?: string | null;
  workshop_theme?: string | null;
  type?: string;
  title?: string;
  starts_at?: string;
  ends_at?: string;
  place?: string;
  online_link?: string;
  site?: string;
  speakers?: { name?: string; organisation?: string; topic?: string }[];
  state?: "scheduled" | "held" | "cancelled";
  state_reason?: string;
  checkin_code?: string;
  changes?: { at?: string; actor?: string; change?: string; detail?: Record<string, unknown> }[];
}

export const SESSION_TYPES = ["working-session", "hearing", "site-visit", "training", "co-construction", "plenary"] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

// --- Paris time -------------------------------------------------------------------------------

const PARIS = "Europe/Paris";
const parts = (at: Date) => {
  const f = new Intl.DateTimeFormat("en-GB", {
    timeZone: PARIS,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (t: string) => f.find((p) => p.type === t)?.value ?? "";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
};

// The Paris day ("YYYY-MM-DD") and time ("HH:MM") of an instant.
export const parisDay = (iso: string) => parts(new Date(iso)).date;
export const parisTime = (iso: string) => parts(new Date(iso)).time;

// The instant (UTC, "…Z") of a Paris wall time; undefined when the day or time is malformed.
export function parisToUtc(day: string, time: string): string | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const wall = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2]);
  if (Number.isNaN(wall) || +t[1] > 23 || +t[2] > 59) return undefined;
  // Paris is UTC+1 or +2: try both offsets, keep the one that reads back as the wall time.
  for (const hours of [1, 2]) {
    const at = new Date(wall - hours * 3600_000);
    const p = parts(at);
    if (p.date === day && p.time === time) return at.toISOString().replace(/\.000Z$/, "Z");
  }
  return undefined;
}

// --- The month grid ---------------------------------------------------------------------------

export interface GridDay {
  day: string; // YYYY-MM-DD
  inMonth: boolean;
}

// The weeks (Monday first) that show `month` ("YYYY-MM"), each of seven days.
export function monthGrid(month: string): GridDay[][] {
  const [y, m] = month.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7; // days before the 1st, from Monday
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const weeks: GridDay[][] = [];
  const total = Math.ceil((lead + days) / 7) * 7;
  for (let i = 0; i < total; i++) {
    const at = new Date(Date.UTC(y, m - 1, 1 - lead + i));
    const day = at.toISOString().slice(0, 10);
    if (i % 7 === 0) weeks.push([]);
    weeks[weeks.length - 1].push({ day, inMonth: at.getUTCMonth() === m - 1 });
  }
  return weeks;
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + by, 1)).toISOString().slice(0, 7);
}

export const validMonth = (s: string | undefined) => !!s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

// Sessions by Paris day, each day's in start order.
export function byDay(sessions: Session[]): Map<string, Session[]> {
  const out = new Map<string, Session[]>();
  for (const s of [...sessions].sort((a, b) => (a.starts_at ?? "").localeCompare(b.starts_at ?? ""))) {
    if (!s.starts_at) continue;
    const day = parisDay(s.starts_at);
    out.set(day, [...(out.get(day) ?? []), s]);
  }
  return out;
}

// --- The session form -------------------------------------------------------------------------

export interface SessionDraft {
  type: string;
  workshopId: string;
  title: string;
  day: string;
  start: string;
  end: string;
  place: string;
  site: string;
  speakers: string; // one person a line: "Name, organisation"
}

export function parseSpeakers(text: string): { name: string; organisation: string }[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.indexOf(",");
      return at < 0 ? { name: l, organisation: "" } : { name: l.slice(0, at).trim(), organisation: l.slice(at + 1).trim() };
    });
}

// What the form finds before sending, by the request's JSON pointers (the service checks the same).
export function validateSession(d: SessionDraft): FieldErrors {
  const e: FieldErrors = {};
  if (!SESSION_TYPES.includes(d.type as SessionType)) e["/type"] = { key: "console.workshops.form.type.missing" };
  if (d.type !== "plenary" && !d.workshopId) e["/workshop_id"] = { key: "console.workshops.form.workshop.missing" };
  if (!d.title.trim()) e["/title"] = { key: "console.workshops.form.title.missing" };
  Object.assign(e, validateTimes(d.day, d.start, d.end));
  if (!d.place.trim()) e["/place"] = { key: "console.workshops.form.place.missing" };
  if (d.type === "site-visit" && !d.site.trim()) e["/site"] = { key: "console.workshops.form.site.missing" };
  if (d.type === "hearing" && parseSpeakers(d.speakers).length === 0)
    e["/speakers"] = { key: "console.workshops.form.speakers.missing" };
  return e;
}

export function validateTimes(day: string, start: string, end: string): FieldErrors {
  const e: FieldErrors = {};
  const from = parisToUtc(day, start);
  const to = parisToUtc(day, end);
  const dayOk = /^\d{4}-\d{2}-\d{2}$/.test(day);
  if (!dayOk) e["/day"] = { key: "console.workshops.form.day.missing" };
  if (dayOk && !from) e["/starts_at"] = { key: "console.workshops.form.start.missing" };
  if (dayOk && !to) e["/ends_at"] = { key: "console.workshops.form.end.missing" };
  else if (from && to && to <= from) e["/ends_at"] = { key: "console.workshops.form.end.beforeStart" };
  return e;
}

export function sessionBody(d: SessionDraft, assemblyId: string) {
  const base = {
    type: d.type as SessionType,
    title: d.title.trim(),
    starts_at: parisToUtc(d.day, d.start) ?? "",
    ends_at: parisToUtc(d.day, d.end) ?? "",
    place: d.place.trim(),
  };
  return {
    ...base,
    ...(d.type === "plenary" ? { assembly_id: assemblyId } : { workshop_id: d.workshopId }),
    ...(d.type === "site-visit" ? { site: d.site.trim() } : {}),
    ...(d.type === "hearing" ? { speakers: parseSpeakers(d.speakers) } : {}),
  };
}

// The catalogue key of a count: `.one` for one (and for 0 in French), else `.other`.
export const countKey = <K extends string>(base: K, n: number, lang: "fr" | "en") =>
  `${base}.${n === 1 || (lang === "fr" && n === 0) ? "one" : "other"}` as `${K}.one` | `${K}.other`;

// --- The attendance sheet ---------------------------------------------------------------------

export const STATUSES = ["present", "excused", "absent"] as const;
export type Status = (typeof STATUSES)[number];

// The documented shortcuts of a row: P present, E excused, A absent (the same letters in French).
export function statusOfKey(key: string): Status | undefined {
  return ({ p: "present", e: "excused", a: "absent" } as const)[key.toLowerCase() as "p" | "e" | "a"];
}

export interface SheetRow {
  memberId: string;
  recorded?: Status; // what the service holds
  status?: Status; // what the sheet says now
  reason: string;
}

// A row is a correction when the service holds a status and the sheet changes it.
export const isCorrection = (r: SheetRow) => !!r.recorded && !!r.status && r.status !== r.recorded;

// What the sheet sends: the rows whose status differs from the service's, a correction with its
// reason; and the rows whose reason is missing (by the member id).
export function sheetRecords(rows: SheetRow[]) {
  const records = rows
    .filter((r) => r.status && r.status !== r.recorded)
    .map((r) => ({
      member_id: r.memberId,
      status: r.status as Status,
      ...(isCorrection(r) ? { reason: r.reason.trim() } : {}),
    }));
  const missing = rows.filter((r) => isCorrection(r) && !r.reason.trim()).map((r) => r.memberId);
  return { records, missing };
}

// --- A notebook diff, side by side --------------------------------------------------------------

export interface DiffLine {
  op?: "=" | "-" | "+";
  text?: string;
}
export interface SideRow {
  left?: string; // the earlier version's line (undefined: none on that side)
  right?: string;
  op: "=" | "-" | "+" | "~"; // "~": a line removed and another added in its place
}

// The service's line diff as rows of two columns: a run of removed lines faces the run of added
// lines that follows it (a changed passage), an unchanged line faces itself.
export function sideBySide(lines: DiffLine[]): SideRow[] {
  const out: SideRow[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].op === "=" || lines[i].op === undefined) {
      out.push({ left: lines[i].text ?? "", right: lines[i].text ?? "", op: "=" });
      i++;
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    while (i < lines.length && lines[i].op === "-") removed.push(lines[i++].text ?? "");
    while (i < lines.length && lines[i].op === "+") added.push(lines[i++].text ?? "");
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      const left = removed[k];
      const right = added[k];
      out.push({ left, right, op: left !== undefined && right !== undefined ? "~" : left !== undefined ? "-" : "+" });
    }
  }
  return out;
}

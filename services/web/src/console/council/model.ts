// The Council in the console without React: the types the followup service serves, the agenda
// items of one assembly, and the checks made before sending a session, a debate or a decision
// (the service checks again, the vote rules included, and its refusals land on the same fields).
import type { components } from "../../api/generated/followup";
import type { FieldErrors } from "../../forms/problem";

export type CouncilSession = components["schemas"]["CouncilSession"];
export type AgendaItem = components["schemas"]["AgendaItem"];
export type Dossier = components["schemas"]["Dossier"];

export const DECISIONS = ["adopted", "adopted-with-amendments", "rejected"] as const;
export const GROUP_POSITIONS = ["for", "against", "abstention", "divided"] as const;
type GroupPosition = (typeof GROUP_POSITIONS)[number];

// The day as the service counts it (UTC): "YYYY-MM-DD".
export const utcToday = (now = new Date()) => now.toISOString().slice(0, 10);

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

// The items of `assembly` on every session's agenda, with their session.
export function agendaOf(sessions: CouncilSession[], assembly: string): { session: CouncilSession; item: AgendaItem }[] {
  return sessions.flatMap((session) =>
    (session.agenda ?? []).filter((item) => item.assembly_id === assembly).map((item) => ({ session, item })),
  );
}

export function validateSession(name: string, heldOn: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!name.trim()) errors["/name"] = { key: "console.council.session.name.missing" };
  if (!isDay(heldOn)) errors["/held_on"] = { key: "console.council.session.heldOn.missing" };
  return errors;
}

export interface PositionRow {
  group: string;
  position: string;
  summary: string;
}

// Rows left wholly empty are not sent; a row begun needs its group and position.
export function debateBody(presentation: string, summary: string, rows: PositionRow[]) {
  return {
    presentation: presentation.trim(),
    summary: summary.trim(),
    positions: rows
      .filter((r) => r.group.trim() || r.position || r.summary.trim())
      .map((r) => ({ group: r.group.trim(), position: r.position as GroupPosition, ...(r.summary.trim() ? { summary: r.summary.trim() } : {}) })),
  };
}

export function validateDebate(rows: PositionRow[]): FieldErrors {
  const errors: FieldErrors = {};
  const kept = rows.filter((r) => r.group.trim() || r.position || r.summary.trim());
  const seen = new Set<string>();
  kept.forEach((r, i) => {
    if (!r.group.trim()) errors[`/positions/${i}/group`] = { key: "console.council.debate.group.missing" };
    else if (seen.has(r.group.trim())) errors[`/positions/${i}/group`] = { key: "console.council.debate.group.twice" };
    seen.add(r.group.trim());
    if (!r.position) errors[`/positions/${i}/position`] = { key: "console.council.debate.position.missing" };
  });
  return errors;
}

export interface DecisionForm {
  decision: string;
  votesFor: string;
  votesAgainst: string;
  abstentions: string;
  amendments: string;
}

const count = (s: string) => (/^\d{1,4}$/.test(s.trim()) ? Number(s.trim()) : undefined);

// The vote's figures must be whole numbers; whether they carry the decision is the service's rule
// (domain::check), said next to the field it names.
export function validateDecision(f: DecisionForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!f.decision) errors["/decision"] = { key: "console.council.decision.missing" };
  for (const [pointer, value] of [
    ["/votes_for", f.votesFor],
    ["/votes_against", f.votesAgainst],
    ["/abstentions", f.abstentions],
  ] as const)
    if (count(value) === undefined) errors[pointer] = { key: "console.council.decision.count" };
  if (f.decision === "adopted-with-amendments" && !f.amendments.trim())
    errors["/amendments"] = { key: "console.council.decision.amendments.missing" };
  return errors;
}

export const decisionBody = (f: DecisionForm) => ({
  decision: f.decision as (typeof DECISIONS)[number],
  votes_for: count(f.votesFor) ?? 0,
  votes_against: count(f.votesAgainst) ?? 0,
  abstentions: count(f.abstentions) ?? 0,
  ...(f.amendments.trim() ? { amendments: f.amendments.trim() } : {}),
});

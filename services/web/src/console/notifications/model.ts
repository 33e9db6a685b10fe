// The console's messages without React: the assembly's figures as a table (a row per kind, a
// column per state as a reader counts them, 0 where the service has none), the filters of the
// list kept in the address's query, the list's query to the service, and which messages the
// secretariat may send again.
import { MESSAGE_KINDS, type Message, type ShownState, SHOWN_STATES, shownState } from "../../notifications/words";

export interface Filters {
  kind: string;
  state: string;
}

// The filters from an address's query (?kind=…&state=…); a state the list does not know is
// dropped (the service would refuse it).
export function filtersOf(search: string): Filters {
  const q = new URLSearchParams(search);
  const state = q.get("state") ?? "";
  return { kind: q.get("kind") ?? "", state: (SHOWN_STATES as readonly string[]).includes(state) ? state : "" };
}

// The address's query of these filters ("" when none).
export function searchOf(f: Filters): string {
  const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v));
  return q.size ? `?${q}` : "";
}

export const LIST_LIMIT = 100;

// GET /v1/messages's query: the assembly's, newest 100, the filters set.
export function listQuery(assemblyId: string, f: Filters) {
  return {
    assembly_id: assemblyId,
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.state ? { state: f.state } : {}),
    limit: LIST_LIMIT,
  };
}

export type ByKind = Record<string, Record<string, number>>;

// The figures' rows: the known kinds in the process's order, then any other the service counts;
// a kind with no message at all is left out. Each row: the kind and its count per shown state
// (sending counted with pending).
export function figureRows(byKind: ByKind): { kind: string; counts: Record<ShownState, number> }[] {
  const known = MESSAGE_KINDS as readonly string[];
  const kinds = [...known.filter((k) => k in byKind), ...Object.keys(byKind).filter((k) => !known.includes(k)).sort()];
  return kinds.map((kind) => {
    const counts = Object.fromEntries(SHOWN_STATES.map((s) => [s, 0])) as Record<ShownState, number>;
    for (const [state, n] of Object.entries(byKind[kind] ?? {}))
      if ((SHOWN_STATES as readonly string[]).includes(state) || state === "sending")
        counts[shownState(state as Message["state"])] += n;
    return { kind, counts };
  });
}

// How many messages of the assembly are uncertain.
export const uncertainCount = (byKind: ByKind) =>
  Object.values(byKind).reduce((n, states) => n + (states.uncertain ?? 0), 0);

// A message the secretariat may send again: its fate uncertain, or refused (once the address is
// corrected). The service answers 409 for any other.
export const resendable = (m: Message) => m.state === "uncertain" || m.state === "refused";

// A sent message whose text the service still keeps.
export const readable = (m: Message) => m.state === "sent" && m.body_kept;

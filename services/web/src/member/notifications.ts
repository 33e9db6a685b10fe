// The member's messages without React: the kinds of message the notifications service sends and
// whether the member receives each (mandatory ones always), the request that saves the choices,
// where a refusal's `errors` land (each names an index of `refused`, the kind's checkbox shows
// it), and the messages' states in words, newest first.
import type { components as Notifications } from "../api/generated/notifications";
import { memberStateKey } from "../notifications/words";

export type { Message, MessageState } from "../notifications/words";
export { newestFirst } from "../notifications/words";
export type KindChoice = Notifications["schemas"]["KindChoice"];

// The field of a kind's checkbox (a form's errors are by field) and the id of its control.
export const kindField = (kind: string) => `/kinds/${kind}`;
export const kindControlId = (field: string) => `member-messages-kind-${field.replace(/^\/kinds\//, "")}`;

// What the member ticked, kind -> receive, from the service's answer.
export const receiving = (kinds: KindChoice[]): Record<string, boolean> =>
  Object.fromEntries(kinds.map((k) => [k.kind, k.mandatory || k.receive]));

// The body of PUT …/preferences: exactly the optional kinds not ticked, in the service's order.
export const refusedOf = (kinds: KindChoice[], receive: Record<string, boolean>): string[] =>
  kinds.filter((k) => !k.mandatory && receive[k.kind] === false).map((k) => k.kind);

// A refusal's pointer "/refused/<i>" names the kind sent at that index: its checkbox's field.
export function refusalAlias(refused: string[]) {
  return (pointer: string) => {
    const m = /^\/refused\/(\d+)$/.exec(pointer);
    const kind = m ? refused[Number(m[1])] : undefined;
    return kind ? kindField(kind) : pointer;
  };
}

// The catalogue's words for a state (pending and sending are both "being sent").
export const stateKey = memberStateKey;

// What the members' space ("My messages") and the console ("Messages") share about the messages
// the notifications service sends: their types, the states in the order a person reads them, and
// a kind's name and its one line from the catalogue (a kind the catalogue does not know: its
// identifier, so a new kind of the service still shows).
import type { components as Notifications } from "../api/generated/notifications";
import { useI18n } from "../i18n/i18n";
import type { Key } from "../i18n/messages";

export type Message = Notifications["schemas"]["Message"];
export type MessageState = Message["state"];

// Every state, from the happy end to what waits for someone (pending and sending are one for a
// reader: "being sent").
export const MESSAGE_STATES: readonly MessageState[] = [
  "sent",
  "pending",
  "sending",
  "uncertain",
  "refused",
  "skipped",
  "waiting",
];

// The states as a reader counts them: sending folded into pending.
export type ShownState = Exclude<MessageState, "sending">;
export const SHOWN_STATES: readonly ShownState[] = ["sent", "pending", "uncertain", "refused", "skipped", "waiting"];
export const shownState = (s: MessageState): ShownState => (s === "sending" ? "pending" : s);

// The kinds the service sends (GET /v1/kinds gives the same list, with which are mandatory).
export const MESSAGE_KINDS = [
  "confirmation-request",
  "confirmation-reminder",
  "replacement-drawn",
  "report-published",
  "session-scheduled",
  "session-moved",
  "session-cancelled",
  "session-reminder",
  "ballot-opened",
  "ballot-closed",
  "milestone-overdue",
] as const;

export function useKindWords() {
  const { t, has } = useI18n();
  return {
    label: (kind: string) => {
      const k = `member.messages.kind.${kind}`;
      return has(k) ? t(k) : kind;
    },
    text: (kind: string) => {
      const k = `member.messages.kind.${kind}.text`;
      return has(k) ? t(k) : "";
    },
  };
}

// The members' space's words for a state (addressed to the member).
export const memberStateKey = (s: MessageState): Key => `member.messages.state.${shownState(s)}` as Key;

// Newest first (by when the message was made; the service's order is not relied on).
export const newestFirst = (items: Message[]): Message[] =>
  [...items].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));

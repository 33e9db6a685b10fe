// What the members' space's tests share: a fake of the services (answers by method and path,
// every request kept), a member's record, and the page rendered in a language.
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { vi } from "vitest";

import { I18nProvider } from "../i18n/i18n";
import type { Lang } from "../i18n/messages";
import type { Member } from "./model";

export const ME = "c0ffee00-1234-4abc-9def-0123456789ab";

export const member = (over: Partial<Member> = {}): Member => ({
  id: ME,
  assembly_id: "paris-2026",
  status: "invited",
  status_changed_at: "2026-03-01T09:30:00Z",
  workshop_theme: null,
  ...over,
});

// An access token carrying these claims (unsigned: the page does not check it, the services do).
export const jwt = (claims: object) =>
  `e30.${btoa(JSON.stringify(claims)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}.sig`;

export const reply = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": status < 300 ? "application/json" : "application/problem+json" },
  });

export interface Sent {
  method: string;
  path: string;
  query: string;
  body: unknown;
}

// `routes`: "METHOD /api/<service>/path" → the answer (or a function of the request's body).
export function services(routes: Record<string, [number, unknown] | ((body: unknown) => [number, unknown])>) {
  const sent: Sent[] = [];
  const fetch = vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
    const req = input as Request;
    const url = new URL(req.url);
    const text = req.method === "GET" ? "" : await req.text();
    const body = text ? JSON.parse(text) : undefined;
    sent.push({ method: req.method, path: url.pathname, query: url.search, body });
    const answer = routes[`${req.method} ${url.pathname}`];
    if (!answer) return reply(404, { status: 404, title: "Not found" });
    const [status, out] = typeof answer === "function" ? answer(body) : answer;
    return reply(status, out);
  });
  return { sent, fetch, changes: () => sent.filter((s) => s.method !== "GET") };
}

export function show(ui: ReactNode, lang: Lang = "fr") {
  render(<I18nProvider lang={lang}>{ui}</I18nProvider>);
  return userEvent.setup();
}

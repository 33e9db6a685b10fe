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
export const MEMBER = "11111111-1111-4111-8111-111111111111";
export const WORKSHOP = "22222222-2222-4222-8222-222222222222";
export const ASSEMBLY = "paris-2026";

export const member = (over: Partial<Member> = {}): Member => ({
  id: ME,
  assembly_id: ASSEMBLY,
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

type Handler = (req: { url: URL; body: unknown }) => [number, unknown];

// `routes`: "METHOD /api/<service>/path" → the handler of the request; anything else is a 404.
function fake(routes: Record<string, Handler>) {
  const sent: Sent[] = [];
  const fetch = vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
    const req = input as Request;
    const url = new URL(req.url);
    const text = req.method === "GET" ? "" : await req.text();
    const body = text ? JSON.parse(text) : undefined;
    sent.push({ method: req.method, path: url.pathname, query: url.search, body });
    const handler = routes[`${req.method} ${url.pathname}`];
    if (!handler) return reply(404, { status: 404, title: "Not found" });
    const [status, out] = handler({ url, body });
    return reply(status, out);
  });
  return { sent, fetch, changes: () => sent.filter((s) => s.method !== "GET") };
}

// Answers given as they are, or as a function of the request's body.
export function services(routes: Record<string, [number, unknown] | ((body: unknown) => [number, unknown])>) {
  return fake(
    Object.fromEntries(
      Object.entries(routes).map(([k, a]) => [k, (req: { body: unknown }) => (typeof a === "function" ? a(req.body) : a)]),
    ),
  );
}

// The member's own record and their workshop, as membership and workshops give them.
export const placeRoutes: Record<string, Handler> = {
  [`GET /api/membership/v1/members/${MEMBER}`]: () => [
    200,
    { id: MEMBER, assembly_id: ASSEMBLY, status: "active", workshop_theme: "environment" },
  ],
  "GET /api/workshops/v1/workshops": () => [
    200,
    { items: [{ id: WORKSHOP, assembly_id: ASSEMBLY, theme: "environment", title: "Environnement" }] },
  ],
};

// The member's place (placeRoutes) and these routes; the requests sent.
export function fakeServices(routes: Record<string, Handler>) {
  return fake({ ...placeRoutes, ...routes }).sent;
}

export function show(ui: ReactNode, lang: Lang = "fr") {
  render(<I18nProvider lang={lang}>{ui}</I18nProvider>);
  return userEvent.setup();
}

export const problem = (status: number, errors: { pointer: string; detail: string }[]) => ({
  type: "/problems/unprocessable-entity",
  title: "Unprocessable entity",
  status,
  errors,
});

// The messages tied to a control by aria-describedby.
export const describedBy = (el: HTMLElement) =>
  (el.getAttribute("aria-describedby") ?? "")
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");

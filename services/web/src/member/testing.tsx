// For the members' pages' tests: a fake of the services behind fetch (routes by method and path,
// every request recorded with its body) and the page rendered in a language.
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement } from "react";
import { vi } from "vitest";

import { I18nProvider } from "../i18n/i18n";
import type { Lang } from "../i18n/messages";

export const MEMBER = "11111111-1111-4111-8111-111111111111";
export const WORKSHOP = "22222222-2222-4222-8222-222222222222";
export const ASSEMBLY = "paris-2026";

type Handler = (req: { url: URL; body: unknown }) => [number, unknown];
export interface Sent {
  method: string;
  path: string;
  query: string;
  body: unknown;
}

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status < 300 ? "application/json" : "application/problem+json" },
  });

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

// `routes`: "METHOD /api/<service>/<path>" -> handler; anything else is a 404.
export function fakeServices(routes: Record<string, Handler>) {
  const sent: Sent[] = [];
  const all = { ...placeRoutes, ...routes };
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
    const req = input as Request;
    const url = new URL(req.url);
    const text = req.method === "GET" ? "" : await req.text();
    const body = text ? JSON.parse(text) : undefined;
    sent.push({ method: req.method, path: url.pathname, query: url.search, body });
    const handler = all[`${req.method} ${url.pathname}`];
    if (!handler) return reply(404, { status: 404, title: "Not found" });
    const [status, out] = handler({ url, body });
    return reply(status, out);
  });
  return sent;
}

export function show(page: ReactElement, lang: Lang = "fr") {
  render(<I18nProvider lang={lang}>{page}</I18nProvider>);
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

import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { services, show } from "../../member/testing";
import type { Assembly, Role } from "../model";
import { MessagesSection } from "./MessagesSection";

beforeEach(() => window.history.replaceState({}, "", "/console/paris/messages"));
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const assembly = { id: "paris" } as Assembly;
const staff = (role: Role) => ({ roles: [role], assemblies: ["*"], workshops: [] });

const M = {
  sent: "11111111-0000-4000-8000-000000000001",
  uncertain: "22222222-0000-4000-8000-000000000002",
  refused: "33333333-0000-4000-8000-000000000003",
};
// Each message to its own member: a row is found by the member's short id.
const message = (id: string, over: object) => ({
  id,
  member_id: id,
  assembly_id: "paris",
  kind: "confirmation-request",
  cause: `invited:${id}`,
  state: "sent",
  attempts: 1,
  last_error: "",
  channel: "email",
  language: "fr",
  body_kept: true,
  created_at: "2026-03-01T09:30:00Z",
  sent_at: "2026-03-01T09:30:02Z",
  next_attempt_at: "2026-03-01T09:30:00Z",
  ...over,
});
const ITEMS = [
  message(M.sent, {}),
  message(M.uncertain, { state: "uncertain", attempts: 1, created_at: "2026-03-02T09:30:00Z", sent_at: null }),
  message(M.refused, {
    state: "refused",
    kind: "report-published",
    last_error: "550 mailbox unavailable",
    created_at: "2026-03-03T09:30:00Z",
    sent_at: null,
  }),
];
const FIGURES = {
  assembly_id: "paris",
  total: 9,
  by_kind: { "confirmation-request": { sent: 5, uncertain: 1, sending: 1 }, "report-published": { refused: 1, waiting: 1 } },
};

function page(role: Role = "secretariat", routes: Parameters<typeof services>[0] = {}, lang: "fr" | "en" = "fr") {
  const api = services({
    "GET /api/notifications/v1/assemblies/paris/message-figures": [200, FIGURES],
    "GET /api/notifications/v1/messages": [200, { items: ITEMS }],
    [`GET /api/notifications/v1/messages/${M.sent}/text`]: [200, { id: M.sent, text: "Bonjour,\nvotre invitation." }],
    ...routes,
  });
  const user = show(<MessagesSection assembly={assembly} staff={staff(role)} rest={[]} />, lang);
  return { api, user };
}

const rowOf = (id: string) => screen.getByText(id.slice(0, 8)).closest("tr") as HTMLElement;

describe("the console's messages: the figures", () => {
  it("shows a row per kind and a column per state, 0 where none, the total in the caption", async () => {
    page();
    const table = await screen.findByRole("table", { name: /par sorte et par état \(9 au total\)/ });
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(headers).toEqual([
      "Sorte de message",
      "envoyés",
      "en attente d’envoi",
      "incertains",
      "refusés",
      "non envoyés",
      "en attente de coordonnées",
    ]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => Array.from(r.children).map((c) => c.textContent))).toEqual([
      ["Demande de confirmation", "5", "1", "1", "0", "0", "0"],
      ["Rapports de suivi", "0", "0", "0", "1", "0", "1"],
    ]);
  });

  it("is in English too", async () => {
    page("secretariat", {}, "en");
    const table = await screen.findByRole("table", { name: /by kind and state \(9 in all\)/ });
    expect(within(table).getAllByRole("columnheader")[6]?.textContent).toBe("waiting for contact details");
    expect(screen.getByText(/second copy/)).toBeTruthy();
  });

  it("says why the uncertain ones matter, in one notice at the top", async () => {
    page();
    const notice = await screen.findByText(/Incertains : 1/);
    expect(notice.closest(".fr-alert")?.textContent).toMatch(
      /on ne sait pas si le courriel est parti.*second exemplaire/,
    );
  });

  it("has no notice when nothing is uncertain", async () => {
    page("secretariat", {
      "GET /api/notifications/v1/assemblies/paris/message-figures": [
        200,
        { assembly_id: "paris", total: 1, by_kind: { "confirmation-request": { sent: 1 } } },
      ],
    });
    await screen.findByRole("table", { name: /par sorte/ });
    expect(screen.queryByText(/Incertains/)).toBeNull();
  });
});

describe("the console's messages: the list", () => {
  it("lists the assembly's newest 100, newest first, states in words, the member linked to their page", async () => {
    const { api } = page();
    const table = await screen.findByRole("table", { name: /du plus récent au plus ancien \(3/ });
    const list = api.sent.find((s) => s.path === "/api/notifications/v1/messages");
    expect(new URLSearchParams(list?.query).get("assembly_id")).toBe("paris");
    expect(new URLSearchParams(list?.query).get("limit")).toBe("100");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.children[3]?.textContent)).toEqual(["refusé", "incertain", "envoyé"]);
    expect(rows[0]?.children[5]?.textContent).toBe("550 mailbox unavailable");
    const member = within(rows[0] as HTMLElement).getByRole("link", { name: `Membre ${M.refused}` });
    expect(member.getAttribute("href")).toBe(`/console/paris/membres/membre/${M.refused}`);
    expect(member.textContent).toBe(M.refused.slice(0, 8));
  });

  it("sends the filters chosen to the service and keeps them in the address", async () => {
    const { api, user } = page();
    await screen.findByRole("table", { name: /du plus récent/ });
    await user.selectOptions(screen.getByLabelText("Sorte"), "report-published");
    await user.selectOptions(screen.getByLabelText("État"), "refused");
    await user.click(screen.getByRole("button", { name: "Filtrer" }));
    await waitFor(() => expect(api.sent.filter((s) => s.path === "/api/notifications/v1/messages")).toHaveLength(2));
    const q = new URLSearchParams(api.sent.filter((s) => s.path === "/api/notifications/v1/messages")[1]?.query);
    expect(q.get("kind")).toBe("report-published");
    expect(q.get("state")).toBe("refused");
    expect(q.get("assembly_id")).toBe("paris");
    expect(window.location.search).toBe("?kind=report-published&state=refused");
  });

  it("starts from the filters in the address", async () => {
    window.history.replaceState({}, "", "/console/paris/messages?state=uncertain");
    const { api } = page();
    await screen.findByRole("table", { name: /du plus récent/ });
    const q = new URLSearchParams(api.sent.find((s) => s.path === "/api/notifications/v1/messages")?.query);
    expect(q.get("state")).toBe("uncertain");
    expect((screen.getByLabelText("État") as HTMLSelectElement).value).toBe("uncertain");
  });

  it("shows a sent message's text on demand", async () => {
    const { user } = page();
    await screen.findByRole("table", { name: /du plus récent/ });
    const show = within(rowOf(M.sent)).getByRole("button", { name: "Voir le texte" });
    expect(show.getAttribute("aria-expanded")).toBe("false");
    await user.click(show);
    expect(show.getAttribute("aria-expanded")).toBe("true");
    const region = document.getElementById(show.getAttribute("aria-controls") ?? "") as HTMLElement;
    await waitFor(() => expect(region.querySelector("pre")?.textContent).toBe("Bonjour,\nvotre invitation."));
    expect(within(rowOf(M.uncertain)).queryByRole("button", { name: "Voir le texte" })).toBeNull();
  });
});

describe("the console's messages: sending again", () => {
  it("asks for a confirmation, sends, then shows the row as the service holds it", async () => {
    let held = ITEMS[1];
    const { api, user } = page("secretariat", {
      [`POST /api/notifications/v1/messages/${M.uncertain}/resend`]: () => {
        held = { ...ITEMS[1], state: "pending" } as typeof held;
        return [200, held];
      },
      [`GET /api/notifications/v1/messages/${M.uncertain}`]: () => [200, { ...held, state: "sent", attempts: 2 }],
    });
    await screen.findByRole("table", { name: /du plus récent/ });
    expect(within(rowOf(M.sent)).queryByRole("button", { name: "Renvoyer" })).toBeNull();
    await user.click(within(rowOf(M.uncertain)).getByRole("button", { name: "Renvoyer" }));
    // Nothing sent before the confirmation; the confirmation takes the focus.
    expect(api.changes()).toHaveLength(0);
    const confirm = within(rowOf(M.uncertain)).getByRole("button", { name: "Confirmer le renvoi" });
    expect(document.activeElement).toBe(confirm);
    expect(within(rowOf(M.uncertain)).getByRole("group").textContent).toMatch(/recevoir deux fois/);
    await user.click(confirm);
    await waitFor(() => expect(rowOf(M.uncertain).children[3]?.textContent).toBe("envoyé"));
    expect(api.changes()).toEqual([
      expect.objectContaining({ method: "POST", path: `/api/notifications/v1/messages/${M.uncertain}/resend` }),
    ]);
    expect(rowOf(M.uncertain).children[4]?.textContent).toBe("2");
    expect(document.activeElement?.textContent).toBe("Message remis en attente d’envoi.");
  });

  it("cancels without sending and gives the focus back", async () => {
    const { api, user } = page();
    await screen.findByRole("table", { name: /du plus récent/ });
    const open = within(rowOf(M.refused)).getByRole("button", { name: "Renvoyer" });
    await user.click(open);
    await user.click(within(rowOf(M.refused)).getByRole("button", { name: "Annuler" }));
    expect(api.changes()).toHaveLength(0);
    await waitFor(() => expect(document.activeElement?.textContent).toBe("Renvoyer"));
  });

  it("shows a 409 next to the row, and the row as it is now", async () => {
    const { user } = page("secretariat", {
      [`POST /api/notifications/v1/messages/${M.refused}/resend`]: [
        409,
        { type: "/problems/conflict", title: "Conflict", status: 409 },
      ],
      [`GET /api/notifications/v1/messages/${M.refused}`]: [200, { ...ITEMS[2], state: "pending", attempts: 2 }],
    });
    await screen.findByRole("table", { name: /du plus récent/ });
    await user.click(within(rowOf(M.refused)).getByRole("button", { name: "Renvoyer" }));
    await user.click(within(rowOf(M.refused)).getByRole("button", { name: "Confirmer le renvoi" }));
    const error = await within(rowOf(M.refused)).findByText(/ne peut plus être renvoyé/);
    expect(error.className).toContain("fr-message--error");
    expect(document.activeElement).toBe(error);
    expect(rowOf(M.refused).children[3]?.textContent).toBe("en attente d’envoi");
    expect(within(rowOf(M.refused)).queryByRole("button", { name: "Renvoyer" })).toBeNull();
  });

  it("shows the auditor everything but no action, and no link to the members' section", async () => {
    const { api } = page("auditor");
    await screen.findByRole("table", { name: /du plus récent/ });
    expect(screen.getByText(/Incertains : 1/)).toBeTruthy();
    expect(screen.queryAllByRole("button", { name: /Renvoyer|Confirmer/ })).toHaveLength(0);
    expect(screen.queryByRole("link", { name: /^Membre / })).toBeNull();
    // Reading the text is not an action: the auditor may.
    expect(within(rowOf(M.sent)).getByRole("button", { name: "Voir le texte" })).toBeTruthy();
    expect(api.changes()).toHaveLength(0);
  });
});

import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { MessagesSection } from "./MessagesSection";
import { newestFirst, refusalAlias, refusedOf } from "./notifications";
import { describedBy, ME, member, problem, services, show } from "./testing";

afterEach(cleanup);

const base = `/api/notifications/v1/members/${ME}`;
const KINDS = [
  { kind: "confirmation-request", mandatory: true, receive: true },
  { kind: "confirmation-reminder", mandatory: true, receive: true },
  { kind: "replacement-drawn", mandatory: true, receive: true },
  { kind: "report-published", mandatory: false, receive: true },
];
const prefs = (kinds = KINDS) => ({ member_id: ME, kinds });

const message = (over: object) => ({
  id: "00000000-0000-4000-8000-000000000000",
  member_id: ME,
  assembly_id: "paris-2026",
  kind: "confirmation-request",
  cause: `invited:${ME}`,
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

function page(routes: Parameters<typeof services>[0] = {}, lang: "fr" | "en" = "fr") {
  const api = services({
    [`GET ${base}/preferences`]: [200, prefs()],
    [`GET ${base}/messages`]: [200, { items: [] }],
    ...routes,
  });
  const user = show(<MessagesSection member={member({ status: "active" })} memberId={ME} update={() => {}} />, lang);
  return { api, user };
}

const box = (name: RegExp) => screen.getByRole("checkbox", { name }) as HTMLInputElement;

describe("my messages: the kinds received", () => {
  it("shows every kind, the mandatory ones ticked, disabled and said so, the optional one free", async () => {
    page();
    await screen.findByRole("checkbox", { name: /Rapports de suivi/ });
    for (const name of [/Demande de confirmation/, /Rappel de confirmation/, /Tirage en remplacement/]) {
      expect(box(name).checked).toBe(true);
      expect(box(name).disabled).toBe(true);
      expect(box(name).closest(".fr-checkbox-group")?.textContent).toContain("obligatoire : toujours envoyé");
    }
    const report = box(/Rapports de suivi/);
    expect(report.checked).toBe(true);
    expect(report.disabled).toBe(false);
    expect(report.closest(".fr-checkbox-group")?.textContent).not.toContain("obligatoire");
    expect(report.closest(".fr-checkbox-group")?.textContent).toContain("Ce que la Ville a fait des recommandations");
    expect(screen.getAllByRole("checkbox")).toHaveLength(4);
  });

  it("shows an optional kind refused before as unticked, in English too", async () => {
    page({ [`GET ${base}/preferences`]: [200, prefs(KINDS.map((k) => (k.mandatory ? k : { ...k, receive: false })))] }, "en");
    const report = (await screen.findByRole("checkbox", { name: /Follow-up reports/ })) as HTMLInputElement;
    expect(report.checked).toBe(false);
    expect(box(/Request to confirm/).closest(".fr-checkbox-group")?.textContent).toContain("mandatory: always sent");
  });

  it("sends exactly the unticked optional kinds, says it is saved and shows what the service holds", async () => {
    let held = prefs();
    const { api, user } = page({
      [`GET ${base}/preferences`]: () => [200, held],
      [`PUT ${base}/preferences`]: (body) => {
        const refused = (body as { refused: string[] }).refused;
        held = prefs(KINDS.map((k) => ({ ...k, receive: k.mandatory || !refused.includes(k.kind) })));
        return [200, held];
      },
    });
    await user.click(await screen.findByRole("checkbox", { name: /Rapports de suivi/ }));
    await user.click(screen.getByRole("button", { name: "Enregistrer mes choix" }));
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("Vos choix sont enregistrés.");
    expect(api.changes()).toEqual([
      expect.objectContaining({ method: "PUT", path: `${base}/preferences`, body: { refused: ["report-published"] } }),
    ]);
    expect(box(/Rapports de suivi/).checked).toBe(false);
    // Ticked again: an empty list (the mandatory kinds are never sent).
    await user.click(box(/Rapports de suivi/));
    expect(screen.queryByText("Vos choix sont enregistrés.")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Enregistrer mes choix" }));
    await screen.findByText("Vos choix sont enregistrés.");
    expect(api.changes().map((c) => c.body)).toEqual([{ refused: ["report-published"] }, { refused: [] }]);
    expect(box(/Rapports de suivi/).checked).toBe(true);
  });

  it("puts the service's refusal next to the kind it names, focused", async () => {
    const { user } = page({
      [`PUT ${base}/preferences`]: [
        422,
        problem(422, [{ pointer: "/refused/0", detail: "report-published is mandatory" }]),
      ],
    });
    await user.click(await screen.findByRole("checkbox", { name: /Rapports de suivi/ }));
    await user.click(screen.getByRole("button", { name: "Enregistrer mes choix" }));
    const report = box(/Rapports de suivi/);
    await waitFor(() => expect(document.activeElement).toBe(report));
    expect(describedBy(report)).toContain("Cette saisie n’est pas acceptée : report-published is mandatory");
    expect(report.closest(".fr-checkbox-group")?.className).toContain("fr-checkbox-group--error");
    expect(screen.queryByText("Vos choix sont enregistrés.")).toBeNull();
    // Changed: the message goes.
    await user.click(report);
    expect(describedBy(report)).toBe("");
  });

  it("finds the kind a refusal names by its index in what was sent", async () => {
    const more = [...KINDS, { kind: "workshop-news", mandatory: false, receive: true }];
    const { api, user } = page({
      [`GET ${base}/preferences`]: [200, prefs(more)],
      [`PUT ${base}/preferences`]: [422, problem(422, [{ pointer: "/refused/1", detail: "unknown kind workshop-news" }])],
    });
    // A kind the catalogue does not know yet is shown by its identifier.
    const news = (await screen.findByRole("checkbox", { name: /workshop-news/ })) as HTMLInputElement;
    await user.click(news);
    await user.click(box(/Rapports de suivi/));
    await user.click(screen.getByRole("button", { name: "Enregistrer mes choix" }));
    await waitFor(() => expect(document.activeElement).toBe(news));
    expect(api.changes()[0].body).toEqual({ refused: ["report-published", "workshop-news"] });
    expect(describedBy(news)).toContain("unknown kind workshop-news");
    expect(describedBy(box(/Rapports de suivi/))).toBe("");
  });

  it("says a 403 or a server failure in an alert", async () => {
    const { user } = page({ [`PUT ${base}/preferences`]: [403, { status: 403, title: "Forbidden" }] });
    await user.click(await screen.findByRole("button", { name: "Enregistrer mes choix" }));
    expect(await screen.findByText("Cette action ne vous est pas ouverte.")).toBeTruthy();
    cleanup();
    const again = page({ [`PUT ${base}/preferences`]: [503, { status: 503, title: "Unavailable" }] });
    await again.user.click(await screen.findByRole("button", { name: "Enregistrer mes choix" }));
    await waitFor(() => expect(document.querySelector(".fr-alert--error")).not.toBeNull());
    expect(screen.queryByText("Vos choix sont enregistrés.")).toBeNull();
  });
});

describe("my messages: the messages sent", () => {
  it("lists them newest first with the kind and the state in words", async () => {
    const states = ["sent", "skipped", "waiting", "refused", "uncertain", "pending", "sending"];
    page({
      [`GET ${base}/messages`]: [
        200,
        {
          items: states.map((state, i) =>
            message({
              id: `00000000-0000-4000-8000-00000000000${i}`,
              state,
              kind: i === 1 ? "report-published" : "confirmation-request",
              created_at: `2026-03-0${i + 1}T09:30:00Z`,
            }),
          ),
        },
      ],
    });
    const table = await screen.findByRole("table", { name: "Vos messages, du plus récent au plus ancien" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell").at(-1)?.textContent)).toEqual([
      "en cours d’envoi",
      "en cours d’envoi",
      "incertain : le secrétariat vérifie",
      "refusé par le serveur de messagerie",
      "en attente de vos coordonnées",
      "non envoyé (votre choix ou votre canal)",
      "envoyé",
    ]);
    // Paris time: 09:30 UTC in March is 10:30 in Paris.
    expect(rows.at(-1)?.textContent).toContain("1 mars 2026");
    expect(rows.at(-1)?.textContent).toContain("10:30");
    expect(rows.at(-2)?.textContent).toContain("Rapports de suivi");
    expect(rows.at(-1)?.textContent).toContain("Demande de confirmation");
  });

  it("says when there is none", async () => {
    page();
    expect(await screen.findByText("Aucun message ne vous a encore été envoyé.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("my messages without React", () => {
  it("refuses only the optional kinds unticked, and maps a pointer to its kind", () => {
    const receive = { "confirmation-request": false, "report-published": false };
    expect(refusedOf(KINDS, receive)).toEqual(["report-published"]);
    expect(refusedOf(KINDS, {})).toEqual([]);
    const alias = refusalAlias(["report-published"]);
    expect(alias("/refused/0")).toBe("/kinds/report-published");
    expect(alias("/refused/3")).toBe("/refused/3");
    expect(alias("/other")).toBe("/other");
  });

  it("orders by creation, newest first", () => {
    const a = message({ id: "a", created_at: "2026-03-01T09:30:00Z" });
    const b = message({ id: "b", created_at: "2026-03-02T09:30:00+01:00" });
    expect(newestFirst([a, b] as never).map((m: { id: string }) => m.id)).toEqual(["b", "a"]);
  });
});

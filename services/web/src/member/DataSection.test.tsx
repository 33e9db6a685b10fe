import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { DataSection } from "./DataSection";
import { ME, member, services, show } from "./testing";

afterEach(cleanup);

const base = `/api/membership/v1/members/${ME}`;
const EXPORT = { member: { id: ME, status: "confirmed" }, consents: [] };

function page(routes: Parameters<typeof services>[0] = {}) {
  const api = services({
    [`GET ${base}/export`]: [200, EXPORT],
    [`GET ${base}/consents`]: [200, { items: [] }],
    [`GET ${base}/contact`]: [404, { status: 404 }],
    ...routes,
  });
  const user = show(<DataSection member={member({ status: "confirmed" })} memberId={ME} update={() => {}} />);
  return { api, user };
}

describe("my data", () => {
  it("downloads the export as a JSON file", async () => {
    const { user } = page();
    let saved: Blob | undefined;
    URL.createObjectURL = vi.fn((b: Blob) => {
      saved = b;
      return "blob:mine";
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await user.click(screen.getByRole("button", { name: "Télécharger mes données" }));
    expect(await screen.findByText("Le fichier de vos données est téléchargé.")).toBeTruthy();
    expect(clicked[0].download).toBe(`mes-donnees-${ME}.json`);
    expect(clicked[0].href).toBe("blob:mine");
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(saved!);
    });
    expect(saved!.type).toBe("application/json");
    expect(JSON.parse(text)).toEqual(EXPORT);
  });

  it("gives and withdraws the follow-up consent as new records", async () => {
    const records: object[] = [];
    const { api, user } = page({
      [`GET ${base}/consents`]: () => [200, { items: records }],
      [`POST ${base}/consents`]: (body) => {
        const b = body as { given: boolean };
        records.push({ id: `c${records.length}`, recorded_at: `2026-03-0${records.length + 1}T10:00:00Z`, ...b });
        return [201, records.at(-1)];
      },
    });
    expect(await screen.findByText("Aucun consentement n’est enregistré.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Donner mon accord" }));
    expect(await screen.findByText("Vous avez donné votre accord.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Retirer mon accord" }));
    expect(await screen.findByText("Vous n’avez pas donné votre accord.")).toBeTruthy();
    const sent = api.changes().map((s) => s.body as { given: boolean; purpose: string; channel: string; given_on: string });
    expect(sent.map((b) => [b.purpose, b.given, b.channel])).toEqual([
      ["follow-up", true, "web"],
      ["follow-up", false, "web"],
    ]);
    expect(sent[0].given_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(screen.getAllByText(/Suivi des vœux après le mandat : accord/)).toHaveLength(2);
  });

  it("asks for the field the chosen channel needs, focused, then saves", async () => {
    const { api, user } = page({
      [`PUT ${base}/contact`]: (body) => [200, { ...(body as object), updated_at: "2026-03-01T10:00:00Z" }],
    });
    const email = await screen.findByLabelText("Adresse électronique");
    await user.click(screen.getByLabelText("Par courriel"));
    await user.click(screen.getByRole("button", { name: "Enregistrer mes coordonnées" }));
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(screen.getByText(/Saisissez votre adresse électronique pour être contacté·e/)).toBeTruthy();
    expect(api.changes()).toHaveLength(0);
    await user.type(email, "camille@example.org");
    await user.click(screen.getByLabelText("Anglais"));
    await user.click(screen.getByRole("button", { name: "Enregistrer mes coordonnées" }));
    expect(await screen.findByText("Vos coordonnées sont enregistrées.")).toBeTruthy();
    expect(api.changes()[0].body).toEqual({ email: "camille@example.org", preferred_channel: "email", language: "en" });
  });

  it("puts the service's refusal next to the field", async () => {
    page({
      [`GET ${base}/contact`]: [200, { email: "x@y", preferred_channel: "email", language: "fr" }],
      [`PUT ${base}/contact`]: [422, { status: 422, errors: [{ pointer: "/email", detail: "email is not an e-mail address" }] }],
    });
    const email = (await screen.findByLabelText("Adresse électronique")) as HTMLInputElement;
    expect(email.value).toBe("x@y");
    screen.getByRole("button", { name: "Enregistrer mes coordonnées" }).click();
    expect(await screen.findByText("Cette saisie n’est pas acceptée : email is not an e-mail address")).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(email));
  });
});

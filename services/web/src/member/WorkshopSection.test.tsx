import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { ME, member, services, show } from "./testing";
import { WorkshopSection } from "./WorkshopSection";

afterEach(cleanup);

const WORKSHOP = { id: "w-env", assembly_id: "paris-2026", theme: "environment", title: "Environnement" };
const SESSIONS = {
  items: [
    // 17:30 UTC on 3 March is 18:30 in Paris (winter time).
    { id: "s-2", type: "hearing", title: "Audition des bailleurs", starts_at: "2026-03-03T17:30:00Z", ends_at: "2026-03-03T20:00:00Z", place: "Hôtel de Ville", state: "scheduled" },
    { id: "s-1", type: "plenary", title: "Plénière d’ouverture", starts_at: "2026-02-07T09:00:00Z", ends_at: "2026-02-07T16:00:00Z", state: "held" },
    { id: "s-3", type: "working-session", title: "Atelier 3", starts_at: "2026-03-10T17:30:00Z", ends_at: "2026-03-10T20:00:00Z", state: "cancelled" },
  ],
};

describe("my workshop and its calendar", () => {
  it("shows the member's workshop, its sessions in time order in Paris time, and the feed", async () => {
    const api = services({
      "GET /api/workshops/v1/workshops": [200, { items: [{ ...WORKSHOP, id: "w-soc", theme: "social-education", title: "Social" }, WORKSHOP] }],
      "GET /api/workshops/v1/sessions": [200, SESSIONS],
      [`GET /api/workshops/v1/members/${ME}/calendar-link`]: [200, { member_id: ME, path: `/v1/calendars/${ME}/abc.ics` }],
    });
    show(<WorkshopSection member={member({ status: "active", workshop_theme: "environment" })} memberId={ME} update={() => {}} />);
    expect(await screen.findByText("Votre atelier : Environnement")).toBeTruthy();
    const titles = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(titles).toEqual(["Plénière d’ouverture", "Audition des bailleurs", "Atelier 3Annulée"]);
    expect(screen.getByText(/Audition — mardi 3 mars 2026, 18:30 – 21:00/)).toBeTruthy();
    expect(screen.getByText("Lieu : Hôtel de Ville")).toBeTruthy();
    const feed = (await screen.findByLabelText(/Adresse d’abonnement/)) as HTMLInputElement;
    expect(feed.value).toBe(`${window.location.origin}/api/workshops/v1/calendars/${ME}/abc.ics`);
    expect(screen.getByRole("link", { name: /Télécharger le calendrier/ }).getAttribute("href")).toBe(feed.value);
    const sessions = api.sent.find((s) => s.path === "/api/workshops/v1/sessions")!;
    expect(new URLSearchParams(sessions.query).get("workshop_id")).toBe("w-env");
    expect(new URLSearchParams(sessions.query).get("assembly_id")).toBe("paris-2026");
  });

  it("before the placement, says so and lists only the plenaries, in English too", async () => {
    services({
      "GET /api/workshops/v1/sessions": [200, SESSIONS],
      [`GET /api/workshops/v1/members/${ME}/calendar-link`]: [200, { path: `/v1/calendars/${ME}/abc.ics` }],
    });
    show(<WorkshopSection member={member({ status: "confirmed" })} memberId={ME} update={() => {}} />, "en");
    expect(await screen.findByText(/You are not placed in a workshop yet/)).toBeTruthy();
    expect(screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual(["Plénière d’ouverture"]);
    expect(screen.getByText(/Plenary session — Saturday, 7 February 2026, 10:00–17:00/)).toBeTruthy();
  });
});

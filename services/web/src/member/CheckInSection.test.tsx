import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { CheckInSection } from "./CheckInSection";
import { ME, member, services, show } from "./testing";

afterEach(cleanup);

const now = Date.now();
const iso = (ms: number) => new Date(now + ms).toISOString();
const HOUR = 3600_000;
const WORKSHOPS = { items: [{ id: "w-env", theme: "environment", title: "Environnement" }] };
const SESSIONS = {
  items: [
    { id: "s-past", type: "working-session", title: "Séance passée", starts_at: iso(-30 * HOUR), ends_at: iso(-28 * HOUR), state: "held" },
    { id: "s-now", type: "hearing", title: "Audition", starts_at: iso(-HOUR / 2), ends_at: iso(2 * HOUR), state: "scheduled" },
    { id: "s-next", type: "working-session", title: "Séance suivante", starts_at: iso(48 * HOUR), ends_at: iso(50 * HOUR), state: "scheduled" },
  ],
};

function page(checkIn: [number, unknown]) {
  const api = services({
    "GET /api/workshops/v1/workshops": [200, WORKSHOPS],
    "GET /api/workshops/v1/sessions": [200, SESSIONS],
    "POST /api/workshops/v1/sessions/s-now/check-in": checkIn,
  });
  const user = show(<CheckInSection member={member({ status: "active", workshop_theme: "environment" })} memberId={ME} update={() => {}} />);
  return { api, user };
}

describe("check-in to a session", () => {
  it("chooses the session open now and sends the typed code, normalised", async () => {
    const { api, user } = page([200, { session_id: "s-now", member_id: ME, status: "present", revision: 1 }]);
    const select = (await screen.findByLabelText("Séance")) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe("s-now"));
    await user.type(screen.getByLabelText(/Code de présence/), "k7m pq3");
    await user.click(screen.getByRole("button", { name: "Signaler ma présence" }));
    expect((await screen.findByRole("status")).textContent).toContain("Votre présence est enregistrée : Audition");
    expect(api.changes()).toEqual([
      { method: "POST", path: "/api/workshops/v1/sessions/s-now/check-in", query: "", body: { code: "K7MPQ3" } },
    ]);
  });

  it("says a mistyped code next to the field, focused, sending nothing", async () => {
    const { api, user } = page([200, {}]);
    const code = await screen.findByLabelText(/Code de présence/);
    await user.type(code, "K7MP0");
    await user.click(screen.getByRole("button", { name: "Signaler ma présence" }));
    await waitFor(() => expect(document.activeElement).toBe(code));
    const said = code
      .getAttribute("aria-describedby")!
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" ");
    expect(said).toContain("Le code comporte 6 lettres ou chiffres");
    expect(api.changes()).toHaveLength(0);
  });

  it("puts the service's refusal of the code next to it", async () => {
    const { user } = page([422, { status: 422, errors: [{ pointer: "/code", detail: "this is not the session's check-in code" }] }]);
    await user.type(await screen.findByLabelText(/Code de présence/), "K7MPQ3");
    await user.click(screen.getByRole("button", { name: "Signaler ma présence" }));
    expect(await screen.findByText(/Ce code ne permet pas de signaler votre présence/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.id).toBe("member-checkin-code"));
  });

  it("says when check-in is closed", async () => {
    const { user } = page([409, { status: 409, detail: "check-in is open from an hour before" }]);
    await user.type(await screen.findByLabelText(/Code de présence/), "K7MPQ3");
    await user.click(screen.getByRole("button", { name: "Signaler ma présence" }));
    expect(await screen.findByText(/ne peut être signalée que d’une heure avant/)).toBeTruthy();
  });
});

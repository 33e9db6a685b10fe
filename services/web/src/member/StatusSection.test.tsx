import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Member } from "./model";
import { StatusSection } from "./StatusSection";
import { ME, member, services, show } from "./testing";

afterEach(cleanup);

const base = `/api/membership/v1/members/${ME}`;

function page(m: Member, lang: "fr" | "en" = "fr") {
  const update = vi.fn();
  const user = show(<StatusSection member={m} memberId={ME} update={update} />, lang);
  return { user, update };
}

describe("my status and what comes next", () => {
  it("confirms the invitation with the generated client", async () => {
    const api = services({ [`POST ${base}/confirm`]: [200, member({ status: "confirmed" })] });
    const { user, update } = page(member());
    expect(screen.getByText(/Votre situation : invité·e\./)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Je confirme ma participation" }));
    await waitFor(() => expect(update).toHaveBeenCalledWith(member({ status: "confirmed" })));
    expect(api.changes()).toEqual([{ method: "POST", path: `${base}/confirm`, query: "", body: {} }]);
    expect(screen.getByRole("status").textContent).toContain("Votre participation est confirmée.");
  });

  it("asks the reason of a decline next to the field, focused, and sends nothing without it", async () => {
    const api = services({ [`POST ${base}/decline`]: [200, member({ status: "declined" })] });
    const { user, update } = page(member());
    await user.click(screen.getByRole("button", { name: "Décliner l’invitation" }));
    const reason = screen.getByLabelText(/Pourquoi déclinez-vous/);
    await waitFor(() => expect(document.activeElement).toBe(reason));
    const described = reason.getAttribute("aria-describedby")!.split(" ");
    const said = described.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
    expect(said).toContain("Indiquez la raison en quelques mots.");
    expect(api.sent).toHaveLength(0);
    await user.type(reason, "Je déménage à Lyon");
    await user.click(screen.getByRole("button", { name: "Décliner l’invitation" }));
    await waitFor(() => expect(update).toHaveBeenCalled());
    expect(api.changes()[0].body).toEqual({ reason: "Je déménage à Lyon" });
  });

  it("withdraws only once confirmed, with the reason, and can be called off", async () => {
    const api = services({ [`POST ${base}/withdraw`]: [200, member({ status: "withdrawn" })] });
    const { user, update } = page(member({ status: "active", workshop_theme: "environment" }), "en");
    expect(screen.queryByRole("button", { name: "I confirm my participation" })).toBeNull();
    await user.type(screen.getByLabelText(/Why are you withdrawing/), "Health");
    await user.click(screen.getByRole("button", { name: "Withdraw" }));
    const ask = await screen.findByRole("heading", { name: "Do you confirm your withdrawal?" });
    await waitFor(() => expect(document.activeElement).toBe(ask));
    expect(api.sent).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "No, I stay" }));
    expect(screen.queryByRole("heading", { name: "Do you confirm your withdrawal?" })).toBeNull();
    expect(api.sent).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Withdraw" }));
    await user.click(await screen.findByRole("button", { name: "Yes, I withdraw" }));
    await waitFor(() => expect(update).toHaveBeenCalledWith(member({ status: "withdrawn" })));
    expect(api.changes()).toEqual([
      { method: "POST", path: `${base}/withdraw`, query: "", body: { reason: "Health" } },
    ]);
  });

  it("says when the status changed meanwhile, and puts a refused reason next to its field", async () => {
    services({
      [`POST ${base}/confirm`]: [409, { status: 409, detail: "the member is declined; confirm needs a member who is invited" }],
      [`POST ${base}/decline`]: [422, { status: 422, errors: [{ pointer: "/reason", detail: "too long" }] }],
    });
    const { user } = page(member());
    await user.click(screen.getByRole("button", { name: "Je confirme ma participation" }));
    expect(await screen.findByText(/Votre situation a changé entre-temps/)).toBeTruthy();
    await user.type(screen.getByLabelText(/Pourquoi déclinez-vous/), "x");
    await user.click(screen.getByRole("button", { name: "Décliner l’invitation" }));
    expect(await screen.findByText("Cette saisie n’est pas acceptée : too long")).toBeTruthy();
  });

  it("offers nothing to a member who declined", () => {
    services({});
    page(member({ status: "declined" }));
    expect(screen.queryAllByRole("button")).toHaveLength(0);
    expect(screen.getByText(/Vous n’avez rien d’autre à faire/)).toBeTruthy();
  });
});

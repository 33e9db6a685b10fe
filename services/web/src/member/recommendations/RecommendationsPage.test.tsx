import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { ASSEMBLY, describedBy, fakeServices, MEMBER, show, WORKSHOP } from "../testing";
import { RecommendationsPage, validateAmendment, validateDraft } from "./RecommendationsPage";

afterEach(cleanup);

const REC = "66666666-6666-4666-8666-666666666666";
const list = {
  items: [
    { id: REC, workshop_id: WORKSHOP, title: "Bibliothèques le dimanche", status: "draft", version: 1, text: "Ouvrir le dimanche." },
    { id: "other", workshop_id: "another-workshop", title: "Autre atelier", status: "draft", version: 1, text: "x" },
  ],
};
const feedback = {
  recommendation_id: REC,
  items: [{ id: "f1", author_role: "city-service", department: "DAC", feasibility: "possible en 2027", text: "À étudier.", created_at: "2026-11-10T10:00:00Z" }],
};

describe("the recommendations page", () => {
  it("checks a draft and an amendment before sending", () => {
    expect(Object.keys(validateDraft("", ""))).toEqual(["/title", "/text"]);
    expect(validateAmendment("same", "why", "same")["/text"]?.key).toBe("member.recommendations.text.unchanged");
    expect(validateAmendment("new", " ", "same")["/rationale"]?.key).toBe("member.recommendations.rationale.missing");
  });

  it("shows the workshop's recommendations with the departments' feedback, and amends a draft", async () => {
    const sent = fakeServices({
      "GET /api/recommendations/v1/recommendations": () => [200, list],
      [`GET /api/recommendations/v1/recommendations/${REC}/feedback`]: () => [200, feedback],
      [`POST /api/recommendations/v1/recommendations/${REC}/amendments`]: () => [201, { id: "a1", state: "open" }],
    });
    const user = show(<RecommendationsPage memberId={MEMBER} />);
    expect(await screen.findByText("Bibliothèques le dimanche")).toBeTruthy();
    expect(screen.queryByText("Autre atelier")).toBeNull();
    expect(sent.find((s) => s.path === "/api/recommendations/v1/recommendations")?.query).toBe(`?assembly_id=${ASSEMBLY}`);
    expect(await screen.findByText("Faisabilité : possible en 2027")).toBeTruthy();
    expect(screen.getByText("Direction DAC")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Proposer un amendement" }));
    const text = screen.getByLabelText(/Texte amendé/);
    await user.click(screen.getByRole("button", { name: "Proposer l’amendement" }));
    expect(describedBy(text)).toContain("identique");
    expect(describedBy(screen.getByLabelText(/Pourquoi cet amendement/))).toContain("Expliquez pourquoi");
    expect(document.activeElement).toBe(text);
    await user.type(text, " Et le soir.");
    await user.type(screen.getByLabelText(/Pourquoi cet amendement/), "Pour ceux qui travaillent");
    await user.click(screen.getByRole("button", { name: "Proposer l’amendement" }));
    expect(await screen.findByText(/Votre amendement est proposé/)).toBeTruthy();
    expect(sent.find((s) => s.method === "POST")?.body).toEqual({
      text: "Ouvrir le dimanche. Et le soir.",
      rationale: "Pour ceux qui travaillent",
    });
  });

  it("drafts a recommendation, and says when the workshop has no adopted mandate", async () => {
    let mandate = false;
    const sent = fakeServices({
      "GET /api/recommendations/v1/recommendations": () => [200, { items: [] }],
      "POST /api/recommendations/v1/recommendations": () =>
        mandate ? [201, { id: "r2", status: "draft" }] : [409, { status: 409, title: "Conflict" }],
    });
    const user = show(<RecommendationsPage memberId={MEMBER} />);
    const title = await screen.findByLabelText("Titre");
    await user.click(screen.getByRole("button", { name: "Enregistrer le projet" }));
    expect(describedBy(title)).toContain("Donnez un titre");
    expect(document.activeElement).toBe(title);
    await user.type(title, "Jardins partagés");
    await user.type(screen.getByLabelText("Texte de la recommandation"), "Un jardin par quartier.");
    await user.click(screen.getByRole("button", { name: "Enregistrer le projet" }));
    // A refusal of the whole form is announced (role alert).
    expect((await screen.findByRole("alert")).textContent).toContain("pas encore de mandat adopté");
    mandate = true;
    await user.click(screen.getByRole("button", { name: "Enregistrer le projet" }));
    expect(await screen.findByText("Votre projet de recommandation est enregistré.")).toBeTruthy();
    await waitFor(() => expect(sent.filter((s) => s.method === "POST")).toHaveLength(2));
    expect(sent.filter((s) => s.method === "POST")[1].body).toEqual({
      workshop_id: WORKSHOP,
      title: "Jardins partagés",
      text: "Un jardin par quartier.",
    });
  });
});

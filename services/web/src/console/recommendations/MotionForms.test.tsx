import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { describedBy, problem, services, show } from "../../member/testing";
import { DebateFormPanel, SpokespersonsForm, VersionFormPanel } from "./MotionForms";

afterEach(cleanup);

const M = "33333333-3333-4333-8333-333333333333";
const SESSION = "44444444-4444-4444-8444-444444444444";
const PLENARY = "55555555-5555-4555-8555-555555555555";
const A = "aaaaaaaa-0000-4000-8000-000000000001";
const B = "bbbbbbbb-0000-4000-8000-000000000002";
const R = "cccccccc-0000-4000-8000-000000000003";

describe("a new version of a motion's text", () => {
  it("names what is missing next to each field before sending, then sends the proposer's fields only", async () => {
    const { changes } = services({
      [`POST /api/recommendations/v1/motions/${M}/versions`]: [201, { motion_id: M, version: 3 }],
    });
    let proposed = 0;
    const user = show(
      <VersionFormPanel
        motionId={M}
        current={{ title: "Lire partout", text: "" }}
        sessions={[{ id: SESSION, title: "Co-construction avec la DAC", starts_at: "2026-05-12T16:00:00Z" }]}
        members={[{ id: A }]}
        onProposed={(v) => (proposed = v)}
      />,
    );
    await user.selectOptions(screen.getByLabelText("Proposée par"), "department");
    await user.click(screen.getByRole("button", { name: "Enregistrer la version" }));
    const text = screen.getByLabelText("Texte du vœu");
    expect(describedBy(text)).toContain("Écrivez le texte du vœu.");
    expect(document.activeElement).toBe(text);
    expect(describedBy(screen.getByLabelText(/Séance de co-construction/))).toContain("Choisissez la séance");
    expect(describedBy(screen.getByLabelText(/Direction ou organisation/))).toContain("Nommez la direction");
    expect(changes()).toHaveLength(0);

    await user.type(text, "Ouvrir les bibliothèques le dimanche.");
    await user.selectOptions(screen.getByLabelText(/Séance de co-construction/), SESSION);
    await user.type(screen.getByLabelText(/Direction ou organisation/), " DAC ");
    await user.click(screen.getByRole("button", { name: "Enregistrer la version" }));
    await screen.findByText(/La version 3 est enregistrée/);
    expect(changes()[0].body).toEqual({
      title: "Lire partout",
      text: "Ouvrir les bibliothèques le dimanche.",
      session_id: SESSION,
      proposed_by: { kind: "department", organisation: "DAC" },
    });
    expect(proposed).toBe(3);
  });

  it("shows the service's refusal next to each field it names, and a 409 as the service says it", async () => {
    let answer: [number, unknown] = [
      422,
      problem(422, [
        { pointer: "/proposed_by/member_id", detail: "not an active member of the workshop" },
        { pointer: "/title", detail: "title is too long" },
      ]),
    ];
    services({ [`POST /api/recommendations/v1/motions/${M}/versions`]: () => answer });
    const user = show(
      <VersionFormPanel
        motionId={M}
        current={{ title: "T", text: "Texte" }}
        sessions={[{ id: SESSION, title: "Séance" }]}
        members={[{ id: A }]}
        onProposed={() => undefined}
      />,
    );
    await user.selectOptions(screen.getByLabelText(/Séance de co-construction/), SESSION);
    await user.selectOptions(screen.getByLabelText("Proposée par"), "member");
    await user.selectOptions(screen.getByLabelText("Membre qui la propose"), A);
    await user.click(screen.getByRole("button", { name: "Enregistrer la version" }));
    const title = screen.getByLabelText("Titre");
    await waitFor(() => expect(describedBy(title)).toContain("title is too long"));
    expect(describedBy(screen.getByLabelText("Membre qui la propose"))).toContain("not an active member");
    expect(document.activeElement).toBe(title);
    answer = [409, { status: 409, detail: "the motion is approved-by-workshop" }];
    await user.click(screen.getByRole("button", { name: "Enregistrer la version" }));
    expect(await screen.findByText(/the motion is approved-by-workshop/)).toBeTruthy();
  });
});

describe("the spokespersons", () => {
  it("are sent with the title, text and recommendations unchanged", async () => {
    const { changes } = services({
      [`PUT /api/recommendations/v1/motions/${M}`]: (body) => [200, { id: M, ...(body as object) }],
    });
    let set: string[] = [];
    const user = show(
      <SpokespersonsForm
        motionId={M}
        current={{ title: "T", text: "Texte\n" }}
        chosen={[A]}
        members={[{ id: A }, { id: B }]}
        recommendationIds={[R]}
        onSet={(x) => (set = x)}
      />,
    );
    await user.click(screen.getByLabelText(`Membre ${A.slice(0, 8)}`));
    await user.click(screen.getByLabelText(`Membre ${B.slice(0, 8)}`));
    await user.click(screen.getByRole("button", { name: "Enregistrer les porte-parole" }));
    await screen.findByText("Les porte-parole sont enregistrés.");
    expect(changes()[0].body).toEqual({ title: "T", text: "Texte\n", spokespersons: [B], recommendation_ids: [R] });
    expect(set).toEqual([B]);
  });
});

describe("the debate's record", () => {
  it("names every fault at once next to its field, a name without consent included, and sends nothing", async () => {
    const { changes } = services({});
    const user = show(<DebateFormPanel motionId={M} plenaries={[{ id: PLENARY, title: "Plénière finale" }]} onRecorded={() => undefined} />);
    await user.type(screen.getByLabelText(/^Nom \(facultatif\)/), "Awa Diallo");
    await user.click(screen.getByRole("button", { name: "Ajouter une intervention" }));
    await user.click(screen.getByRole("button", { name: "Enregistrer le débat" }));
    const plenary = screen.getByLabelText("Séance plénière du débat");
    expect(describedBy(plenary)).toContain("Choisissez la séance plénière.");
    expect(document.activeElement).toBe(plenary);
    expect(describedBy(screen.getByLabelText("Présentation du vœu par le groupe"))).toContain("Résumez la présentation");
    const names = screen.getAllByLabelText(/^Nom \(facultatif\)/);
    expect(describedBy(names[0])).toContain("Un nom n’est enregistré qu’avec l’accord");
    expect(describedBy(screen.getByLabelText("Ce qui a été dit"))).toContain("Résumez ce qui a été dit.");
    expect(describedBy(screen.getByLabelText("Résumé du débat"))).toContain("Écrivez le résumé du débat.");
    expect(changes()).toHaveLength(0);
  });

  it("sends the speakers by role, a name only with consent, and puts the service's faults on their rows", async () => {
    let answer: [number, unknown] = [
      422,
      problem(422, [
        { pointer: "/interventions/0/summary", detail: "summary is too long" },
        { pointer: "/plenary_session_id", detail: "not a plenary" },
      ]),
    ];
    const { changes } = services({ [`PUT /api/recommendations/v1/motions/${M}/debate`]: () => answer });
    let recorded: unknown;
    const user = show(<DebateFormPanel motionId={M} plenaries={[{ id: PLENARY, title: "Plénière finale" }]} onRecorded={(d) => (recorded = d)} />);
    await user.selectOptions(screen.getByLabelText("Séance plénière du débat"), PLENARY);
    await user.type(screen.getByLabelText("Présentation du vœu par le groupe"), "Le groupe présente son vœu.");
    await user.type(screen.getByLabelText(/^Nom \(facultatif\)/), "Awa Diallo");
    await user.click(screen.getByLabelText("La personne accepte que son nom soit publié"));
    await user.click(screen.getByRole("button", { name: "Ajouter un orateur à la présentation" }));
    await user.click(screen.getByRole("button", { name: "Ajouter une intervention" }));
    await user.type(screen.getByLabelText("Ce qui a été dit"), "La mairie soutient le vœu.");
    await user.type(screen.getByLabelText("Résumé du débat"), "Un débat vif.");
    await user.click(screen.getByRole("button", { name: "Enregistrer le débat" }));
    const said = screen.getByLabelText("Ce qui a été dit");
    await waitFor(() => expect(describedBy(said)).toContain("summary is too long"));
    expect(describedBy(screen.getByLabelText("Séance plénière du débat"))).toContain("not a plenary");
    expect(changes()[0].body).toEqual({
      plenary_session_id: PLENARY,
      presentation: {
        summary: "Le groupe présente son vœu.",
        speakers: [{ role: "spokesperson", name: "Awa Diallo", name_consent: true }, { role: "member" }],
      },
      interventions: [{ role: "elected-representative", summary: "La mairie soutient le vœu." }],
      summary: "Un débat vif.",
    });
    answer = [200, { motion_id: M, summary: "Un débat vif." }];
    await user.click(screen.getByRole("button", { name: "Enregistrer le débat" }));
    await waitFor(() => expect(recorded).toEqual({ motion_id: M, summary: "Un débat vif." }));
  });
});

import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { ASSEMBLY, fakeServices, MEMBER, show } from "../testing";
import { answerBody, EvaluationPage, validateAnswers } from "./EvaluationPage";

afterEach(cleanup);

const EVAL = "77777777-7777-4777-8777-777777777777";
const questions = [
  { id: "useful", text: "Votre travail a-t-il été utile ?", kind: "rating" as const, min: 1, max: 5 },
  { id: "better", text: "Que faudrait-il améliorer ?", kind: "text" as const },
];

describe("the evaluation page", () => {
  it("requires the ratings, not the texts, and sends numbers", () => {
    expect(Object.keys(validateAnswers(questions, {}))).toEqual(["/answers/useful"]);
    expect(answerBody(questions, { useful: "4", better: "  " })).toEqual({ useful: 4 });
  });

  it("answers the open questionnaire once, a missing rating said next to it", async () => {
    let answered = 0;
    const sent = fakeServices({
      [`GET /api/membership/v1/assemblies/${ASSEMBLY}/evaluations`]: () => [
        200,
        { items: [{ id: EVAL, assembly_id: ASSEMBLY, title: "Bilan du mandat", state: "open", questions }] },
      ],
      [`POST /api/membership/v1/evaluations/${EVAL}/responses`]: () =>
        ++answered === 1 ? [201, { evaluation_id: EVAL, recorded: true }] : [409, { status: 409 }],
    });
    const user = show(<EvaluationPage memberId={MEMBER} />);
    expect(await screen.findByText("Bilan du mandat")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Envoyer mes réponses" }));
    const scale = screen.getByRole("group", { name: /Votre travail a-t-il été utile/ });
    expect(scale.textContent).toContain("Choisissez une note.");
    expect(document.activeElement?.id).toBe(`evaluation-${EVAL}-useful-0`);
    expect(sent.some((s) => s.method === "POST")).toBe(false);
    await user.click(screen.getByLabelText("4"));
    await user.type(screen.getByLabelText(/Que faudrait-il améliorer/), "Plus de temps");
    await user.click(screen.getByRole("button", { name: "Envoyer mes réponses" }));
    expect(await screen.findByText("Merci : vos réponses sont enregistrées.")).toBeTruthy();
    expect(sent.find((s) => s.method === "POST")?.body).toEqual({ answers: { useful: 4, better: "Plus de temps" } });
  });

  it("shows no form for a questionnaire the member has answered", async () => {
    const sent = fakeServices({
      [`GET /api/membership/v1/assemblies/${ASSEMBLY}/evaluations`]: () => [
        200,
        { items: [{ id: EVAL, title: "Bilan", state: "open", answered: true, questions }] },
      ],
    });
    show(<EvaluationPage memberId={MEMBER} />);
    expect(await screen.findByText("Vous avez répondu à ce questionnaire. Merci.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Envoyer mes réponses" })).toBeNull();
    expect(sent.some((s) => s.method === "POST")).toBe(false);
  });

  it("says a questionnaire already answered", async () => {
    fakeServices({
      [`GET /api/membership/v1/assemblies/${ASSEMBLY}/evaluations`]: () => [
        200,
        { items: [{ id: EVAL, title: "Bilan", state: "open", questions: [questions[1]] }] },
      ],
      [`POST /api/membership/v1/evaluations/${EVAL}/responses`]: () => [409, { status: 409 }],
    });
    const user = show(<EvaluationPage memberId={MEMBER} />, "en");
    const text = await screen.findByLabelText(/Que faudrait-il améliorer/);
    expect(text.closest(".fr-input-group")?.textContent).toContain("Optional");
    await user.click(screen.getByRole("button", { name: "Send my answers" }));
    expect(await screen.findByText(/You have answered this questionnaire already/)).toBeTruthy();
  });
});

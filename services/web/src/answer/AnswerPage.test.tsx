import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { api } from "../api/client";
import { I18nProvider } from "../i18n/i18n";
import type { Lang } from "../i18n/messages";
import { AnswerPage } from "./AnswerPage";

afterEach(cleanup);

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status < 300 ? "application/json" : "application/problem+json" },
  });

// The service's questions for a code of the roll's draw, as POST /v1/responses/questions gives.
const QUESTIONS = {
  questions: [
    { name: "gender", values: ["F", "M"] },
    { name: "age_band", values: ["18-24", "25-34", "35-49", "50-64", "65+"] },
    { name: "arrondissement", values: Array.from({ length: 20 }, (_, i) => String(i + 1)) },
    { name: "diploma", values: ["none", "bac", "bac+2/3", "bac+5"] },
  ],
};

// The service: the questions for any code, then `status` and `body` for the answer.
function answer(status: number, body: unknown, questions: unknown = QUESTIONS) {
  return vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
    const url = new URL((input as Request).url);
    return url.pathname.endsWith("/questions") ? reply(200, questions) : reply(status, body);
  });
}

function show(lang: Lang = "fr") {
  render(
    <I18nProvider lang={lang}>
      <AnswerPage />
    </I18nProvider>,
  );
  return userEvent.setup();
}

async function fillWilling(user: ReturnType<typeof userEvent.setup>, code: string) {
  await user.type(screen.getByLabelText(/Code de réponse/), code);
  await user.click(screen.getByRole("button", { name: "Continuer" }));
  await user.click(await screen.findByLabelText("Oui, je souhaite participer"));
  await user.click(screen.getByLabelText("Femme"));
  await user.click(screen.getByLabelText("25 à 34 ans"));
  await user.selectOptions(screen.getByLabelText("Arrondissement de résidence"), "19");
  await user.click(screen.getByLabelText("Baccalauréat ou équivalent"));
  await user.type(screen.getByLabelText(/Adresse électronique/), "camille@example.fr");
  await user.click(screen.getByLabelText(/J’accepte/));
}

describe("the answer form", () => {
  it("fills the code in from the address a letter's QR code opens", async () => {
    window.history.pushState({}, "", "/repondre?code=abcde-fghjk");
    try {
      show();
      expect((screen.getByLabelText(/Code de réponse/) as HTMLInputElement).value).toBe("ABCDE-FGHJK");
    } finally {
      window.history.pushState({}, "", "/repondre");
    }
  });

  it("sends the typed answer with the generated client and confirms", async () => {
    const fetch = answer(201, { id: "r-42", state: "interested" });
    const user = show();
    await fillWilling(user, "abcde-fghjk");
    await user.click(screen.getByRole("button", { name: "Envoyer ma réponse" }));
    expect(await screen.findByRole("heading", { level: 1 })).toHaveProperty(
      "textContent",
      "Votre réponse est enregistrée",
    );
    expect(screen.getByRole("status").textContent).toContain("Référence de votre réponse : r-42");
    const asked = fetch.mock.calls[0][0] as Request;
    expect(new URL(asked.url).pathname).toBe("/api/sortition/v1/responses/questions");
    expect(await asked.json()).toEqual({ code: "ABCDEFGHJK" });
    const req = fetch.mock.calls[1][0] as Request;
    expect(req.method).toBe("POST");
    expect(new URL(req.url).pathname).toBe("/api/sortition/v1/responses");
    expect(await req.json()).toEqual({
      code: "ABCDEFGHJK",
      willing: true,
      criteria: { gender: "F", age_band: "25-34", arrondissement: "19", diploma: "bac" },
      consent: true,
      contact: { email: "camille@example.fr" },
    });
  });

  it("shows each contact message next to its field, the service's too", async () => {
    const fetch = answer(422, {
      type: "/problems/unprocessable-entity",
      title: "Unprocessable entity",
      status: 422,
      errors: [{ pointer: "/contact/phone", detail: "a phone number of 6 to 15 digits" }],
    });
    const user = show();
    await fillWilling(user, "ABCDE-FGHJK");
    await user.clear(screen.getByLabelText(/Adresse électronique/));
    fetch.mockClear();
    await user.click(screen.getByRole("button", { name: "Envoyer ma réponse" }));
    // Neither given: said at the first of them, and nothing sent.
    const email = screen.getByLabelText(/Adresse électronique/);
    const describedBy = (el: HTMLElement) =>
      el.getAttribute("aria-describedby")!.split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
    await waitFor(() => expect(describedBy(email)).toContain("Indiquez une adresse électronique ou un numéro de téléphone"));
    expect(fetch).not.toHaveBeenCalled();
    await user.type(email, "camille@example");
    await user.click(screen.getByRole("button", { name: "Envoyer ma réponse" }));
    await waitFor(() => expect(describedBy(email)).toContain("Saisissez une adresse électronique valide"));
    expect(fetch).not.toHaveBeenCalled();
    await user.clear(email);
    await user.type(screen.getByLabelText(/Numéro de téléphone/), "06 12 34 56 78");
    await user.click(screen.getByRole("button", { name: "Envoyer ma réponse" }));
    const phone = screen.getByLabelText(/Numéro de téléphone/);
    await waitFor(() => expect(describedBy(phone)).toContain("a phone number of 6 to 15 digits"));
    expect(screen.getByRole("link", { name: /Numéro de téléphone/ })).toBeTruthy();
  });

  it("shows a summary, focused, and each message tied to its field, sending nothing", async () => {
    const fetch = answer(201, {});
    const user = show();
    await user.click(screen.getByRole("button", { name: "Continuer" }));
    await waitFor(() => expect(document.activeElement?.id).toBe("answer-summary"));
    expect(fetch).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText(/Code de réponse/), "ABCDE-FGHJK");
    await user.click(screen.getByRole("button", { name: "Continuer" }));
    await user.click(await screen.findByLabelText("Oui, je souhaite participer"));
    await user.clear(screen.getByLabelText(/Code de réponse/));
    // A changed code is asked its own questions again: back to step 1, then the code is missing.
    expect(screen.queryByLabelText("Oui, je souhaite participer")).toBeNull();
    await user.type(screen.getByLabelText(/Code de réponse/), "ABCDE-FGHJK");
    await user.click(screen.getByRole("button", { name: "Continuer" }));
    await user.click(await screen.findByLabelText("Oui, je souhaite participer"));
    await user.clear(screen.getByLabelText(/Code de réponse/));
    await user.type(screen.getByLabelText(/Code de réponse/), "ABCDE-FGHJK");
    await user.click(screen.getByRole("button", { name: "Continuer" }));
    await user.click(await screen.findByLabelText("Oui, je souhaite participer"));
    fetch.mockClear();
    await user.click(screen.getByRole("button", { name: "Envoyer ma réponse" }));
    const summary = document.getElementById("answer-summary")!;
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(summary.querySelectorAll("li a")).toHaveLength(6); // four questions, contact, consent
    expect(summary.querySelector("li a")?.textContent).toBe("Genre : Répondez à cette question.");
    const gender = screen.getByRole("group", { name: /Genre/ });
    expect(gender.textContent).toContain("Répondez à cette question.");
    expect(fetch).not.toHaveBeenCalled();
    // Answered, the question's message goes; the others stay until the next sending.
    await user.click(screen.getByLabelText("Femme"));
    expect(screen.getByRole("group", { name: /Genre/ }).textContent).not.toContain("Répondez");
    expect(screen.getByRole("group", { name: /Tranche d’âge/ }).textContent).toContain("Répondez");
  });

  it("says the same thing, next to the code, for an unknown or used code", async () => {
    const refused = { type: "/problems/not-found", title: "Not found", status: 404 };
    vi.spyOn(globalThis, "fetch").mockImplementation(async () => reply(404, refused));
    const user = show();
    await user.type(screen.getByLabelText(/Code de réponse/), "ABCDE-FGHJK");
    await user.click(screen.getByRole("button", { name: "Continuer" }));
    const text = await screen.findAllByText(/Ce code ne permet pas d’enregistrer une réponse/);
    expect(text.length).toBeGreaterThanOrEqual(2); // the summary and the field
    const code = screen.getByLabelText(/Code de réponse/);
    const described = code.getAttribute("aria-describedby")!.split(" ");
    const messages = described.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
    expect(messages).toContain("Ce code ne permet pas d’enregistrer une réponse");
    expect(screen.queryByLabelText("Oui, je souhaite participer")).toBeNull();
  });

  it("asks the questions the service gives, naming unknown ones as they come", async () => {
    answer(201, { id: "r-7" }, {
      questions: [{ name: "household_size", values: ["1", "2", "3+"] }, { name: "gender", values: ["F", "M"] }],
    });
    const user = show();
    await user.type(screen.getByLabelText(/Code de réponse/), "ABCDE-FGHJK");
    await user.click(screen.getByRole("button", { name: "Continuer" }));
    await user.click(await screen.findByLabelText("Oui, je souhaite participer"));
    expect(screen.getByRole("group", { name: /household_size/ })).toBeTruthy();
    expect(screen.getByLabelText("Femme")).toBeTruthy();
    expect(screen.queryByLabelText("Arrondissement de résidence")).toBeNull();
  });

  it("puts a problem's field errors next to their fields", async () => {
    answer(422, {
      type: "/problems/unprocessable-entity",
      title: "Unprocessable entity",
      status: 422,
      errors: [{ pointer: "/criteria/diploma", detail: "too long" }],
    });
    const user = show();
    await fillWilling(user, "ABCDE-FGHJK");
    await user.click(screen.getByRole("button", { name: "Envoyer ma réponse" }));
    const group = await screen.findByRole("group", { name: /Diplôme le plus élevé/ });
    expect(group.textContent).toContain("Cette réponse n’est pas acceptée : too long");
  });

  it("asks nothing more of someone who declines, records the no and confirms it", async () => {
    const fetch = answer(201, { id: "r-9", state: "declined" });
    const user = show("en");
    await user.type(screen.getByLabelText(/Response code/), "ABCDE-FGHJK");
    await user.click(screen.getByRole("button", { name: "Continue" }));
    await user.click(await screen.findByLabelText("No, I do not want to take part"));
    fetch.mockClear();
    expect(screen.queryByLabelText("Woman")).toBeNull();
    expect(screen.queryByLabelText(/E-mail address/)).toBeNull();
    await user.click(screen.getByRole("button", { name: "Send my answer" }));
    expect(await screen.findByRole("heading", { level: 1 })).toHaveProperty(
      "textContent",
      "Thank you for your answer",
    );
    expect(screen.getByRole("status").textContent).toContain("Your answer is recorded");
    expect(fetch).toHaveBeenCalledTimes(1);
    const req = fetch.mock.calls[0][0] as Request;
    expect(new URL(req.url).pathname).toBe("/api/sortition/v1/responses");
    expect(await req.json()).toEqual({ code: "ABCDEFGHJK", willing: false });
  });

  it("says a refused no as a refused code, next to the code", async () => {
    answer(404, { type: "/problems/not-found", title: "Not found", status: 404 });
    const user = show();
    await user.type(screen.getByLabelText(/Code de réponse/), "ABCDE-FGHJK");
    // The questions answer (mocked for any code); the call is then closed when the no is sent.
    await user.click(screen.getByRole("button", { name: "Continuer" }));
    await user.click(await screen.findByLabelText("Non, je ne souhaite pas participer"));
    await user.click(screen.getByRole("button", { name: "Envoyer ma réponse" }));
    const text = await screen.findAllByText(/Ce code ne permet pas d’enregistrer une réponse/);
    expect(text.length).toBeGreaterThanOrEqual(2);
    expect(screen.queryByRole("heading", { name: "Merci de votre réponse" })).toBeNull();
  });
});

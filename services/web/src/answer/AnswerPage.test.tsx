import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { api } from "../api/client";
import { I18nProvider } from "../i18n/i18n";
import type { Lang } from "../i18n/messages";
import { AnswerPage } from "./AnswerPage";

afterEach(cleanup);

function answer(status: number, body: unknown) {
  return vi.spyOn(globalThis, "fetch").mockResolvedValue(
    new Response(JSON.stringify(body), {
      status,
      headers: {
        "Content-Type": status < 300 ? "application/json" : "application/problem+json",
      },
    }),
  );
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
  await user.click(screen.getByLabelText("Oui, je souhaite participer"));
  await user.click(screen.getByLabelText("Femme"));
  await user.click(screen.getByLabelText("25 à 34 ans"));
  await user.selectOptions(screen.getByLabelText("Arrondissement de résidence"), "19");
  await user.click(screen.getByLabelText("Baccalauréat ou équivalent"));
  await user.click(screen.getByLabelText(/J’accepte/));
}

describe("the answer form", () => {
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
    const req = fetch.mock.calls[0][0] as Request;
    expect(req.method).toBe("POST");
    expect(new URL(req.url).pathname).toBe("/api/sortition/v1/responses");
    expect(await req.json()).toEqual({
      code: "ABCDEFGHJK",
      criteria: { gender: "F", age_band: "25-34", arrondissement: "19", diploma: "bac" },
      consent: true,
    });
  });

  it("shows a summary, focused, and each message tied to its field, sending nothing", async () => {
    const fetch = answer(201, {});
    const user = show();
    await user.click(screen.getByLabelText("Oui, je souhaite participer"));
    await user.click(screen.getByRole("button", { name: "Envoyer ma réponse" }));
    const summary = document.getElementById("answer-summary")!;
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(summary.querySelectorAll("li a")).toHaveLength(6);
    const code = screen.getByLabelText(/Code de réponse/);
    const described = code.getAttribute("aria-describedby")!.split(" ");
    const messages = described.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
    expect(messages).toContain("Saisissez le code imprimé sur votre courrier.");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("says the same thing, next to the code, for an unknown or used code", async () => {
    answer(404, { type: "/problems/not-found", title: "Not found", status: 404 });
    const user = show();
    await fillWilling(user, "ABCDE-FGHJK");
    await user.click(screen.getByRole("button", { name: "Envoyer ma réponse" }));
    const text = await screen.findAllByText(/Ce code ne permet pas d’enregistrer une réponse/);
    expect(text.length).toBeGreaterThanOrEqual(2); // the summary and the field
    expect(screen.getByLabelText(/Code de réponse/).getAttribute("aria-invalid")).not.toBe("false");
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

  it("asks nothing more of someone who declines, and sends nothing", async () => {
    const fetch = answer(201, {});
    const user = show("en");
    await user.type(screen.getByLabelText(/Response code/), "ABCDE-FGHJK");
    await user.click(screen.getByLabelText("No, I do not want to take part"));
    expect(screen.queryByLabelText("Woman")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Send my answer" }));
    expect(await screen.findByRole("heading", { level: 1 })).toHaveProperty(
      "textContent",
      "Thank you for your answer",
    );
    expect(fetch).not.toHaveBeenCalled();
  });
});

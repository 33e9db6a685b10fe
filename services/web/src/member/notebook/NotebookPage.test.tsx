import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { describedBy, fakeServices, MEMBER, problem, show, WORKSHOP } from "../testing";
import { authorKey, NotebookPage, validateNotebook } from "./NotebookPage";

afterEach(cleanup);

const base = `/api/workshops/v1/workshops/${WORKSHOP}/notebook`;

function notebook(extra: Record<string, (r: { body: unknown }) => [number, unknown]> = {}) {
  const versions = [
    { version: 1, author: "member:someone-else", created_at: "2026-11-02T09:00:00Z", note: "" },
    { version: 2, author: `member:${MEMBER}`, created_at: "2026-11-09T09:00:00Z", note: "Les horaires" },
  ];
  return fakeServices({
    [`GET ${base}/versions`]: () => [200, { items: versions }],
    [`GET ${base}/versions/2`]: () => [200, { ...versions[1], text: "# Carnet\nOuvrir le dimanche.\n" }],
    [`GET ${base}/versions/3`]: () => [200, { version: 3, author: `member:${MEMBER}`, text: "# Carnet\nOuvrir le soir.\n" }],
    [`GET ${base}/diff`]: () => [200, { from: 1, to: 2, lines: [{ op: "=", text: "# Carnet" }, { op: "+", text: "Ouvrir le dimanche." }] }],
    ...extra,
  });
}

describe("the notebook page", () => {
  it("names authors without naming other members, and checks a version before sending", () => {
    expect(authorKey(`member:${MEMBER}`, MEMBER)).toBe("member.notebook.author.you");
    expect(authorKey("member:other", MEMBER)).toBe("member.notebook.author.member");
    expect(authorKey("secretariat:jeanne", MEMBER)).toBe("member.notebook.author.secretariat");
    expect(validateNotebook(" ", "", undefined)["/text"]?.key).toBe("member.notebook.text.missing");
    expect(validateNotebook("a", "", "a")["/text"]?.key).toBe("member.notebook.text.unchanged");
    expect(validateNotebook("b", "x".repeat(501), "a")["/note"]?.key).toBe("member.notebook.note.tooLong");
  });

  it("shows the current version, what a version changed, and saves a new one", async () => {
    let saved = false;
    const sent = notebook({
      [`POST ${base}/versions`]: () => {
        saved = true;
        return [201, { version: 3, author: `member:${MEMBER}` }];
      },
    });
    const user = show(<NotebookPage memberId={MEMBER} />);
    const text = (await screen.findByLabelText(/Texte du carnet/)) as HTMLTextAreaElement;
    await waitFor(() => expect(text.value).toBe("# Carnet\nOuvrir le dimanche.\n"));
    expect(document.getElementById("notebook-current")?.textContent).toContain("Ouvrir le dimanche.");
    expect(screen.getAllByText(/par vous/).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/par un membre de l’atelier/).length).toBeGreaterThan(0);
    expect(document.body.textContent).not.toContain("someone-else");

    await user.click(screen.getByRole("button", { name: "Voir les changements de la version 2" }));
    expect(await screen.findByText("Changements de la version 1 à la version 2")).toBeTruthy();
    expect(sent.find((s) => s.path === `${base}/diff`)?.query).toBe("?from=1&to=2");

    // Unchanged: said next to the text, focused, nothing sent.
    await user.click(screen.getByRole("button", { name: "Enregistrer la nouvelle version" }));
    expect(describedBy(text)).toContain("identique à la version en cours");
    expect(document.activeElement).toBe(text);
    expect(sent.some((s) => s.method === "POST")).toBe(false);

    await user.clear(text);
    await user.type(text, "# Carnet{enter}Ouvrir le soir.{enter}");
    await user.type(screen.getByLabelText(/Note sur cette version/), "Le soir plutôt");
    await user.click(screen.getByRole("button", { name: "Enregistrer la nouvelle version" }));
    expect((await screen.findByRole("status")).textContent).toContain("La version 3 du carnet est enregistrée.");
    expect(saved).toBe(true);
    expect(sent.find((s) => s.method === "POST")?.body).toEqual({ text: "# Carnet\nOuvrir le soir.\n", note: "Le soir plutôt" });
  });

  it("puts the service's field errors next to their fields", async () => {
    notebook({ [`POST ${base}/versions`]: () => [422, problem(422, [{ pointer: "/note", detail: "too long" }])] });
    const user = show(<NotebookPage memberId={MEMBER} />, "en");
    const text = (await screen.findByLabelText(/Text of the notebook/)) as HTMLTextAreaElement;
    await waitFor(() => expect(text.value).not.toBe(""));
    await user.type(text, "more");
    await user.click(screen.getByRole("button", { name: "Save the new version" }));
    const note = screen.getByLabelText(/Note on this version/);
    await waitFor(() => expect(describedBy(note)).toContain("Refused by the service: too long"));
    expect(document.activeElement).toBe(note);
  });
});

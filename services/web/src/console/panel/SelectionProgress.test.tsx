import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { I18nProvider } from "../../i18n/i18n";

// The sortition client, replaced for this component's test: what the service answers is given
// per test (the browser test console-recruitment.mjs runs the page against the real service).
const GET = vi.fn();
const POST = vi.fn();
vi.mock("../../api/client", () => ({ api: { sortition: { GET: (...a: unknown[]) => GET(...a), POST: (...a: unknown[]) => POST(...a) } } }));

const { SelectionProgress } = await import("./PanelSection");

const running = {
  id: "s1",
  state: "running",
  progress: { fraction: 0.42, pool: "roll", algorithm: "leximin", panels: 120, min_probability: 0.05, settled_types: 10, types: 40 },
};

function show() {
  localStorage.setItem("lang", "fr");
  render(
    <I18nProvider>
      <SelectionProgress id="s1" />
    </I18nProvider>,
  );
}

beforeEach(() => {
  GET.mockReset();
  POST.mockReset();
});
afterEach(cleanup);

describe("a running draw's page", () => {
  it("shows how far the computation is, as a bar and in words", async () => {
    GET.mockResolvedValue({ data: running });
    show();
    const bar = (await screen.findByRole("progressbar", { name: "Avancement du calcul du tirage" })) as HTMLProgressElement;
    expect(bar.value).toBe(42);
    expect(bar.max).toBe(100);
    expect(screen.getByRole("status").textContent).toContain("42 % au plus tard");
  });

  it("cancels the draw after a confirmation, and says nothing was drawn", async () => {
    GET.mockResolvedValue({ data: running });
    POST.mockResolvedValue({ data: { ...running, state: "cancelled", progress: null, cancel_requested_at: "2026-12-07T10:00:00Z" }, response: { ok: true } });
    const confirm = vi.spyOn(window, "confirm").mockReturnValue(true);
    show();
    await userEvent.click(await screen.findByRole("button", { name: "Annuler le tirage" }));
    expect(confirm).toHaveBeenCalledOnce();
    expect(POST).toHaveBeenCalledWith("/v1/selections/{id}/cancel", { params: { path: { id: "s1" } }, body: {} });
    await screen.findByText("Le tirage a été annulé ; rien n’a été tiré. Vous pouvez en publier un nouveau.");
    expect(screen.queryByRole("button", { name: "Annuler le tirage" })).toBeNull();
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("changes nothing when the confirmation is declined", async () => {
    GET.mockResolvedValue({ data: running });
    vi.spyOn(window, "confirm").mockReturnValue(false);
    show();
    await userEvent.click(await screen.findByRole("button", { name: "Annuler le tirage" }));
    expect(POST).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByRole("button", { name: "Annuler le tirage" })).toBeTruthy());
  });

  it("says a running draw is stopping once asked, without offering to cancel again", async () => {
    GET.mockResolvedValue({ data: { ...running, cancel_requested_at: "2026-12-07T10:00:00Z" } });
    show();
    await screen.findByText(/Annulation demandée : le calcul s’arrête\./);
    expect(screen.queryByRole("button", { name: "Annuler le tirage" })).toBeNull();
  });
});

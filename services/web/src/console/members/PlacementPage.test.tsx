import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { describedBy, services, show } from "../../member/testing";
import type { Assembly } from "../model";
import { PlacementPage } from "./PlacementPage";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const [A, B] = ["aaaaaaaa-0000-4000-8000-000000000001", "bbbbbbbb-0000-4000-8000-000000000002"];
const POOL = "c0ffee00-1234-4abc-9def-0123456789ab";
const assembly = { id: "paris", workshops: ["climate", "housing"] } as Assembly;

function stack(put: (body: unknown) => [number, unknown] = () => [200, { id: A }]) {
  return services({
    "GET /api/membership/v1/members": [
      200,
      {
        items: [
          { id: A, assembly_id: "paris", status: "active", pool: "roll", workshop_theme: "climate" },
          { id: B, assembly_id: "paris", status: "active", pool: "roll", workshop_theme: "housing" },
        ],
      },
    ],
    "GET /api/workshops/v1/workshops": [
      200,
      { items: [{ id: "w1", theme: "climate", title: "Climat" }, { id: "w2", theme: "housing", title: "Logement" }] },
    ],
    "GET /api/sortition/v1/invitation-draws": [200, { items: [{ id: "d1", pool_id: POOL }] }],
    "GET /api/sortition/v1/pools": [200, { items: [{ id: POOL, name: "Liste électorale 2026", kind: "roll" }] }],
    [`PUT /api/membership/v1/members/${A}/workshop`]: put,
  });
}

const column = (theme: string) => document.querySelector(`section[data-workshop="${theme}"]`) as HTMLElement;

// A native drag and drop as the browser fires it: the card's dragstart fills the transfer, the
// column's dragover accepts it, its drop reads it.
function drag(card: HTMLElement, to: HTMLElement) {
  const data: Record<string, string> = {};
  const dataTransfer = {
    setData: (k: string, v: string) => (data[k] = v),
    getData: (k: string) => data[k] ?? "",
    effectAllowed: "",
    dropEffect: "",
  };
  fireEvent.dragStart(card, { dataTransfer });
  fireEvent.dragEnter(to, { dataTransfer });
  fireEvent.dragOver(to, { dataTransfer });
  fireEvent.drop(to, { dataTransfer });
  fireEvent.dragEnd(card, { dataTransfer });
}

async function moveAndSave(how: "select" | "drag") {
  const { changes } = stack();
  const user = show(<PlacementPage assembly={assembly} />);
  await screen.findByRole("heading", { name: /^Climat/ });
  await waitFor(() => expect(column("climate").textContent).toContain("Liste électorale 2026"));
  if (how === "select") await user.selectOptions(document.getElementById(`placement-${A}`) as HTMLSelectElement, "housing");
  else drag(document.getElementById(`placement-card-${A}`) as HTMLElement, column("housing"));
  // Either way the card is in the other column, its select says so, the change is to be saved.
  expect(column("housing").contains(document.getElementById(`placement-card-${A}`))).toBe(true);
  expect((document.getElementById(`placement-${A}`) as HTMLSelectElement).value).toBe("housing");
  await user.type(document.getElementById("placement-reason") as HTMLInputElement, "Équilibre");
  await user.click(screen.getByRole("button", { name: "Enregistrer les changements d’atelier" }));
  await waitFor(() => expect(changes()).toHaveLength(1));
  return changes().map(({ method, path, body }) => ({ method, path, body }));
}

describe("the placement board", () => {
  it("names the workshops and the seat pool", async () => {
    stack();
    show(<PlacementPage assembly={assembly} />);
    await screen.findByRole("heading", { name: /^Logement/ });
    expect(document.getElementById("placement-sizes")?.textContent).toContain("Climat : 1 membres");
    await waitFor(() => expect(document.getElementById(`placement-card-${A}`)?.textContent).toContain("Liste électorale 2026"));
    expect([...(document.getElementById(`placement-${A}`) as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      "Choisir un atelier",
      "Climat",
      "Logement",
    ]);
  });

  it("makes of a drop on another column the same move as the select", async () => {
    const bySelect = await moveAndSave("select");
    cleanup();
    vi.restoreAllMocks();
    const byDrag = await moveAndSave("drag");
    expect(bySelect).toEqual([{ method: "PUT", path: `/api/membership/v1/members/${A}/workshop`, body: { workshop: "housing", reason: "Équilibre" } }]);
    expect(byDrag).toEqual(bySelect);
  });

  it("asks the reason after a drop, ignores a drop on the member's own column, and shows a refusal by the member's select", async () => {
    const { changes } = stack(() => [409, { status: 409, title: "Conflict", detail: "the workshop is full" }]);
    const user = show(<PlacementPage assembly={assembly} />);
    await screen.findByRole("heading", { name: /^Climat/ });
    drag(document.getElementById(`placement-card-${A}`) as HTMLElement, column("climate"));
    expect(document.getElementById("placement-dropped")?.textContent).toBe("");
    drag(document.getElementById(`placement-card-${A}`) as HTMLElement, column("housing"));
    expect(document.getElementById("placement-dropped")?.textContent).toContain("atelier « Logement », à enregistrer");
    await user.click(screen.getByRole("button", { name: "Enregistrer les changements d’atelier" }));
    expect(document.activeElement?.id).toBe("placement-reason");
    expect(changes()).toHaveLength(0);
    await user.type(document.getElementById("placement-reason") as HTMLInputElement, "Équilibre");
    await user.click(screen.getByRole("button", { name: "Enregistrer les changements d’atelier" }));
    await waitFor(() => expect(describedBy(document.getElementById(`placement-${A}`) as HTMLElement)).toContain("the workshop is full"));
  });
});

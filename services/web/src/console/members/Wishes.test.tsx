import { cleanup, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { describedBy, problem, services, show } from "../../member/testing";
import type { Member } from "./model";
import type { Names } from "./names";
import { Wishes } from "./Wishes";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const ID = "11111111-1111-4111-8111-111111111111";
const WORKSHOPS = ["climate", "housing", "mobility"];
const names: Names = {
  workshops: new Map([
    ["climate", "Climat et adaptation"],
    ["housing", "Logement"],
    ["mobility", "Mobilités"],
  ]),
  pools: new Map(),
};
const member = (over: Partial<Member> = {}): Member =>
  ({ id: ID, assembly_id: "paris", status: "invited", workshop_theme: null, preferences: ["housing"], ...over }) as Member;
const select = (rank: number) => document.getElementById(`member-wish-${rank}`) as HTMLSelectElement;

describe("a member's workshop wishes", () => {
  it("shows the wishes held by name, checks them before sending and sends the ranked themes", async () => {
    const { changes } = services({
      [`PUT /api/membership/v1/members/${ID}/preferences`]: (body) => [
        200,
        member({ preferences: (body as { workshops: string[] }).workshops }),
      ],
    });
    const done = vi.fn();
    const user = show(<Wishes member={member()} workshops={WORKSHOPS} names={names} done={done} />);
    expect(document.getElementById("member-wishes")?.textContent).toBe("Logement");
    expect(select(0).value).toBe("housing");
    expect([...select(1).options].map((o) => o.textContent)).toEqual(["Aucun", "Climat et adaptation", "Logement", "Mobilités"]);

    // The same workshop twice: said on the second, focused, nothing sent.
    await user.selectOptions(select(1), "housing");
    await user.click(screen.getByRole("button", { name: "Enregistrer les vœux" }));
    expect(document.activeElement).toBe(select(1));
    expect(describedBy(select(1))).toContain("déjà choisi");
    // A rank left empty above a chosen one.
    await user.selectOptions(select(1), "");
    await user.selectOptions(select(2), "climate");
    await user.click(screen.getByRole("button", { name: "Enregistrer les vœux" }));
    expect(document.activeElement).toBe(select(1));
    expect(describedBy(select(1))).toContain("Choisissez un atelier ici");
    expect(changes()).toHaveLength(0);

    await user.selectOptions(select(1), "mobility");
    await user.click(screen.getByRole("button", { name: "Enregistrer les vœux" }));
    await waitFor(() => expect(changes()).toHaveLength(1));
    expect(changes()[0].body).toEqual({ workshops: ["housing", "mobility", "climate"] });
    await screen.findByText("Vœux enregistrés.");
    expect(done).toHaveBeenCalledWith(expect.objectContaining({ preferences: ["housing", "mobility", "climate"] }));
  });

  it("puts the service's refusal next to the rank it names, and a 409 on the first", async () => {
    let answer: [number, unknown] = [422, problem(422, [{ pointer: "/workshops/1", detail: "the assembly has no workshop \"mobility\"" }])];
    services({ [`PUT /api/membership/v1/members/${ID}/preferences`]: () => answer });
    const user = show(<Wishes member={member({ preferences: [] })} workshops={WORKSHOPS} names={names} done={() => undefined} />);
    expect(document.getElementById("member-wishes")?.textContent).toBe("Aucun vœu enregistré.");
    await user.selectOptions(select(0), "climate");
    await user.selectOptions(select(1), "mobility");
    await user.click(screen.getByRole("button", { name: "Enregistrer les vœux" }));
    await waitFor(() => expect(describedBy(select(1))).toContain("the assembly has no workshop"));
    expect(document.activeElement).toBe(select(1));

    answer = [409, { status: 409, title: "Conflict", detail: "the member is active in workshop climate", status_name: "active" }];
    await user.click(screen.getByRole("button", { name: "Enregistrer les vœux" }));
    await waitFor(() => expect(describedBy(select(0))).toContain("the member is active in workshop climate"));
  });

  it("shows the wishes held once recorded, and says they were", async () => {
    services({
      [`PUT /api/membership/v1/members/${ID}/preferences`]: (body) => [200, member({ preferences: (body as { workshops: string[] }).workshops })],
    });
    function Page() {
      const [m, setM] = useState(member());
      return <Wishes member={m} workshops={WORKSHOPS} names={names} done={setM} />;
    }
    const user = show(<Page />);
    await user.selectOptions(select(1), "climate");
    await user.click(screen.getByRole("button", { name: "Enregistrer les vœux" }));
    await waitFor(() => expect([...document.querySelectorAll("#member-wishes li")].map((li) => li.textContent)).toEqual(["Logement", "Climat et adaptation"]));
    expect(screen.getByText("Vœux enregistrés.")).toBeTruthy();
  });

  it("says why when the wishes can no longer change, and offers no form", () => {
    show(<Wishes member={member({ status: "active", workshop_theme: "climate" })} workshops={WORKSHOPS} names={names} done={() => undefined} />);
    expect(document.getElementById("member-wishes-closed")?.textContent).toContain("« Climat et adaptation »");
    expect(screen.queryByRole("button", { name: "Enregistrer les vœux" })).toBeNull();
    cleanup();
    show(<Wishes member={member({ status: "withdrawn" })} workshops={WORKSHOPS} names={names} done={() => undefined} />);
    expect(document.getElementById("member-wishes-closed")?.textContent).toContain("retiré·e de l’Assemblée");
    expect(document.getElementById("member-wish-0")).toBeNull();
  });
});

import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { describedBy, problem, services, show } from "../../member/testing";
import { AttendanceSheet } from "./AttendanceSheet";

afterEach(cleanup);

const S = "33333333-3333-4333-8333-333333333333";
const W = "22222222-2222-4222-8222-222222222222";
const [A, B, C] = ["aaaaaaaa-0000-4000-8000-000000000001", "bbbbbbbb-0000-4000-8000-000000000002", "cccccccc-0000-4000-8000-000000000003"];
const session = { id: S, assembly_id: "paris", workshop_id: W, state: "scheduled" as const };

function stack(recorded: Record<string, string>, put: (body: unknown) => [number, unknown] = () => [200, { changed: 1, items: [] }]) {
  return services({
    [`GET /api/workshops/v1/workshops/${W}/roster`]: [200, { workshop_id: W, member_ids: [C, A, B] }],
    [`GET /api/workshops/v1/sessions/${S}/attendance`]: [
      200,
      { session_id: S, items: Object.entries(recorded).map(([member_id, status]) => ({ member_id, status, revision: 1, changes: [] })) },
    ],
    [`PUT /api/workshops/v1/sessions/${S}/attendance`]: put,
  });
}

describe("the attendance sheet", () => {
  it("is filled with the keyboard alone: shortcuts, arrows, Space, bulk marking", async () => {
    const { changes } = stack({});
    const user = show(<AttendanceSheet session={session} />);
    await screen.findByRole("table");
    // Tab from the "tick every row" box: row 1's box, then row 1's statuses.
    (document.getElementById("ws-sel-all") as HTMLInputElement).focus();
    await user.tab();
    await user.tab();
    expect(document.activeElement?.id).toBe(`ws-att-${A}-present`);
    await user.keyboard("p"); // A present, on to B
    expect(document.activeElement?.id).toBe(`ws-att-${B}-present`);
    await user.keyboard("a"); // B absent, on to C
    await user.keyboard("{ArrowUp}");
    expect(document.activeElement?.id).toBe(`ws-att-${B}-absent`);
    await user.keyboard("{ArrowDown}{Shift>}{Tab}{/Shift}"); // C's box
    expect(document.activeElement?.id).toBe(`ws-sel-${C}`);
    await user.keyboard(" ");
    await user.click(screen.getByRole("button", { name: "Cochés excusés (1)" }));
    expect((document.getElementById(`ws-att-${C}-excused`) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole("button", { name: /Enregistrer la feuille \(3 changements\)/ }));
    await waitFor(() => expect(changes()).toHaveLength(1));
    expect(changes()[0].body).toEqual({
      records: [
        { member_id: A, status: "present" },
        { member_id: B, status: "absent" },
        { member_id: C, status: "excused" },
      ],
    });
  });

  it("asks a correction's reason next to the row, and puts the service's refusal there too", async () => {
    const { changes } = stack({ [A]: "absent", [B]: "present", [C]: "present" }, () => [
      422,
      problem(422, [{ pointer: "/records/0/reason", detail: "a correction needs its reason" }]),
    ]);
    const user = show(<AttendanceSheet session={session} />);
    await screen.findByRole("table");
    await user.click(document.getElementById(`ws-att-${A}-excused`) as HTMLElement);
    await user.click(screen.getByRole("button", { name: /Enregistrer la feuille/ }));
    const reason = document.getElementById(`ws-reason-${A}`) as HTMLInputElement;
    expect(document.activeElement).toBe(reason);
    expect(describedBy(reason)).toContain("Une correction demande son motif.");
    expect(changes()).toHaveLength(0);
    await user.type(reason, "Prévenu la veille");
    await user.click(screen.getByRole("button", { name: /Enregistrer la feuille/ }));
    await waitFor(() => expect(changes()).toHaveLength(1));
    expect(changes()[0].body).toEqual({ records: [{ member_id: A, status: "excused", reason: "Prévenu la veille" }] });
    await waitFor(() => expect(describedBy(reason)).toContain("a correction needs its reason"));
    expect(document.activeElement).toBe(reason);
  });
});

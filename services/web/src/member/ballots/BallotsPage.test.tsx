import { cleanup, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { ASSEMBLY, describedBy, fakeServices, MEMBER, show } from "../testing";
import { BallotsPage, ballotsFor, receiptLooksValid } from "./BallotsPage";

afterEach(cleanup);
beforeEach(() => localStorage.clear());

const OPEN = "33333333-3333-4333-8333-333333333333";
const CLOSED = "44444444-4444-4444-8444-444444444444";
const OTHER = "55555555-5555-4555-8555-555555555555";
const RECEIPT = "0123456789abcdef0123456789abcdef";

const ballot = (id: string, extra: object) => ({
  id,
  assembly_id: ASSEMBLY,
  workshop: null,
  question: `Question ${id.slice(0, 4)} ?`,
  secret: true,
  closes_at: "2026-12-24T17:00:00Z",
  ...extra,
});

describe("the ballots page", () => {
  it("lists the assembly's and the member's workshop's ballots only", () => {
    const items = [
      { id: "a", workshop: null },
      { id: "b", workshop: "environment" },
      { id: "c", workshop: "housing" },
    ];
    expect(ballotsFor(items, "environment").map((b) => b.id)).toEqual(["a", "b"]);
    expect(receiptLooksValid(` ${RECEIPT.toUpperCase()} `)).toBe(true);
    expect(receiptLooksValid("0123")).toBe(false);
  });

  it("votes in a secret ballot, shows the receipt and keeps it for the check", async () => {
    const sent = fakeServices({
      "GET /api/recommendations/v1/ballots": () => [
        200,
        { items: [ballot(OPEN, { state: "open" }), ballot(OTHER, { state: "open", workshop: "housing" })] },
      ],
      [`POST /api/recommendations/v1/ballots/${OPEN}/votes`]: () => [200, { ballot_id: OPEN, receipt: RECEIPT }],
    });
    const user = show(<BallotsPage memberId={MEMBER} />);
    await screen.findByText(`Question ${OPEN.slice(0, 4)} ?`);
    expect(screen.queryByText(`Question ${OTHER.slice(0, 4)} ?`)).toBeNull();
    expect(sent.find((s) => s.path === "/api/recommendations/v1/ballots")?.query).toBe(`?assembly_id=${ASSEMBLY}`);
    // Nothing chosen: said next to the choice, focus on it, nothing sent.
    await user.click(screen.getByRole("button", { name: "Voter" }));
    const group = screen.getByRole("group", { name: /Votre vote/ });
    expect(group.textContent).toContain("Choisissez pour, contre ou abstention.");
    expect(document.activeElement?.id).toBe(`ballot-${OPEN}-choice-0`);
    expect(sent.some((s) => s.method === "POST")).toBe(false);

    await user.click(screen.getByLabelText("Contre"));
    await user.click(screen.getByRole("button", { name: "Voter" }));
    expect((await screen.findByRole("status")).textContent).toContain(RECEIPT);
    expect(sent.find((s) => s.method === "POST")?.body).toEqual({ choice: "against" });
    expect(localStorage.getItem(`ballot-receipt:${OPEN}:${MEMBER}`)).toBe(RECEIPT);
    // A change carries the receipt of the first vote.
    await waitFor(() => expect(screen.getByRole("button", { name: "Changer mon vote" })).toBeTruthy());
    await user.click(screen.getByLabelText("Pour"));
    await user.click(screen.getByRole("button", { name: "Changer mon vote" }));
    await waitFor(() => expect(sent.filter((s) => s.method === "POST")).toHaveLength(2));
    expect(sent.filter((s) => s.method === "POST")[1].body).toEqual({ choice: "for", receipt: RECEIPT });
  });

  it("shows a closed ballot's result and checks the receipt, a mistyped one said next to the field", async () => {
    localStorage.setItem(`ballot-receipt:${CLOSED}:${MEMBER}`, RECEIPT);
    const sent = fakeServices({
      "GET /api/recommendations/v1/ballots": () => [
        200,
        { items: [ballot(CLOSED, { state: "closed", result: { for: 4, against: 1, abstain: 1, electorate: 6, outcome: "adopted" } })] },
      ],
      [`GET /api/recommendations/v1/ballots/${CLOSED}/receipts/${RECEIPT}`]: () => [200, { ballot_id: CLOSED, counted: true }],
    });
    const user = show(<BallotsPage memberId={MEMBER} />, "en");
    await screen.findByText("Adopted");
    expect(screen.getByText("For: 4")).toBeTruthy();
    expect(screen.getByText("Registered voters: 6")).toBeTruthy();
    const field = screen.getByLabelText(/Your receipt/) as HTMLInputElement;
    expect(field.value).toBe(RECEIPT);
    await user.clear(field);
    await user.type(field, "not-a-receipt");
    await user.click(screen.getByRole("button", { name: "Check my receipt" }));
    expect(describedBy(field)).toContain("A receipt has 32 characters");
    expect(document.activeElement).toBe(field);
    expect(sent.some((s) => s.path.includes("/receipts/"))).toBe(false);
    await user.clear(field);
    await user.type(field, RECEIPT.toUpperCase());
    await user.click(screen.getByRole("button", { name: "Check my receipt" }));
    expect(await screen.findByText("Your vote was counted.")).toBeTruthy();
  });

  it("says a refusal of the vote by the service", async () => {
    fakeServices({
      "GET /api/recommendations/v1/ballots": () => [200, { items: [ballot(OPEN, { state: "open" })] }],
      [`POST /api/recommendations/v1/ballots/${OPEN}/votes`]: () => [403, { status: 403, title: "Forbidden" }],
    });
    const user = show(<BallotsPage memberId={MEMBER} />);
    await user.click(await screen.findByLabelText("Abstention"));
    await user.click(screen.getByRole("button", { name: "Voter" }));
    expect(await screen.findByText("Vous ne faites pas partie des votants de ce scrutin.")).toBeTruthy();
  });

  it("says a show of hands is voted in the room, offers no vote, and shows its result once closed", async () => {
    const sent = fakeServices({
      "GET /api/recommendations/v1/ballots": () => [
        200,
        {
          items: [
            ballot(OPEN, { state: "open", secret: false, show_of_hands: true }),
            ballot(CLOSED, {
              state: "closed",
              secret: false,
              show_of_hands: true,
              result: { for: 5, against: 2, abstain: 1, electorate: 9, outcome: "adopted" },
            }),
          ],
        },
      ],
    });
    show(<BallotsPage memberId={MEMBER} />);
    const open = (await screen.findByText(`Question ${OPEN.slice(0, 4)} ?`)).closest("article") as HTMLElement;
    expect(open.textContent).toContain("voté à main levée, en séance");
    expect(open.textContent).toContain("À main levée");
    expect(screen.queryByRole("button", { name: "Voter" })).toBeNull();
    expect(screen.queryByRole("group", { name: /Votre vote/ })).toBeNull();
    const closed = screen.getByText(`Question ${CLOSED.slice(0, 4)} ?`).closest("article") as HTMLElement;
    expect(closed.textContent).toContain("Adopté");
    expect(closed.textContent).toContain("Pour : 5");
    expect(closed.textContent).toContain("Votants inscrits : 9");
    // No receipt to check for a ballot nobody voted in online.
    expect(screen.queryByLabelText(/Votre reçu/)).toBeNull();
    expect(sent.some((s) => s.method === "POST")).toBe(false);
  });
});

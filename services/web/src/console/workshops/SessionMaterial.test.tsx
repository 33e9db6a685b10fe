import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { services, show } from "../../member/testing";
import type { Staff } from "../model";
import { SignedRecords } from "../panel/SelectionResult";
import type { Selection } from "../panel/model";
import { mayAddMaterial, SessionMaterial } from "./SessionMaterial";

afterEach(cleanup);

const S = "33333333-3333-4333-8333-333333333333";
const W = "22222222-2222-4222-8222-222222222222";
const session = { id: S, assembly_id: "paris", workshop_id: W, title: "Audition", state: "held" as const };
const staff = (over: Partial<Staff>): Staff => ({ roles: [], assemblies: ["paris"], workshops: [], ...over });
const doc = (id: string, label: string, uploaded_by?: string) => ({
  id,
  label,
  media_type: "application/pdf",
  size_bytes: 2048,
  uploaded_at: "2026-06-11T09:30:00Z",
  url: `/v1/documents/${id}?expires=1&signature=ab`,
  url_expires_at: "2999-01-01T00:00:00Z",
  ...(uploaded_by ? { uploaded_by } : {}),
});

describe("a session's material", () => {
  it("is added by the secretariat and the facilitators of the session's workshop only", () => {
    expect(mayAddMaterial(staff({ roles: ["secretariat"] }), session)).toBe(true);
    expect(mayAddMaterial(staff({ roles: ["facilitator"], workshops: [W] }), session)).toBe(true);
    expect(mayAddMaterial(staff({ roles: ["facilitator"], workshops: ["other"] }), session)).toBe(false);
    expect(mayAddMaterial(staff({ roles: ["facilitator"], workshops: [W] }), { ...session, workshop_id: null })).toBe(false);
    expect(mayAddMaterial(staff({ roles: ["city-service"] }), session)).toBe(false);
  });

  it("lists the documents with their links and who kept them, and offers the upload", async () => {
    const { sent } = services({ [`GET /api/workshops/v1/sessions/${S}/documents/files`]: [200, { items: [doc("d1", "Diaporama", "staff-1")] }] });
    show(<SessionMaterial session={session} staff={staff({ roles: ["facilitator"], workshops: [W] })} />);
    const link = await screen.findByRole("link", { name: /Diaporama/ });
    expect(link.getAttribute("href")).toBe("/api/workshops/v1/documents/d1?expires=1&signature=ab");
    expect(screen.getByText("staff-1")).toBeTruthy();
    expect(screen.getByLabelText(/Intitulé du document/)).toBeTruthy();
    expect(sent.filter((s) => s.method === "GET")).toHaveLength(1);
  });

  it("is not offered to add to a facilitator of another workshop", async () => {
    services({ [`GET /api/workshops/v1/sessions/${S}/documents/files`]: [200, { items: [] }] });
    show(<SessionMaterial session={session} staff={staff({ roles: ["facilitator"], workshops: ["other"] })} />);
    expect(await screen.findByText("Aucun document n’est encore conservé pour cette séance.")).toBeTruthy();
    expect(screen.queryByLabelText(/Intitulé du document/)).toBeNull();
  });
});

describe("the panel draw's signed record", () => {
  const selection = (state: string) => ({ id: S, state }) as unknown as Selection;
  it("lists the records kept and, the draw done, offers the upload", async () => {
    services({ [`GET /api/sortition/v1/selections/${S}/signed-records`]: [200, { items: [doc("d1", "PV signé")] }] });
    show(<SignedRecords selection={selection("done")} />);
    expect((await screen.findByRole("link", { name: /PV signé/ })).getAttribute("href")).toBe("/api/sortition/v1/documents/d1?expires=1&signature=ab");
    expect(screen.getByText("Le secrétariat")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Page publique du tirage" }).getAttribute("href")).toBe(`/tirages/${S}`);
    expect(screen.getByLabelText(/Intitulé du document/)).toBeTruthy();
  });

  it("offers no upload before the draw is done", async () => {
    services({ [`GET /api/sortition/v1/selections/${S}/signed-records`]: [200, { items: [] }] });
    show(<SignedRecords selection={selection("running")} />);
    expect(await screen.findByText("Aucun procès-verbal signé n’est encore conservé.")).toBeTruthy();
    expect(screen.queryByLabelText(/Intitulé du document/)).toBeNull();
  });
});

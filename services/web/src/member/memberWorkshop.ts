// What the members' pages need to know about the signed-in member: their assembly and, once
// placed, their workshop (membership's record gives the theme; the workshops service its id).
// Only the member's own record is read (the route checks the token's member_id).
import { useEffect, useState } from "react";

import { api } from "../api/client";
import type { Workshop } from "./model";

export type MemberPlace =
  | { state: "loading" }
  | { state: "failed" }
  | { state: "ready"; assemblyId: string; theme?: string; workshopId?: string; workshopTitle?: string };

// The assembly's workshop of a theme (the one membership placed the member in), from the
// workshops service's public list; undefined when it has none (yet). Throws when the list cannot
// be read.
export async function workshopOfTheme(assemblyId: string, theme: string): Promise<Workshop | undefined> {
  const { data } = await api.workshops.GET("/v1/workshops", { params: { query: { assembly_id: assemblyId } } });
  if (!data) throw new Error("workshops");
  return data.items?.find((w) => w.theme === theme);
}

export async function loadMemberPlace(memberId: string): Promise<MemberPlace> {
  const { data: member } = await api.membership.GET("/v1/members/{id}", {
    params: { path: { id: memberId } },
  });
  if (!member?.assembly_id) return { state: "failed" };
  const theme = member.workshop_theme ?? undefined;
  if (!theme) return { state: "ready", assemblyId: member.assembly_id };
  const mine = await workshopOfTheme(member.assembly_id, theme).catch(() => undefined);
  return {
    state: "ready",
    assemblyId: member.assembly_id,
    theme,
    workshopId: mine?.id,
    workshopTitle: mine?.title,
  };
}

export function useMemberPlace(memberId: string): MemberPlace {
  const [place, setPlace] = useState<MemberPlace>({ state: "loading" });
  useEffect(() => {
    let live = true;
    loadMemberPlace(memberId).then(
      (p) => live && setPlace(p),
      () => live && setPlace({ state: "failed" }),
    );
    return () => {
      live = false;
    };
  }, [memberId]);
  return place;
}

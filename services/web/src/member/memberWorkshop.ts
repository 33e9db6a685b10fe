// What the members' pages need to know about the signed-in member: their assembly and, once
// placed, their workshop (membership's record gives the theme; the workshops service its id).
// Only the member's own record is read (the route checks the token's member_id).
import { useEffect, useState } from "react";

import { api } from "../api/client";

export type MemberPlace =
  | { state: "loading" }
  | { state: "failed" }
  | { state: "ready"; assemblyId: string; theme?: string; workshopId?: string; workshopTitle?: string };

export async function loadMemberPlace(memberId: string): Promise<MemberPlace> {
  const { data: member } = await api.membership.GET("/v1/members/{id}", {
    params: { path: { id: memberId } },
  });
  if (!member?.assembly_id) return { state: "failed" };
  const theme = member.workshop_theme ?? undefined;
  if (!theme) return { state: "ready", assemblyId: member.assembly_id };
  const { data: workshops } = await api.workshops.GET("/v1/workshops", {
    params: { query: { assembly_id: member.assembly_id } },
  });
  const mine = workshops?.items?.find((w) => w.theme === theme);
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

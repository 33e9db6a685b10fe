// The member's workshop and its sessions (with the assembly's plenaries), from the workshops
// service's public reads: the workshop is the assembly's one whose theme membership gave the
// member at the opening plenary (GET /v1/workshops?assembly_id=…), its sessions
// GET /v1/sessions?assembly_id=…&workshop_id=…. Before the placement: no workshop, the
// assembly's sessions (the plenaries).
import { useCallback, useEffect, useState } from "react";

import { api } from "../api/client";
import { workshopOfTheme } from "./memberWorkshop";
import { byStart, type Member, type Session, type Workshop } from "./model";

export type MyWorkshop =
  | { state: "loading" }
  | { state: "failed" }
  | { state: "ready"; workshop: Workshop | undefined; sessions: Session[] };

export function useMyWorkshop(member: Member): { mine: MyWorkshop; reload: () => void } {
  const [mine, setMine] = useState<MyWorkshop>({ state: "loading" });
  const assembly = member.assembly_id ?? "";
  const theme = member.workshop_theme ?? undefined;
  const load = useCallback(async () => {
    try {
      const workshop: Workshop | undefined = theme ? await workshopOfTheme(assembly, theme) : undefined;
      const s = await api.workshops.GET("/v1/sessions", {
        params: { query: { assembly_id: assembly, ...(workshop?.id ? { workshop_id: workshop.id } : {}) } },
      });
      if (!s.data) throw new Error("sessions");
      // Without a workshop, only the plenaries concern the member.
      const all = s.data.items ?? [];
      const sessions = workshop ? all : all.filter((x) => x.type === "plenary");
      setMine({ state: "ready", workshop, sessions: byStart(sessions) });
    } catch {
      setMine({ state: "failed" });
    }
  }, [assembly, theme]);
  useEffect(() => {
    void load();
  }, [load]);
  return { mine, reload: () => void load() };
}

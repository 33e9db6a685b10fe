// The assembly's workshops and sessions (the plenaries among them), read once per page.
import { useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import type { Session } from "./model";

export interface Workshop {
  id: string;
  theme?: string;
  title?: string;
  roster_size?: number;
}

export type Loaded<T> = { state: "loading" } | { state: "failed" } | ({ state: "ready" } & T);

export function useCalendar(assemblyId: string | undefined) {
  const [data, setData] = useState<Loaded<{ workshops: Workshop[]; sessions: Session[] }>>({ state: "loading" });
  const load = useCallback(async () => {
    const [w, s] = await Promise.all([
      api.workshops.GET("/v1/workshops", { params: { query: { assembly_id: assemblyId ?? "" } } }),
      api.workshops.GET("/v1/sessions", { params: { query: { assembly_id: assemblyId ?? "" } } }),
    ]);
    if (!w.data || !s.data) return setData({ state: "failed" });
    setData({
      state: "ready",
      workshops: ((w.data as { items?: Workshop[] }).items ?? []) as Workshop[],
      sessions: (s.data.items ?? []) as Session[],
    });
  }, [assemblyId]);
  useEffect(() => {
    load().catch(() => setData({ state: "failed" }));
  }, [load]);
  return { data, reload: load };
}

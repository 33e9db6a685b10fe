// The names the members' screens show instead of codes: a workshop by its title (the workshops
// service's list of the assembly, `GET /v1/workshops?assembly_id=`), a seat pool by the name of
// the sortition pool(s) of that kind the assembly's invitations were drawn from (sortition's
// public `GET /v1/invitation-draws?assembly_id=` gives each draw's pool, the secretariat's `GET
// /v1/pools` its name and kind). What cannot be named that way keeps a word for its kind (the
// three kinds the suite knows), else its code: a name missing never hides a member.
import { useEffect, useMemo, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";

export interface Names {
  workshops: Map<string, string>; // theme -> title
  pools: Map<string, string>; // seat pool (a pool kind) -> name(s) of the sortition pools
}

export const NO_NAMES: Names = { workshops: new Map(), pools: new Map() };

interface Draw {
  pool_id?: string;
}
interface Pool {
  id?: string;
  name?: string;
  kind?: string;
}
interface Workshop {
  theme?: string;
  title?: string;
}

// Pure: the names of each seat pool, from the assembly's invitation draws and sortition's pools
// (each pool once, in the draws' order; several pools of one kind joined).
export function poolNames(draws: Draw[], pools: Pool[]): Map<string, string> {
  const byId = new Map(pools.filter((p) => p.id).map((p) => [p.id as string, p]));
  const out = new Map<string, string[]>();
  for (const d of draws) {
    const p = d.pool_id ? byId.get(d.pool_id) : undefined;
    if (!p?.kind || !p.name) continue;
    const names = out.get(p.kind) ?? [];
    if (!names.includes(p.name)) names.push(p.name);
    out.set(p.kind, names);
  }
  return new Map([...out].map(([kind, names]) => [kind, names.join(", ")]));
}

export function workshopTitles(items: Workshop[]): Map<string, string> {
  return new Map(items.filter((w) => w.theme && w.title).map((w) => [w.theme as string, w.title as string]));
}

// Both lists read at once; either failing leaves its names out (the codes are shown instead).
export async function loadNames(assemblyId: string): Promise<Names> {
  const [w, d, p] = await Promise.all([
    api.workshops.GET("/v1/workshops", { params: { query: { assembly_id: assemblyId } } }).catch(() => undefined),
    api.sortition.GET("/v1/invitation-draws", { params: { query: { assembly_id: assemblyId } } }).catch(() => undefined),
    api.sortition.GET("/v1/pools").catch(() => undefined),
  ]);
  const draws = ((d?.data as { items?: Draw[] } | undefined)?.items ?? []) as Draw[];
  const pools = ((p?.data as { items?: Pool[] } | undefined)?.items ?? []) as Pool[];
  const workshops = ((w?.data as { items?: Workshop[] } | undefined)?.items ?? []) as Workshop[];
  return { workshops: workshopTitles(workshops), pools: poolNames(draws, pools) };
}

export function useNames(assemblyId: string): Names {
  const [names, setNames] = useState<Names>(NO_NAMES);
  useEffect(() => {
    let live = true;
    loadNames(assemblyId).then((n) => live && setNames(n), () => undefined);
    return () => {
      live = false;
    };
  }, [assemblyId]);
  return names;
}

const KINDS = ["roll", "non-eu-residents", "minors"] as const;

// The words to show for a workshop theme and a seat pool.
export function useNaming(names: Names) {
  const { t } = useI18n();
  return useMemo(() => ({
    workshop: (theme: string | null | undefined) => (theme ? (names.workshops.get(theme) ?? theme) : "—"),
    pool: (code: string | null | undefined) => {
      if (!code) return "—";
      const named = names.pools.get(code);
      if (named) return named;
      return (KINDS as readonly string[]).includes(code) ? t(`console.members.poolKind.${code}` as Key) : code;
    },
  }), [names, t]);
}

// The participation dashboard (secretariat): the figures of the Grafana dashboard "participation"
// as the services compute them — members by status (GET /v1/assemblies/{id}), attendance by
// workshop and by session and the members at risk (GET /v1/assemblies/{id}/participation) —
// never recomputed here; sessions are named from the workshops service's list.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import { useEffect, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { loadParticipation } from "../members/api";
import { Go, membersPath } from "../members/MembersSection";
import { percent, shortId } from "../members/model";
import type { ConsoleProps } from "../sections";
import { RateBars } from "../ui/RateBars";
import "./participation.css";

type Participation = Awaited<ReturnType<typeof loadParticipation>>;
type Counts = { sessions?: number; present?: number; excused?: number; absent?: number; rate?: number };

interface Data {
  byStatus: Record<string, number>;
  participation: Participation;
  sessions: Map<string, { title: string; workshop: string }>;
}

export function ParticipationSection({ assembly }: ConsoleProps) {
  const { t, dateTime } = useI18n();
  const id = assembly.id ?? "";
  const [data, setData] = useState<Data | undefined>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    (async () => {
      const [a, p, s] = await Promise.all([
        api.membership.GET("/v1/assemblies/{id}", { params: { path: { id } } }),
        loadParticipation(id),
        api.workshops.GET("/v1/sessions", { params: { query: { assembly_id: id } } }),
      ]);
      const sessions = new Map<string, { title: string; workshop: string }>();
      for (const x of s.data?.items ?? [])
        if (x.id) sessions.set(x.id, { title: x.title ?? "", workshop: x.workshop_theme ?? "" });
      setData({
        byStatus: ((a.data as { members_by_status?: Record<string, number> } | undefined)?.members_by_status ?? {}),
        participation: p,
        sessions,
      });
    })().catch(() => setFailed(true));
  }, [id]);

  if (failed) return <Alert severity="error" small description={t("console.participation.loadFailed")} />;
  if (!data) return <p role="status">{t("member.loading")}</p>;

  const s = data.byStatus;
  const atRisk = data.participation.at_risk ?? [];
  const tiles: [string, number][] = [
    [t("console.participation.tile.active"), s.active ?? 0],
    [t("console.participation.tile.awaiting"), (s.selected ?? 0) + (s.invited ?? 0)],
    [t("console.participation.tile.confirmed"), s.confirmed ?? 0],
    [t("console.participation.tile.declined"), s.declined ?? 0],
    [t("console.participation.tile.withdrawn"), s.withdrawn ?? 0],
    [t("console.participation.tile.atRisk"), atRisk.length],
  ];
  const detail = (c: Counts) =>
    t("console.participation.detail", { present: c.present ?? 0, excused: c.excused ?? 0, absent: c.absent ?? 0 });
  const byWorkshop = Object.entries((data.participation.by_workshop ?? {}) as Record<string, Counts>).map(([w, c]) => ({
    label: w === "(none)" ? t("console.members.filter.noWorkshop") : w,
    rate: c.rate ?? 0,
    detail: detail(c),
  }));
  const bySession = (((data.participation as { by_session?: (Counts & { session_id?: string; session_type?: string; held_at?: string })[] })
    .by_session) ?? []).map((x) => {
    const named = data.sessions.get(x.session_id ?? "");
    const when = x.held_at ? dateTime(new Date(x.held_at)) : "";
    return {
      label: `${named?.title || x.session_type || ""} — ${when}`,
      rate: x.rate ?? 0,
      detail: detail(x),
    };
  });
  const headers = {
    rateHeader: t("console.participation.rate"),
    detailHeader: t("console.participation.records"),
    format: percent,
  };

  return (
    <section aria-labelledby="participation-title">
      <h1 id="participation-title">{t("console.participation.title")}</h1>
      <ul className={`${fr.cx("fr-grid-row", "fr-grid-row--gutters")} console-tiles`} id="participation-tiles" aria-label={t("console.participation.tiles")}>
        {tiles.map(([label, n]) => (
          <li key={label} className={fr.cx("fr-col-6", "fr-col-md-2")}>
            <p className={fr.cx("fr-h3", "fr-mb-0")}>{n}</p>
            <p className={fr.cx("fr-text--sm")}>{label}</p>
          </li>
        ))}
      </ul>
      <h2>{t("console.participation.byWorkshop")}</h2>
      {byWorkshop.length === 0 ? (
        <p>{t("console.participation.noRecords")}</p>
      ) : (
        <RateBars id="by-workshop" caption={t("console.participation.byWorkshop")} bars={byWorkshop} labelHeader={t("console.members.col.workshop")} {...headers} />
      )}
      <h2>{t("console.participation.bySession")}</h2>
      {bySession.length === 0 ? (
        <p>{t("console.participation.noRecords")}</p>
      ) : (
        <RateBars id="by-session" caption={t("console.participation.bySession")} bars={bySession} labelHeader={t("console.participation.session")} {...headers} />
      )}
      <h2 id="at-risk-title">{t("console.participation.atRisk", { n: data.participation.absences_in_a_row ?? 3 })}</h2>
      {atRisk.length === 0 ? (
        <p>{t("console.participation.noneAtRisk")}</p>
      ) : (
        <ul aria-labelledby="at-risk-title" id="at-risk-list">
          {atRisk.map((r: { member_id?: string; workshop_theme?: string; trailing_absences?: number }) => (
            <li key={r.member_id}>
              <Go to={membersPath(id, "membre", r.member_id ?? "")}>{shortId(r.member_id)}</Go>{" "}
              {t("console.participation.riskLine", { workshop: r.workshop_theme || "—", n: r.trailing_absences ?? 0 })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// The follow-up dashboard (section « tableau-suivi », the secretariat): the figures the Grafana
// "Follow-up" dashboard shows, for this assembly, as the followup service computes them (GET
// /v1/assemblies/{id}/follow-up-figures: no figure computed here), arranged as its panels are
// (followupDashboard/model), with the commitments by status and the Council's decisions as bar
// charts with their tables; then what is overdue, by name, each linked to its page.
import { fr } from "@codegouvfr/react-dsfr";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { link } from "../link";
import { consolePath } from "../model";
import type { ConsoleProps } from "../sections";
import { BarChart } from "../ui/BarChart";
import { ReadFailed } from "../ui/ReadFailed";
import { useRead } from "../ui/useRead";
import { OverdueBadge } from "../followup/parts";
import { dashboardOf } from "./model";

export function FollowupDashboard({ assembly: { id = "" } }: ConsoleProps) {
  const { t, number, day } = useI18n();
  const [loaded, load] = useRead(async () => {
    const query = { assembly_id: id };
    const [f, c, r] = await Promise.all([
      api.followup.GET("/v1/assemblies/{id}/follow-up-figures", { params: { path: { id } } }),
      api.followup.GET("/v1/commitments", { params: { query } }),
      api.followup.GET("/v1/reports", { params: { query } }),
    ]);
    return f.data && c.data && r.data ? { figures: f.data, commitments: c.data.items ?? [], reports: r.data.items ?? [] } : undefined;
  }, [id]);

  if (loaded === undefined) return <p role="status">{t("forms.loading")}</p>;
  if (loaded === null)
    return (
      <>
        <h1>{t("console.followupDashboard.title")}</h1>
        <ReadFailed retry={load} />
      </>
    );
  const d = dashboardOf(loaded.figures, new Date());
  const figures: [string, string, boolean][] = [
    [t("console.followupDashboard.open"), number(d.open), false],
    [t("console.followupDashboard.done"), number(d.done), false],
    [t("console.followupDashboard.milestonesOverdue"), number(d.milestonesOverdue), d.milestonesOverdue > 0],
    [t("console.followupDashboard.reportsPublished"), number(d.reportsPublished), false],
    [t("console.followupDashboard.reportsOverdue"), number(d.reportsOverdue), d.reportsOverdue > 0],
    [
      t("console.followupDashboard.daysSince"),
      d.daysSinceLastReport === undefined ? t("console.followupDashboard.noReport") : number(d.daysSinceLastReport),
      false,
    ],
  ];
  const lateMilestones = loaded.commitments.flatMap((c) => (c.milestones ?? []).filter((m) => m.overdue).map((m) => ({ c, m })));
  const lateReports = loaded.reports.filter((r) => r.overdue);
  return (
    <>
      <h1>{t("console.followupDashboard.title")}</h1>
      <p>{t("console.followupDashboard.intro")}</p>
      <ul className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-raw-list")}>
        {figures.map(([label, value, late]) => (
          <li key={label} className={fr.cx("fr-col-12", "fr-col-sm-6", "fr-col-lg-4")}>
            <div className={fr.cx("fr-callout", "fr-mb-0")}>
              <p className={fr.cx("fr-callout__title")}>{value}</p>
              <p className={fr.cx("fr-callout__text")}>
                {label} {late && <OverdueBadge />}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <BarChart
        title={t("console.followupDashboard.byStatus")}
        valueHeader={t("console.followupDashboard.count")}
        format={number}
        bars={d.byStatus.map((s) => ({ label: t(`console.followup.status.${s.status}`), value: s.count }))}
      />
      <BarChart
        title={t("console.followupDashboard.decisions")}
        valueHeader={t("console.followupDashboard.count")}
        format={number}
        bars={d.decisions.map((x) => ({ label: t(`console.council.decision.${x.decision}`), value: x.count }))}
      />
      <h2>{t("console.followupDashboard.late")}</h2>
      {lateMilestones.length === 0 && lateReports.length === 0 ? (
        <p>{t("console.followupDashboard.late.none")}</p>
      ) : (
        <ul>
          {lateReports.map((r) => (
            <li key={r.id}>
              <OverdueBadge />{" "}
              <a className={fr.cx("fr-link")} {...link(consolePath(id, "suivi", "rapport", r.id ?? ""))}>
                {t("console.followupDashboard.late.report", { n: r.sequence ?? 0, day: day(r.due_on ?? "") })}
              </a>
            </li>
          ))}
          {lateMilestones.map(({ c, m }) => (
            <li key={m.id}>
              <OverdueBadge />{" "}
              <a className={fr.cx("fr-link")} {...link(consolePath(id, "suivi", "engagement", c.id ?? ""))}>
                {t("console.followupDashboard.late.milestone", { title: m.title ?? "", commitment: c.title ?? "", department: c.department ?? "", day: day(m.due_on ?? "") })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

// The calendar of the three workshops and the plenaries: a list (by day; the default on a
// phone) or a month (a table: weekdays as column headers, each week a row, each session a link),
// filtered by workshop; the phases' dates in short (PhasesPage sets them); and the form that schedules a session (secretariat; a facilitator for
// its own workshops, no plenary).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import { useState } from "react";

import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { hasRole } from "../model";
import type { ConsoleProps } from "../sections";
import { byDay, monthGrid, parisDay, parisTime, type Session, shiftMonth, validMonth } from "./model";
import { follow, sectionPath } from "./paths";
import { PhasesSummary } from "./PhasesPage";
import { SessionForm } from "./SessionForm";
import { useCalendar, type Workshop } from "./useWorkshops";

const phone = () => typeof window !== "undefined" && window.matchMedia?.("(max-width: 48em)").matches;

export const typeKey = (type: string | undefined) => `console.workshops.type.${type ?? "working-session"}` as Key;

export function workshopName(t: (k: Key) => string, has: (k: string) => k is Key, w: Workshop | undefined) {
  if (!w) return t("console.workshops.plenary");
  const key = `member.theme.${w.theme}`;
  return has(key) ? t(key) : w.title || (w.theme ?? "");
}

export function CalendarPage({ assembly, staff, rest }: ConsoleProps) {
  const { t, has, lang } = useI18n();
  const { data, reload } = useCalendar(assembly.id);
  const [filter, setFilter] = useState("");
  const view = rest[0] === "mois" || (rest[0] !== "liste" && !phone()) ? "month" : "list";
  const today = parisDay(new Date().toISOString()).slice(0, 7);
  const month = validMonth(rest[1]) ? rest[1] : today;
  const mayPlan = hasRole(staff, ["secretariat", "facilitator"]);

  if (data.state === "loading") return <p role="status">{t("console.workshops.loading")}</p>;
  if (data.state === "failed") return <Alert severity="error" small description={t("console.workshops.error.load")} />;

  const workshops = data.workshops;
  const byId = new Map(workshops.map((w) => [w.id, w]));
  const shown = data.sessions.filter((s) =>
    filter === "" ? true : filter === "plenary" ? !s.workshop_id : s.workshop_id === filter,
  );
  const days = byDay(shown);
  const label = (s: Session) =>
    `${s.starts_at ? parisTime(s.starts_at) : ""} ${s.title ?? ""} — ${t(typeKey(s.type))}, ${workshopName(
      t,
      has,
      s.workshop_id ? byId.get(s.workshop_id) : undefined,
    )}${s.state === "cancelled" ? ` (${t("console.workshops.state.cancelled")})` : ""}`;
  const monthTitle = new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${month}-01T12:00:00Z`));
  const dayTitle = (day: string) =>
    new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", {
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(`${day}T12:00:00Z`));
  const weekdays = monthGrid("2024-01")[0].map((d) => {
    const at = new Date(`${d.day}T12:00:00Z`);
    const f = (weekday: "long" | "narrow") =>
      new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { weekday, timeZone: "UTC" }).format(at);
    return { long: f("long"), short: f("narrow") };
  });
  const link = (s: Session) => (
    <a href={sectionPath(assembly.id, "seance", s.id)} onClick={follow} className={s.state === "cancelled" ? "ws-cancelled" : undefined}>
      {label(s)}
    </a>
  );
  // In the month's narrow cells a phone shows the time only; the link's name stays the whole label.
  const cellLink = (s: Session) => (
    <a
      href={sectionPath(assembly.id, "seance", s.id)}
      onClick={follow}
      aria-label={label(s)}
      className={s.state === "cancelled" ? "ws-cancelled" : undefined}
    >
      {s.starts_at ? parisTime(s.starts_at) : ""}
      <span className="ws-more"> {s.title}</span>
    </a>
  );

  return (
    <div>
      <h1>{t("console.workshops.title")}</h1>
      <p>{t("console.workshops.intro")}</p>
      <h2>{t("console.workshops.workshops")}</h2>
      <ul>
        {workshops.map((w) => (
          <li key={w.id}>
            <a href={sectionPath(assembly.id, "atelier", w.id)} onClick={follow}>
              {workshopName(t, has, w)}
            </a>{" "}
            ({t("console.workshops.rosterSize", { n: w.roster_size ?? 0 })})
            {/* The notebook is read by the secretariat and the workshop's members, not its facilitators. */}
            {hasRole(staff, ["secretariat"]) && (
              <>
                {" — "}
                <a href={sectionPath(assembly.id, "carnet", w.id)} onClick={follow}>
                  {t("console.workshops.notebookLink", { workshop: workshopName(t, has, w) })}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>

      <PhasesSummary assemblyId={assembly.id} secretariat={hasRole(staff, ["secretariat"])} />

      <h2 className={fr.cx("fr-mt-4w")}>{t("console.workshops.calendar")}</h2>
      <nav aria-label={t("console.workshops.views")} className={fr.cx("fr-mb-2w")}>
        <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm")}>
          <li>
            <a
              className={fr.cx("fr-btn", view === "list" ? undefined : "fr-btn--secondary")}
              href={sectionPath(assembly.id, "liste")}
              aria-current={view === "list" ? "page" : undefined}
              onClick={follow}
            >
              {t("console.workshops.view.list")}
            </a>
          </li>
          <li>
            <a
              className={fr.cx("fr-btn", view === "month" ? undefined : "fr-btn--secondary")}
              href={sectionPath(assembly.id, "mois", month)}
              aria-current={view === "month" ? "page" : undefined}
              onClick={follow}
            >
              {t("console.workshops.view.month")}
            </a>
          </li>
        </ul>
      </nav>
      <div className={fr.cx("fr-select-group")}>
        <label className={fr.cx("fr-label")} htmlFor="ws-filter">
          {t("console.workshops.filter")}
        </label>
        <select id="ws-filter" className={fr.cx("fr-select")} value={filter} onChange={(e) => setFilter(e.target.value)}>
          <option value="">{t("console.workshops.filter.all")}</option>
          {workshops.map((w) => (
            <option key={w.id} value={w.id}>
              {workshopName(t, has, w)}
            </option>
          ))}
          <option value="plenary">{t("console.workshops.filter.plenaries")}</option>
        </select>
      </div>

      {view === "month" ? (
        <>
          <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline", "fr-btns-group--sm")}>
            <li>
              <a className={fr.cx("fr-btn", "fr-btn--tertiary")} href={sectionPath(assembly.id, "mois", shiftMonth(month, -1))} onClick={follow}>
                {t("console.workshops.month.previous")}
              </a>
            </li>
            <li>
              <a className={fr.cx("fr-btn", "fr-btn--tertiary")} href={sectionPath(assembly.id, "mois", shiftMonth(month, 1))} onClick={follow}>
                {t("console.workshops.month.next")}
              </a>
            </li>
          </ul>
          <table className="ws-month">
            <caption>{monthTitle}</caption>
            <thead>
              <tr>
                {weekdays.map((d) => (
                  <th key={d.long} scope="col">
                    <abbr title={d.long}>{d.short}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthGrid(month).map((week) => (
                <tr key={week[0].day}>
                  {week.map((d) => (
                    <td key={d.day} className={d.inMonth ? undefined : "ws-out"}>
                      <span className={fr.cx("fr-sr-only")}>{dayTitle(d.day)}</span>
                      <span aria-hidden="true">{Number(d.day.slice(8))}</span>
                      {(days.get(d.day) ?? []).length > 0 && (
                        <ul>
                          {(days.get(d.day) ?? []).map((s) => (
                            <li key={s.id}>{cellLink(s)}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : days.size === 0 ? (
        <p>{t("console.workshops.none")}</p>
      ) : (
        [...days.entries()].map(([day, list]) => (
          <section key={day} aria-labelledby={`ws-day-${day}`}>
            <h3 id={`ws-day-${day}`} className={fr.cx("fr-h6", "fr-mb-1w")}>
              {dayTitle(day)}
            </h3>
            <ul>
              {list.map((s) => (
                <li key={s.id}>{link(s)}</li>
              ))}
            </ul>
          </section>
        ))
      )}

      {mayPlan && (
        <SessionForm
          assemblyId={assembly.id ?? ""}
          workshops={hasRole(staff, ["secretariat"]) ? workshops : workshops.filter((w) => staff.workshops.includes(w.id))}
          plenaries={hasRole(staff, ["secretariat"])}
          onCreated={async () => {
            await reload();
          }}
        />
      )}
    </div>
  );
}

// The droit de suite for the secretariat: the assembly's report schedule and its reports (overdue
// ones flagged), then one report (suivi/rapport/<id>): compiled from the commitments' state at a
// date, previewed, then published (frozen, and shown on the public transparency page). Compiling
// may take a while: the page says so while it runs, and the report's state is the service's
// (read again on load), so a reload in the middle shows where it stands.
// followup: PUT /v1/assemblies/{id}/report-schedule, GET /v1/reports, GET /v1/reports/{id}/draft,
// POST /v1/reports/{id}/compile and /publish.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Badge from "@codegouvfr/react-dsfr/Badge";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { type FormEvent, useEffect, useRef, useState } from "react";

import { api } from "../../api/client";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import type { ProblemLike } from "../../forms/problem";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { link } from "../link";
import { utcToday } from "../council/model";
import { consolePath } from "../model";
import { Table } from "../ui/Table";
import { useRead } from "../ui/useRead";
import { type Report, snapshotOf, validateCompile } from "./model";
import { BackToFollowup, commitmentColumns, OverdueBadge, StatusBadge } from "./parts";

function ReportStatus({ report }: { report: Report }) {
  const { t } = useI18n();
  return (
    <>
      <Badge small noIcon severity={report.status === "published" ? "success" : report.status === "compiled" ? "new" : "info"}>
        {t(`console.followup.report.status.${report.status ?? "scheduled"}` as Key)}
      </Badge>
      {report.overdue && (
        <>
          {" "}
          <OverdueBadge />
        </>
      )}
    </>
  );
}

export function ReportsPanel({ assembly }: { assembly: string }) {
  const { t, day, dateTime } = useI18n();
  const [reports, load] = useRead(
    async () => (await api.followup.GET("/v1/reports", { params: { query: { assembly_id: assembly } } })).data?.items ?? undefined,
    [assembly],
  );
  return (
    <section className={fr.cx("fr-mt-6w")}>
      <h2>{t("console.followup.reports")}</h2>
      <p>{t("console.followup.reports.intro")}</p>
      {reports === undefined && <p role="status">{t("forms.loading")}</p>}
      {reports === null && <Alert severity="error" small description={t("forms.error.load")} />}
      {reports && reports.length === 0 && <p>{t("console.followup.reports.none")}</p>}
      {reports && reports.length > 0 && (
        <Table
          className={fr.cx("fr-table--no-caption")}
          caption={t("console.followup.reports")}
          headers={[
            t("console.followup.report.col.report"),
            t("console.followup.report.col.due"),
            t("console.followup.report.col.state"),
            t("console.followup.report.col.published"),
          ]}
          rowHeaders
          keys={reports.map((r) => r.id ?? "")}
          rows={reports.map((r) => [
            <a className={fr.cx("fr-link")} {...link(consolePath(assembly, "suivi", "rapport", r.id ?? ""))}>
              {t("console.followup.report.name", { n: r.sequence ?? 0 })}
            </a>,
            day(r.due_on ?? ""),
            <ReportStatus report={r} />,
            r.published_at ? dateTime(new Date(r.published_at)) : "—",
          ])}
        />
      )}
      <Schedule assembly={assembly} reload={load} />
    </section>
  );
}

const SCHEDULE_IDS = { "/first_due_on": "schedule-first", "/every_months": "schedule-every" };

function Schedule({ assembly, reload }: { assembly: string; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const [first, setFirst] = useState("");
  const [every, setEvery] = useState("6");
  const [saved, setSaved] = useState(false);
  const form = useFieldForm(SCHEDULE_IDS);
  const field = (p: keyof typeof SCHEDULE_IDS) => ({ state: stateOf(form.errors[p]), stateRelatedMessage: messageOf(t, form.errors[p]) });
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setSaved(false);
    const found: Record<string, { key: Key }> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(first)) found["/first_due_on"] = { key: "console.followup.schedule.first.missing" };
    if (!/^\d{1,2}$/.test(every) || Number(every) < 1 || Number(every) > 24) found["/every_months"] = { key: "console.followup.schedule.every.range" };
    if (!form.check(found)) return;
    await form.send(async () => {
      const { data, error, response } = await api.followup.PUT("/v1/assemblies/{id}/report-schedule", {
        params: { path: { id: assembly } },
        body: { first_due_on: first, every_months: Number(every) },
      });
      if (!data) return form.refuse(response.status, error as ProblemLike, "/first_due_on");
      setSaved(true);
      await reload();
    });
  }
  return (
    <form noValidate onSubmit={submit} className={fr.cx("fr-mt-3w")}>
      <h3 className={fr.cx("fr-h6")}>{t("console.followup.schedule.title")}</h3>
      <p>{t("console.followup.schedule.intro")}</p>
      <Input label={t("console.followup.schedule.first")} {...field("/first_due_on")}
        nativeInputProps={{ id: SCHEDULE_IDS["/first_due_on"], type: "date", value: first, onChange: (e) => setFirst(e.target.value) }} />
      <Input label={t("console.followup.schedule.every")} hintText={t("console.followup.schedule.everyHint")} {...field("/every_months")}
        nativeInputProps={{ id: SCHEDULE_IDS["/every_months"], inputMode: "numeric", value: every, onChange: (e) => setEvery(e.target.value) }} />
      {form.general && <Alert severity="error" small description={t(form.general)} />}
      <div role="status">{saved && <Alert severity="success" small description={t("console.followup.schedule.saved")} />}</div>
      <Button type="submit" size="small" disabled={form.sending}>
        {t("console.followup.schedule.submit")}
      </Button>
    </form>
  );
}

const COMPILE_IDS = { "/as_of": "report-as-of", "/summary": "report-summary" };

export function ReportPage({ assembly, id }: { assembly: string; id: string }) {
  const { t, day, dateTime } = useI18n();
  const [report, load] = useRead(async () => (await api.followup.GET("/v1/reports/{id}/draft", { params: { path: { id } } })).data, [id]);
  const [asOf, setAsOf] = useState(utcToday());
  const [summary, setSummary] = useState("");
  const [compiling, setCompiling] = useState(false);
  const compileForm = useFieldForm(COMPILE_IDS);
  const publishForm = useFieldForm({});
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (report?.summary && !summary) setSummary(report.summary);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [report]);

  if (report === undefined) return <p role="status">{t("forms.loading")}</p>;
  if (report === null || report.assembly_id !== assembly)
    return (
      <>
        <BackToFollowup assembly={assembly} />
        <h1>{t("console.notFound.title")}</h1>
        <p>{t("console.followup.report.missing")}</p>
      </>
    );

  async function compile(ev: FormEvent) {
    ev.preventDefault();
    if (!compileForm.check(validateCompile(asOf))) return;
    setCompiling(true);
    await compileForm.send(async () => {
      const { data, error, response } = await api.followup.POST("/v1/reports/{id}/compile", {
        params: { path: { id } },
        body: { as_of: asOf, ...(summary.trim() ? { summary: summary.trim() } : {}) },
      });
      if (!data) return compileForm.refuse(response.status, error as ProblemLike, "/as_of");
      await load();
      outcome.current?.focus();
    });
    setCompiling(false);
  }
  async function publish() {
    await publishForm.send(async () => {
      const { data, error, response } = await api.followup.POST("/v1/reports/{id}/publish", { params: { path: { id } }, body: {} });
      if (!data) return publishForm.refuse(response.status, error as ProblemLike, "", { 409: "console.followup.report.publish.conflict" });
      await load();
      outcome.current?.focus();
    });
  }

  const snapshot = snapshotOf(report);
  const published = report.status === "published";
  return (
    <>
      <BackToFollowup assembly={assembly} />
      <h1>{t("console.followup.report.name", { n: report.sequence ?? 0 })}</h1>
      <p>
        {t("console.followup.report.due", { day: day(report.due_on ?? "") })} <ReportStatus report={report} />
      </p>
      {!published && (
        <form noValidate onSubmit={compile}>
          <h2>{t("console.followup.report.compile.title")}</h2>
          <p>{t("console.followup.report.compile.intro")}</p>
          <Input label={t("console.followup.report.asOf")} hintText={t("console.followup.report.asOfHint")}
            state={stateOf(compileForm.errors["/as_of"])} stateRelatedMessage={messageOf(t, compileForm.errors["/as_of"])}
            nativeInputProps={{ id: COMPILE_IDS["/as_of"], type: "date", max: utcToday(), value: asOf, onChange: (e) => setAsOf(e.target.value) }} />
          <Input label={t("console.followup.report.summary")} textArea
            state={stateOf(compileForm.errors["/summary"])} stateRelatedMessage={messageOf(t, compileForm.errors["/summary"])}
            nativeTextAreaProps={{ id: COMPILE_IDS["/summary"], rows: 4, value: summary, onChange: (e) => setSummary(e.target.value) }} />
          {compileForm.general && <Alert severity="error" small description={t(compileForm.general)} />}
          <div role="status">
            {compiling && (
              <p>
                <progress aria-label={t("console.followup.report.compiling")} /> {t("console.followup.report.compiling")}
              </p>
            )}
          </div>
          <Button type="submit" disabled={compileForm.sending}>
            {t(report.status === "compiled" ? "console.followup.report.recompile" : "console.followup.report.compile")}
          </Button>
        </form>
      )}
      <div ref={outcome} tabIndex={-1} className={fr.cx("fr-mt-4w")}>
        {published && (
          <Alert
            severity="success"
            small
            description={t("console.followup.report.publishedAt", { at: dateTime(new Date(report.published_at ?? "")) })}
          />
        )}
        {snapshot && (
          <section>
            <h2>{t(published ? "console.followup.report.content" : "console.followup.report.preview")}</h2>
            {report.summary && <p>{report.summary}</p>}
            <p>
              {t("console.followup.report.figures", {
                asOf: day(snapshot.as_of ?? ""),
                mean: Math.round(snapshot.mean_progress ?? 0),
                overdue: snapshot.milestones_overdue ?? 0,
              })}
            </p>
            <Table
              caption={t("console.followup.report.commitments")}
              headers={commitmentColumns(t)}
              rowHeaders
              keys={(snapshot.commitments ?? []).map((c) => c.id)}
              rows={(snapshot.commitments ?? []).map((c) => [
                c.title,
                c.department,
                <StatusBadge status={c.status} />,
                t("console.followup.percent", { n: c.progress }),
                <>
                  {t("console.followup.report.milestones", { done: c.milestones_done ?? 0, total: c.milestones ?? 0 })}
                  {(c.milestones_overdue ?? 0) > 0 && (
                    <>
                      {" "}
                      <OverdueBadge />
                    </>
                  )}
                </>,
              ])}
            />
          </section>
        )}
      </div>
      {report.status === "compiled" && (
        <>
          <p>{t("console.followup.report.publish.intro")}</p>
          {publishForm.general && <Alert severity="error" small description={t(publishForm.general)} />}
          <Button iconId="fr-icon-send-plane-line" disabled={publishForm.sending} onClick={() => void publish()}>
            {t("console.followup.report.publish")}
          </Button>
        </>
      )}
      {published && (
        <p className={fr.cx("fr-mt-2w")}>
          <a className={fr.cx("fr-link")} href={`/transparence/${encodeURIComponent(assembly)}`}>
            {t("console.followup.report.public")}
          </a>
        </p>
      )}
    </>
  );
}

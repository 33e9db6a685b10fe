// One commitment (suivi/engagement/<id>): what the city commits to and for which recommendation,
// its status and progress, its milestones (overdue ones flagged), its evidence and its timeline.
// Its department records progress, milestones (added, done, moved with a reason) and evidence
// (a link, or a document uploaded with the shared DocumentUpload: kept at its stable address, shown
// like a link, marked "document"); the secretariat reads. followup: GET/PATCH
// /v1/commitments/{id}, …/milestones, …/evidence, …/evidence/file.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, useState } from "react";

import { api } from "../../api/client";
import { messageOf, problemFields, stateOf, useFieldForm } from "../../forms/forms";
import type { ProblemLike } from "../../forms/problem";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import type { Staff } from "../model";
import { utcToday } from "../council/model";
import { DocumentUploadForm } from "../ui/DocumentUploadForm";
import { Table } from "../ui/Table";
import { useRead } from "../ui/useRead";
import {
  type Commitment,
  EVIDENCE_FILE_LIMITS,
  evidenceFileRoute,
  evidenceOfSteps,
  isDocument,
  mayEdit,
  type ProgressForm,
  progressBody,
  STATUSES,
  validateEvidence,
  validateMilestone,
  validateProgress,
  visibleCommitments,
} from "./model";
import { BackToFollowup, OverdueBadge, Progress, StatusBadge } from "./parts";

type Reload = (c?: Commitment) => void;

export function CommitmentPage({ assembly, id, staff }: { assembly: string; id: string; staff: Staff }) {
  const { t, day, dateTime } = useI18n();
  const [c, load] = useRead(async () => (await api.followup.GET("/v1/commitments/{id}", { params: { path: { id } } })).data, [id]);
  // A change answers the commitment as it is now; the timeline and evidence are read again.
  const reload: Reload = () => void load();

  if (c === undefined) return <p role="status">{t("forms.loading")}</p>;
  if (c === null || c.assembly_id !== assembly || visibleCommitments([c], staff).length === 0)
    return (
      <>
        <BackToFollowup assembly={assembly} />
        <h1>{t("console.notFound.title")}</h1>
        <p>{t("console.followup.commitment.missing")}</p>
      </>
    );
  const edit = mayEdit(c, staff);
  const open = c.status !== "done" && c.status !== "abandoned";
  const added = evidenceOfSteps(c);
  return (
    <>
      <BackToFollowup assembly={assembly} />
      <h1>{c.title}</h1>
      <p>
        {t("console.followup.commitment.for", { recommendation: c.recommendation_title ?? "", motion: c.motion_title ?? "" })}
      </p>
      <ul className={fr.cx("fr-mb-3w")}>
        <li>{t("console.followup.commitment.department", { department: c.department ?? "" })}</li>
        {c.elected_official && <li>{t("console.followup.commitment.official", { name: c.elected_official })}</li>}
        <li>
          {t("console.followup.col.status")} : <StatusBadge status={c.status} />
          {c.status_reason ? ` — ${c.status_reason}` : ""}
        </li>
        <li>
          <Progress value={c.progress ?? 0} of={c.title ?? ""} />
        </li>
      </ul>
      {c.description && <p>{c.description}</p>}
      {(c.deliverables ?? []).length > 0 && (
        <>
          <h2 className={fr.cx("fr-h6")}>{t("console.followup.commitment.deliverables")}</h2>
          <ul>
            {(c.deliverables ?? []).map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </>
      )}
      {edit && open && <ProgressFormView c={c} reload={reload} />}

      <h2>{t("console.followup.milestones")}</h2>
      {(c.milestones ?? []).length === 0 ? (
        <p>{t("console.followup.milestones.none")}</p>
      ) : (
        <Table
          className={fr.cx("fr-table--no-caption")}
          caption={t("console.followup.milestones")}
          headers={[
            t("console.followup.milestone.title"),
            t("console.followup.milestone.dueOn"),
            t("console.followup.milestone.state"),
            ...(edit ? [t("console.followup.milestone.actions")] : []),
          ]}
          rowHeaders
          keys={(c.milestones ?? []).map((m) => m.id ?? "")}
          rows={(c.milestones ?? []).map((m) => [
            m.title,
            day(m.due_on ?? ""),
            m.done_on ? t("console.followup.milestone.doneOn", { day: day(m.done_on) }) : m.overdue ? <OverdueBadge /> : t("console.followup.milestone.toDo"),
            ...(edit ? [!m.done_on && <MilestoneActions commitment={c.id ?? ""} milestone={m} reload={reload} />] : []),
          ])}
        />
      )}
      {edit && open && <AddMilestone commitment={c.id ?? ""} reload={reload} />}

      <h2>{t("console.followup.evidence")}</h2>
      {(c.evidence ?? []).length === 0 ? (
        <p>{t("console.followup.evidence.none")}</p>
      ) : (
        <ul>
          {(c.evidence ?? []).map((e) => (
            <li key={`${e.url}-${e.added_at}`}>
              <EvidenceLink url={e.url} label={e.label} />{" "}
              <span className={fr.cx("fr-text--sm")}>({dateTime(new Date(e.added_at ?? ""))})</span>
            </li>
          ))}
        </ul>
      )}
      {edit && <AddEvidence commitment={c.id ?? ""} reload={reload} />}
      {edit && <UploadEvidence commitment={c.id ?? ""} reload={reload} />}

      <h2>{t("console.followup.timeline")}</h2>
      <ol>
        {(c.timeline ?? []).map((line) => (
          <li key={line.seq}>
            {t("console.followup.timeline.line", {
              at: dateTime(new Date(line.at ?? "")),
              change: t(`console.followup.change.${line.change}` as Key),
              status: t(`console.followup.status.${line.status}` as Key),
              progress: line.progress ?? 0,
            })}
            {line.seq !== undefined && added.has(line.seq) ? (
              <>
                {" — "}
                <EvidenceLink url={added.get(line.seq)?.url} label={added.get(line.seq)?.label} />
              </>
            ) : line.note ? (
              ` — ${line.note}`
            ) : (
              ""
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

const PROGRESS_IDS = { "/status": "commitment-status", "/progress": "commitment-progress", "/reason": "commitment-reason" };

function ProgressFormView({ c, reload }: { c: Commitment; reload: Reload }) {
  const { t } = useI18n();
  const [f, setF] = useState<ProgressForm>({ status: c.status ?? "", progress: String(c.progress ?? 0), reason: "" });
  const [saved, setSaved] = useState(false);
  const form = useFieldForm(PROGRESS_IDS);
  const field = (p: keyof typeof PROGRESS_IDS) => ({ state: stateOf(form.errors[p]), stateRelatedMessage: messageOf(t, form.errors[p]) });
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setSaved(false);
    if (!form.check(validateProgress(c, f))) return;
    await form.send(async () => {
      const { data, error, response } = await api.followup.PATCH("/v1/commitments/{id}", {
        params: { path: { id: c.id ?? "" } },
        body: progressBody(c, f),
      });
      if (!data) return form.refuse(response.status, error as ProblemLike, "/progress");
      setSaved(true);
      setF((x) => ({ ...x, reason: "" }));
      reload();
    });
  }
  return (
    <form noValidate onSubmit={submit} className={fr.cx("fr-mb-4w")}>
      <h2>{t("console.followup.progress.title")}</h2>
      <Select label={t("console.followup.col.status")} {...field("/status")}
        nativeSelectProps={{ id: PROGRESS_IDS["/status"], value: f.status, onChange: (e) => setF({ ...f, status: e.target.value }) }}>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`console.followup.status.${s}`)}
          </option>
        ))}
      </Select>
      <Input label={t("console.followup.progress.label")} hintText={t("console.followup.progress.hint")} {...field("/progress")}
        nativeInputProps={{ id: PROGRESS_IDS["/progress"], inputMode: "numeric", value: f.progress, onChange: (e) => setF({ ...f, progress: e.target.value }) }} />
      <Input label={t("console.followup.progress.reason")} hintText={t("console.followup.progress.reasonHint")} textArea {...field("/reason")}
        nativeTextAreaProps={{ id: PROGRESS_IDS["/reason"], rows: 2, value: f.reason, onChange: (e) => setF({ ...f, reason: e.target.value }) }} />
      {form.general && <Alert severity="error" small description={t(form.general)} />}
      <div role="status">{saved && <Alert severity="success" small description={t("console.followup.progress.saved")} />}</div>
      <Button type="submit" disabled={form.sending} className={fr.cx("fr-mt-2w")}>
        {form.sending ? t("forms.sending") : t("console.followup.progress.submit")}
      </Button>
    </form>
  );
}

type Milestone = NonNullable<Commitment["milestones"]>[number];

// Done today, or moved to another day with a reason (kept on the timeline).
function MilestoneActions({ commitment, milestone, reload }: { commitment: string; milestone: Milestone; reload: Reload }) {
  const { t } = useI18n();
  const base = `milestone-${milestone.id}`;
  const ids = { "/done_on": `${base}-done`, "/due_on": `${base}-due`, "/reason": `${base}-reason` };
  const form = useFieldForm(ids);
  const [moving, setMoving] = useState(false);
  const [dueOn, setDueOn] = useState(milestone.due_on ?? "");
  const [reason, setReason] = useState("");
  const field = (p: keyof typeof ids) => ({ state: stateOf(form.errors[p]), stateRelatedMessage: messageOf(t, form.errors[p]) });
  const done = () =>
    form.send(async () => {
      const { data, error, response } = await api.followup.POST("/v1/commitments/{id}/milestones/{milestone}/done", {
        params: { path: { id: commitment, milestone: milestone.id ?? "" } },
        body: { done_on: utcToday() },
      });
      if (!data) return form.refuse(response.status, error as ProblemLike, "/done_on");
      reload();
    });
  async function move(ev: FormEvent) {
    ev.preventDefault();
    const found = validateMilestone({ title: milestone.title ?? "", dueOn });
    if (!reason.trim()) found["/reason"] = { key: "console.followup.milestone.reason.missing" };
    if (!form.check(found)) return;
    await form.send(async () => {
      const { data, error, response } = await api.followup.PUT("/v1/commitments/{id}/milestones/{milestone}/due-date", {
        params: { path: { id: commitment, milestone: milestone.id ?? "" } },
        body: { due_on: dueOn, reason: reason.trim() },
      });
      if (!data) return form.refuse(response.status, error as ProblemLike, "/due_on");
      setMoving(false);
      reload();
    });
  }
  return (
    <>
      <Button id={ids["/done_on"]} size="small" priority="secondary" disabled={form.sending} onClick={() => void done()}
        title={t("console.followup.milestone.markDoneOf", { title: milestone.title ?? "" })}>
        {t("console.followup.milestone.markDone")}
      </Button>{" "}
      <Button size="small" priority="tertiary" aria-expanded={moving} onClick={() => setMoving(!moving)}
        title={t("console.followup.milestone.moveOf", { title: milestone.title ?? "" })}>
        {t("console.followup.milestone.move")}
      </Button>
      {moving && (
        <form noValidate onSubmit={move} className={fr.cx("fr-mt-1w")}>
          <Input label={t("console.followup.milestone.newDueOn")} {...field("/due_on")}
            nativeInputProps={{ id: ids["/due_on"], type: "date", value: dueOn, onChange: (e) => setDueOn(e.target.value) }} />
          <Input label={t("console.followup.milestone.reason")} {...field("/reason")}
            nativeInputProps={{ id: ids["/reason"], value: reason, onChange: (e) => setReason(e.target.value) }} />
          <Button type="submit" size="small" disabled={form.sending}>
            {t("console.followup.milestone.moveSubmit")}
          </Button>
        </form>
      )}
      {form.general && <Alert severity="error" small description={t(form.general)} />}
    </>
  );
}

const MILESTONE_IDS = { "/title": "milestone-new-title", "/due_on": "milestone-new-due" };

function AddMilestone({ commitment, reload }: { commitment: string; reload: Reload }) {
  const { t } = useI18n();
  const [title, setTitle] = useState("");
  const [dueOn, setDueOn] = useState("");
  const form = useFieldForm(MILESTONE_IDS);
  const field = (p: keyof typeof MILESTONE_IDS) => ({ state: stateOf(form.errors[p]), stateRelatedMessage: messageOf(t, form.errors[p]) });
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(validateMilestone({ title, dueOn }))) return;
    await form.send(async () => {
      const { data, error, response } = await api.followup.POST("/v1/commitments/{id}/milestones", {
        params: { path: { id: commitment } },
        body: { title: title.trim(), due_on: dueOn },
      });
      if (!data) return form.refuse(response.status, error as ProblemLike, "/title");
      setTitle("");
      setDueOn("");
      reload();
    });
  }
  return (
    <form noValidate onSubmit={submit} className={fr.cx("fr-mb-4w")}>
      <h3 className={fr.cx("fr-h6")}>{t("console.followup.milestone.add")}</h3>
      <Input label={t("console.followup.milestone.title")} {...field("/title")}
        nativeInputProps={{ id: MILESTONE_IDS["/title"], value: title, maxLength: 300, onChange: (e) => setTitle(e.target.value) }} />
      <Input label={t("console.followup.milestone.dueOn")} {...field("/due_on")}
        nativeInputProps={{ id: MILESTONE_IDS["/due_on"], type: "date", value: dueOn, onChange: (e) => setDueOn(e.target.value) }} />
      {form.general && <Alert severity="error" small description={t(form.general)} />}
      <Button type="submit" size="small" disabled={form.sending}>
        {t("console.followup.milestone.addSubmit")}
      </Button>
    </form>
  );
}

// A piece of evidence as a link: an uploaded document (at its stable address, downloaded as an
// attachment) is said to be one.
function EvidenceLink({ url, label }: { url?: string; label?: string }) {
  const { t } = useI18n();
  return (
    <>
      <a className={fr.cx("fr-link")} href={url} rel="noopener noreferrer">
        {label}
      </a>
      {isDocument(url) && <span className={fr.cx("fr-text--sm")}> ({t("console.followup.evidence.document")})</span>}
    </>
  );
}

// A document as evidence: its label (public, like the commitment), then the file, sent by the
// shared form to POST …/evidence/file?label=.
function UploadEvidence({ commitment, reload }: { commitment: string; reload: Reload }) {
  const { t } = useI18n();
  return (
    <div className={fr.cx("fr-mb-4w")}>
      <DocumentUploadForm
        id="evidence-file"
        title={t("console.followup.evidence.upload")}
        route={evidenceFileRoute(commitment)}
        limits={EVIDENCE_FILE_LIMITS}
        labelHint={t("console.followup.evidence.fileLabelHint")}
        fileLabel={t("console.followup.evidence.file")}
        onUploaded={() => reload()}
      />
    </div>
  );
}

const EVIDENCE_IDS = { "/url": "evidence-url", "/label": "evidence-label" };

function AddEvidence({ commitment, reload }: { commitment: string; reload: Reload }) {
  const { t } = useI18n();
  const [url, setUrl] = useState("");
  const [label, setLabel] = useState("");
  const form = useFieldForm(EVIDENCE_IDS);
  const field = (p: keyof typeof EVIDENCE_IDS) => ({ state: stateOf(form.errors[p]), stateRelatedMessage: messageOf(t, form.errors[p]) });
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(validateEvidence(url, label))) return;
    await form.send(async () => {
      const { data, error, response } = await api.followup.POST("/v1/commitments/{id}/evidence", {
        params: { path: { id: commitment } },
        body: { url: url.trim(), label: label.trim() },
      });
      if (!data) return form.refuse(response.status, error as ProblemLike, "/url");
      setUrl("");
      setLabel("");
      reload();
    });
  }
  return (
    <form noValidate onSubmit={submit} className={fr.cx("fr-mb-4w")}>
      <h3 className={fr.cx("fr-h6")}>{t("console.followup.evidence.add")}</h3>
      <Input label={t("console.followup.evidence.url")} hintText={t("console.followup.evidence.urlHint")} {...field("/url")}
        nativeInputProps={{ id: EVIDENCE_IDS["/url"], type: "url", value: url, maxLength: 2000, onChange: (e) => setUrl(e.target.value) }} />
      <Input label={t("console.followup.evidence.label")} {...field("/label")}
        nativeInputProps={{ id: EVIDENCE_IDS["/label"], value: label, maxLength: 300, onChange: (e) => setLabel(e.target.value) }} />
      {form.general && <Alert severity="error" small description={t(form.general)} />}
      <Button type="submit" size="small" disabled={form.sending}>
        {t("console.followup.evidence.submit")}
      </Button>
    </form>
  );
}

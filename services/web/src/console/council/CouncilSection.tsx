// The Council (section « conseil »: council clerks act, the secretariat reads): the sessions and
// the assembly's motions on their agendas (a motion sent to the Council goes by itself on the
// first session held today or later; the clerk may put it on another one), then one agenda item:
// the spokespersons' presentation, the debate and each political group's position, the decision
// and the vote, recorded once (followup: /v1/council-sessions, /v1/agenda-items/{id}/debate and
// /decision). The actions are shown to council clerks only; the service refuses them to others.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Badge from "@codegouvfr/react-dsfr/Badge";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, useState } from "react";

import { api } from "../../api/client";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import type { ProblemLike } from "../../forms/problem";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { link } from "../link";
import { consolePath, hasRole } from "../model";
import { ReadFailed } from "../ui/ReadFailed";
import { Table } from "../ui/Table";
import { useRead } from "../ui/useRead";
import type { ConsoleProps } from "../sections";
import {
  type AgendaItem,
  agendaOf,
  type CouncilSession,
  DECISIONS,
  debateBody,
  decisionBody,
  type DecisionForm,
  type Dossier,
  GROUP_POSITIONS,
  type PositionRow,
  utcToday,
  validateDebate,
  validateDecision,
  validateSession,
} from "./model";

// The Council's sessions (every assembly's) and this assembly's dossiers, read again after a change.
const useCouncil = (assembly: string) =>
  useRead(async () => {
    const [s, d] = await Promise.all([
      api.followup.GET("/v1/council-sessions"),
      api.followup.GET("/v1/dossiers", { params: { query: { assembly_id: assembly } } }),
    ]);
    return s.data && d.data ? { sessions: s.data.items ?? [], dossiers: d.data.items ?? [] } : undefined;
  }, [assembly]);

export function CouncilSection({ assembly, staff, rest }: ConsoleProps) {
  const { t } = useI18n();
  const id = assembly.id ?? "";
  const [loaded, reload] = useCouncil(id);
  const clerk = hasRole(staff, ["council-clerk"]);
  if (loaded === undefined) return <p role="status">{t("forms.loading")}</p>;
  if (loaded === null)
    return (
      <>
        <h1>{t("console.council.title")}</h1>
        <ReadFailed retry={reload} />
      </>
    );
  const agenda = agendaOf(loaded.sessions, id);
  if (rest[0] === "point" && rest[1]) {
    const found = agenda.find((a) => a.item.id === rest[1]);
    if (!found)
      return (
        <>
          <h1>{t("console.notFound.title")}</h1>
          <p>{t("console.council.item.missing")}</p>
          <BackLink assembly={id} />
        </>
      );
    return <AgendaItemPage assembly={id} {...found} clerk={clerk} reload={reload} />;
  }
  return <CouncilOverview assembly={id} sessions={loaded.sessions} dossiers={loaded.dossiers} clerk={clerk} reload={reload} />;
}

function BackLink({ assembly }: { assembly: string }) {
  const { t } = useI18n();
  return (
    <p>
      <a className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")} {...link(consolePath(assembly, "conseil"))}>
        {t("console.council.back")}
      </a>
    </p>
  );
}

function DecisionBadge({ decision }: { decision?: string | null }) {
  const { t } = useI18n();
  if (!decision) return <Badge small severity="info">{t("console.council.decision.none")}</Badge>;
  return (
    <Badge small severity={decision === "rejected" ? "error" : "success"}>
      {t(`console.council.decision.${decision}` as Key)}
    </Badge>
  );
}

function CouncilOverview({
  assembly,
  sessions,
  dossiers,
  clerk,
  reload,
}: {
  assembly: string;
  sessions: CouncilSession[];
  dossiers: Dossier[];
  clerk: boolean;
  reload: () => Promise<void>;
}) {
  const { t, day } = useI18n();
  const agenda = agendaOf(sessions, assembly);
  const sent = dossiers.filter((d) => d.sent_to_council_at);
  const upcoming = sessions.filter((s) => (s.held_on ?? "") >= utcToday());
  return (
    <>
      <h1>{t("console.council.title")}</h1>
      <p>{t(clerk ? "console.council.intro.clerk" : "console.council.intro.reader")}</p>
      <h2>{t("console.council.motions")}</h2>
      {sent.length === 0 ? (
        <p>{t("console.council.motions.none")}</p>
      ) : (
        <Table
          className={fr.cx("fr-table--no-caption")}
          caption={t("console.council.motions")}
          headers={[t("console.council.col.motion"), t("console.council.col.session"), t("console.council.col.decision")]}
          rowHeaders
          keys={sent.map((d) => d.id ?? "")}
          rows={sent.map((d) => {
            const on = agenda.find((a) => a.item.dossier_id === d.id);
            return [
              on ? (
                <a className={fr.cx("fr-link")} {...link(consolePath(assembly, "conseil", "point", on.item.id ?? ""))}>
                  {d.title || d.theme}
                </a>
              ) : (
                d.title || d.theme
              ),
              on ? (
                `${on.session.name} (${day(on.session.held_on ?? "")})`
              ) : (
                <>
                  {t("console.council.waiting")}
                  {clerk && upcoming.length > 0 && <PlaceForm dossier={d} sessions={upcoming} reload={reload} />}
                </>
              ),
              <DecisionBadge decision={on?.item.decision} />,
            ];
          })}
        />
      )}
      <h2>{t("console.council.sessions")}</h2>
      {sessions.length === 0 ? (
        <p>{t("console.council.sessions.none")}</p>
      ) : (
        <ul>
          {sessions.map((s) => (
            <li key={s.id}>
              {t("console.council.sessions.line", {
                name: s.name ?? "",
                day: day(s.held_on ?? ""),
                count: (s.agenda ?? []).filter((i) => i.assembly_id === assembly).length,
              })}
            </li>
          ))}
        </ul>
      )}
      {clerk && <NewSession reload={reload} />}
    </>
  );
}

const SESSION_IDS = { "/name": "council-session-name", "/held_on": "council-session-day" };

function NewSession({ reload }: { reload: () => Promise<void> }) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [heldOn, setHeldOn] = useState(utcToday());
  const [done, setDone] = useState("");
  const form = useFieldForm(SESSION_IDS);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone("");
    if (!form.check(validateSession(name, heldOn))) return;
    await form.send(async () => {
      const { data, error, response } = await api.followup.POST("/v1/council-sessions", {
        body: { name: name.trim(), held_on: heldOn },
      });
      if (!data) return form.refuse(response.status, error as ProblemLike, "/name");
      setDone(data.name ?? "");
      setName("");
      await reload();
    });
  }
  return (
    <section className={fr.cx("fr-mt-4w")}>
      <h2>{t("console.council.session.title")}</h2>
      <p>{t("console.council.session.intro")}</p>
      <form noValidate onSubmit={submit}>
        <Input
          label={t("console.council.session.name")}
          hintText={t("console.council.session.nameHint")}
          state={stateOf(form.errors["/name"])}
          stateRelatedMessage={messageOf(t, form.errors["/name"])}
          nativeInputProps={{ id: SESSION_IDS["/name"], value: name, maxLength: 200, onChange: (e) => setName(e.target.value) }}
        />
        <Input
          label={t("console.council.session.heldOn")}
          state={stateOf(form.errors["/held_on"])}
          stateRelatedMessage={messageOf(t, form.errors["/held_on"])}
          nativeInputProps={{ id: SESSION_IDS["/held_on"], type: "date", value: heldOn, onChange: (e) => setHeldOn(e.target.value) }}
        />
        {form.general && <Alert severity="error" small description={t(form.general)} />}
        <div role="status">{done && <Alert severity="success" small description={t("console.council.session.done", { name: done })} />}</div>
        <Button type="submit" disabled={form.sending} className={fr.cx("fr-mt-2w")}>
          {form.sending ? t("forms.sending") : t("console.council.session.submit")}
        </Button>
      </form>
    </section>
  );
}

// Puts a waiting motion on a session to come (the clerk).
function PlaceForm({ dossier, sessions, reload }: { dossier: Dossier; sessions: CouncilSession[]; reload: () => Promise<void> }) {
  const { t, day } = useI18n();
  const id = `council-place-${dossier.id}`;
  const ids = { "/dossier_id": id };
  const [session, setSession] = useState(sessions[0]?.id ?? "");
  const form = useFieldForm(ids);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    await form.send(async () => {
      const { data, error, response } = await api.followup.POST("/v1/council-sessions/{id}/agenda-items", {
        params: { path: { id: session } },
        body: { dossier_id: dossier.id ?? "" },
      });
      if (!data) return form.refuse(response.status, error as ProblemLike, "/dossier_id");
      await reload();
    });
  }
  return (
    <form noValidate onSubmit={submit} className={fr.cx("fr-mt-1w")}>
      <Select
        label={t("console.council.place.label", { title: dossier.title || dossier.theme || "" })}
        state={stateOf(form.errors["/dossier_id"])}
        stateRelatedMessage={messageOf(t, form.errors["/dossier_id"])}
        nativeSelectProps={{ id, value: session, onChange: (e) => setSession(e.target.value) }}
      >
        {sessions.map((s) => (
          <option key={s.id} value={s.id}>
            {`${s.name} (${day(s.held_on ?? "")})`}
          </option>
        ))}
      </Select>
      {form.general && <Alert severity="error" small description={t(form.general)} />}
      <Button type="submit" size="small" priority="secondary" disabled={form.sending}>
        {t("console.council.place.submit")}
      </Button>
    </form>
  );
}

function AgendaItemPage({
  assembly,
  session,
  item,
  clerk,
  reload,
}: {
  assembly: string;
  session: CouncilSession;
  item: AgendaItem;
  clerk: boolean;
  reload: () => Promise<void>;
}) {
  const { t, day, number, dateTime } = useI18n();
  const decided = !!item.decision;
  return (
    <>
      <BackLink assembly={assembly} />
      <h1>{item.title || item.theme}</h1>
      <p>{t("console.council.item.session", { name: session.name ?? "", day: day(session.held_on ?? ""), position: item.position ?? 0 })}</p>
      <h2>{t("console.council.item.recommendations")}</h2>
      <ul>
        {(item.recommendations ?? []).map((r) => (
          <li key={r.id}>{r.title}</li>
        ))}
      </ul>
      <h2>{t("console.council.debate.title")}</h2>
      {item.presentation && (
        <>
          <h3 className={fr.cx("fr-h6")}>{t("console.council.debate.presentation")}</h3>
          <p>{item.presentation}</p>
        </>
      )}
      {item.debate_summary && (
        <>
          <h3 className={fr.cx("fr-h6")}>{t("console.council.debate.summary")}</h3>
          <p>{item.debate_summary}</p>
        </>
      )}
      {(item.positions ?? []).length > 0 && (
        <Table
          caption={t("console.council.debate.positions")}
          headers={[t("console.council.debate.group"), t("console.council.debate.position"), t("console.council.debate.positionSummary")]}
          rowHeaders
          keys={(item.positions ?? []).map((p) => p.group ?? "")}
          rows={(item.positions ?? []).map((p) => [p.group, t(`console.council.position.${p.position}` as Key), p.summary])}
        />
      )}
      {!item.presentation && !item.debate_summary && (item.positions ?? []).length === 0 && <p>{t("console.council.debate.none")}</p>}
      {clerk && !decided && <DebateForm item={item} reload={reload} />}
      <h2>{t("console.council.decision.title")}</h2>
      {decided ? (
        <>
          <p>
            <DecisionBadge decision={item.decision} />{" "}
            {item.decided_at ? t("console.council.decision.at", { at: dateTime(new Date(item.decided_at)) }) : ""}
          </p>
          <Table
            caption={t("console.council.decision.votes")}
            headers={[t("console.council.decision.col.vote"), t("console.council.decision.col.count")]}
            rowHeaders
            rows={[
              [t("console.council.decision.for"), number(item.votes_for ?? 0)],
              [t("console.council.decision.against"), number(item.votes_against ?? 0)],
              [t("console.council.decision.abstentions"), number(item.abstentions ?? 0)],
            ]}
          />
          {item.amendments && <p>{t("console.council.decision.amendmentsText", { text: item.amendments })}</p>}
        </>
      ) : clerk ? (
        <DecisionFormView item={item} reload={reload} />
      ) : (
        <p>{t("console.council.decision.pending")}</p>
      )}
    </>
  );
}

const emptyRow = (): PositionRow => ({ group: "", position: "", summary: "" });

function DebateForm({ item, reload }: { item: AgendaItem; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const [presentation, setPresentation] = useState(item.presentation ?? "");
  const [summary, setSummary] = useState(item.debate_summary ?? "");
  const [rows, setRows] = useState<PositionRow[]>(() => {
    const known = (item.positions ?? []).map((p) => ({ group: p.group ?? "", position: p.position ?? "", summary: p.summary ?? "" }));
    return known.length ? known : [emptyRow()];
  });
  const [saved, setSaved] = useState(false);
  const ids: Record<string, string> = { "/presentation": "debate-presentation", "/summary": "debate-summary" };
  rows.forEach((_, i) => {
    ids[`/positions/${i}/group`] = `debate-group-${i}`;
    ids[`/positions/${i}/position`] = `debate-position-${i}`;
    ids[`/positions/${i}/summary`] = `debate-position-summary-${i}`;
  });
  const form = useFieldForm(ids);
  const setRow = (i: number, change: Partial<PositionRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setSaved(false);
    if (!form.check(validateDebate(rows))) return;
    await form.send(async () => {
      const { data, error, response } = await api.followup.PUT("/v1/agenda-items/{id}/debate", {
        params: { path: { id: item.id ?? "" } },
        body: debateBody(presentation, summary, rows),
      });
      if (!data) return form.refuse(response.status, error as ProblemLike, "/presentation");
      setSaved(true);
      await reload();
    });
  }
  const field = (pointer: string) => ({ state: stateOf(form.errors[pointer]), stateRelatedMessage: messageOf(t, form.errors[pointer]) });
  return (
    <form noValidate onSubmit={submit} className={fr.cx("fr-mb-4w")}>
      <Input label={t("console.council.debate.presentation")} textArea {...field("/presentation")}
        nativeTextAreaProps={{ id: ids["/presentation"], rows: 3, value: presentation, onChange: (e) => setPresentation(e.target.value) }} />
      <Input label={t("console.council.debate.summary")} textArea {...field("/summary")}
        nativeTextAreaProps={{ id: ids["/summary"], rows: 3, value: summary, onChange: (e) => setSummary(e.target.value) }} />
      <fieldset className={fr.cx("fr-fieldset")}>
        <legend className={fr.cx("fr-fieldset__legend")}>{t("console.council.debate.positions")}</legend>
        {rows.map((r, i) => (
          <div key={i} className={fr.cx("fr-fieldset__element")}>
            <p className={fr.cx("fr-text--bold", "fr-mb-1w")}>{t("console.council.debate.row", { n: i + 1 })}</p>
            <Input label={t("console.council.debate.group")} {...field(`/positions/${i}/group`)}
              nativeInputProps={{ id: ids[`/positions/${i}/group`], value: r.group, maxLength: 200, onChange: (e) => setRow(i, { group: e.target.value }) }} />
            <Select label={t("console.council.debate.position")} {...field(`/positions/${i}/position`)}
              nativeSelectProps={{ id: ids[`/positions/${i}/position`], value: r.position, onChange: (e) => setRow(i, { position: e.target.value }) }}>
              <option value="">{t("console.council.debate.position.choose")}</option>
              {GROUP_POSITIONS.map((p) => (
                <option key={p} value={p}>
                  {t(`console.council.position.${p}`)}
                </option>
              ))}
            </Select>
            <Input label={t("console.council.debate.positionSummary")} {...field(`/positions/${i}/summary`)}
              nativeInputProps={{ id: ids[`/positions/${i}/summary`], value: r.summary, onChange: (e) => setRow(i, { summary: e.target.value }) }} />
          </div>
        ))}
        <Button type="button" priority="tertiary" size="small" iconId="fr-icon-add-line" onClick={() => setRows((rs) => [...rs, emptyRow()])}>
          {t("console.council.debate.addGroup")}
        </Button>
      </fieldset>
      {form.general && <Alert severity="error" small description={t(form.general)} />}
      <div role="status">{saved && <Alert severity="success" small description={t("console.council.debate.saved")} />}</div>
      <Button type="submit" disabled={form.sending} className={fr.cx("fr-mt-2w")}>
        {form.sending ? t("forms.sending") : t("console.council.debate.submit")}
      </Button>
    </form>
  );
}

const DECISION_IDS = {
  "/decision": "decision-kind",
  "/votes_for": "decision-for",
  "/votes_against": "decision-against",
  "/abstentions": "decision-abstentions",
  "/amendments": "decision-amendments",
};

function DecisionFormView({ item, reload }: { item: AgendaItem; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const [f, setF] = useState<DecisionForm>({ decision: "", votesFor: "", votesAgainst: "", abstentions: "", amendments: "" });
  const form = useFieldForm(DECISION_IDS);
  const set = (change: Partial<DecisionForm>) => setF((x) => ({ ...x, ...change }));
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(validateDecision(f))) return;
    await form.send(async () => {
      const { data, error, response } = await api.followup.POST("/v1/agenda-items/{id}/decision", {
        params: { path: { id: item.id ?? "" } },
        body: decisionBody(f),
      });
      if (!data) return form.refuse(response.status, error as ProblemLike, "/decision", { 409: "console.council.decision.already" });
      await reload();
    });
  }
  const field = (pointer: keyof typeof DECISION_IDS) => ({
    state: stateOf(form.errors[pointer]),
    stateRelatedMessage: messageOf(t, form.errors[pointer]),
  });
  const number = (pointer: keyof typeof DECISION_IDS, value: string, on: (v: string) => void) => ({
    id: DECISION_IDS[pointer],
    inputMode: "numeric" as const,
    autoComplete: "off",
    value,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => on(e.target.value),
  });
  return (
    <form noValidate onSubmit={submit}>
      <p>{t("console.council.decision.intro")}</p>
      <Select label={t("console.council.decision.label")} {...field("/decision")}
        nativeSelectProps={{ id: DECISION_IDS["/decision"], value: f.decision, onChange: (e) => set({ decision: e.target.value }) }}>
        <option value="">{t("console.council.decision.choose")}</option>
        {DECISIONS.map((d) => (
          <option key={d} value={d}>
            {t(`console.council.decision.${d}`)}
          </option>
        ))}
      </Select>
      <Input label={t("console.council.decision.for")} {...field("/votes_for")} nativeInputProps={number("/votes_for", f.votesFor, (v) => set({ votesFor: v }))} />
      <Input label={t("console.council.decision.against")} {...field("/votes_against")}
        nativeInputProps={number("/votes_against", f.votesAgainst, (v) => set({ votesAgainst: v }))} />
      <Input label={t("console.council.decision.abstentions")} {...field("/abstentions")}
        nativeInputProps={number("/abstentions", f.abstentions, (v) => set({ abstentions: v }))} />
      <Input label={t("console.council.decision.amendments")} hintText={t("console.council.decision.amendmentsHint")} textArea {...field("/amendments")}
        nativeTextAreaProps={{ id: DECISION_IDS["/amendments"], rows: 3, value: f.amendments, onChange: (e) => set({ amendments: e.target.value }) }} />
      {form.general && <Alert severity="error" small description={t(form.general)} />}
      <Button type="submit" disabled={form.sending} className={fr.cx("fr-mt-2w")}>
        {form.sending ? t("forms.sending") : t("console.council.decision.submit")}
      </Button>
    </form>
  );
}

// The secretariat's ballots: open one (online by name, online secret, or by show of hands in the
// room), follow its turnout while it is open (the service read again every few seconds, with the
// time of the last reading), enter the tally of a show of hands (a correction with a reason; every
// entry listed with who recorded it and when), close it, and read its results.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Badge from "@codegouvfr/react-dsfr/Badge";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import RadioButtons from "@codegouvfr/react-dsfr/RadioButtons";
import Select from "@codegouvfr/react-dsfr/Select";
import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";

import { api } from "../../api/client";
import { TIME_ZONE, useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import {
  type BallotForm,
  ballotBody,
  type Mode,
  percent,
  RULES,
  type TallyForm,
  tallyBody,
  validateBallot,
  validateTally,
} from "./model";

// How often an open ballot's turnout is read again.
export const POLL_SECONDS = 3;

export interface Result {
  for?: number;
  against?: number;
  abstain?: number;
  electorate?: number;
  turnout?: number;
  outcome?: string;
}
export interface Ballot {
  id: string;
  question?: string;
  workshop?: string | null;
  rule?: string;
  secret?: boolean;
  show_of_hands?: boolean;
  state?: string;
  electorate?: number;
  voted?: number;
  closes_at?: string;
  result?: Result | null;
}
export interface TallyEntry {
  entry?: number;
  for?: number;
  against?: number;
  abstain?: number;
  reason?: string;
  recorded_by?: string;
  recorded_at?: string;
}

const kindOf = (b: Ballot): Key =>
  b.show_of_hands ? "console.ballots.kind.hands" : b.secret ? "console.ballots.kind.secret" : "console.ballots.kind.open";

export function BallotsPanel({ assemblyId }: { assemblyId: string }) {
  const { t } = useI18n();
  const [ballots, setBallots] = useState<Ballot[] | undefined>();
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    const { data } = await api.recommendations.GET("/v1/ballots", { params: { query: { assembly_id: assemblyId } } });
    if (!data) return setFailed(true);
    setBallots(((data.items ?? []) as Ballot[]).slice().reverse());
  }, [assemblyId]);
  useEffect(() => {
    load().catch(() => setFailed(true));
  }, [load]);

  if (failed) return <Alert severity="error" small description={t("forms.error.load")} />;
  return (
    <section aria-labelledby="ballots-title">
      <h2 id="ballots-title">{t("console.ballots.title")}</h2>
      <OpenBallot assemblyId={assemblyId} onOpened={() => void load()} />
      {ballots === undefined ? (
        <p role="status">{t("forms.loading")}</p>
      ) : ballots.length === 0 ? (
        <p>{t("console.ballots.none")}</p>
      ) : (
        ballots.map((b) => <BallotCard key={b.id} initial={b} />)
      )}
    </section>
  );
}

function OpenBallot({ assemblyId, onOpened }: { assemblyId: string; onOpened: () => void }) {
  const { t } = useI18n();
  const empty: BallotForm = {
    question: "",
    workshop: "",
    rule: "simple-majority",
    quorum: "0",
    mode: "open",
    minutes: "60",
    motion_id: "",
    plenary_session_id: "",
  };
  const [f, setF] = useState<BallotForm>(empty);
  const [motions, setMotions] = useState<{ id?: string; title?: string; theme?: string }[]>([]);
  useEffect(() => {
    api.recommendations
      .GET("/v1/motions", { params: { query: { assembly_id: assemblyId } } })
      .then(({ data }) => setMotions(data?.items ?? []))
      .catch(() => setMotions([]));
  }, [assemblyId]);
  const [done, setDone] = useState(false);
  const ids = {
    "/question": "ballot-question",
    "/workshop": "ballot-workshop",
    "/motion_id": "ballot-motion",
    "/plenary_session_id": "ballot-plenary",
    "/rule": "ballot-rule",
    "/quorum": "ballot-quorum",
    "/show_of_hands": "ballot-mode-0",
    "/closes_at": "ballot-minutes",
  };
  const form = useFieldForm(ids);
  const { errors, general, sending } = form;
  const set = (k: keyof BallotForm) => (value: string) => setF((x) => ({ ...x, [k]: value }));

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(false);
    if (!form.check(validateBallot(f))) return;
    await form.send(async () => {
      const { data, error, response } = await api.recommendations.POST("/v1/ballots", { body: ballotBody(assemblyId, f, new Date()) });
      if (!data) return form.refuse(response.status, error, "/question");
      setF(empty);
      setDone(true);
      onOpened();
    });
  }

  const modes: Mode[] = ["open", "secret", "hands"];
  return (
    <section className={fr.cx("fr-mb-6w")} aria-labelledby="ballot-open-title">
      <h3 id="ballot-open-title">{t("console.ballots.open.title")}</h3>
      {done && <Alert severity="success" small role="status" description={t("console.ballots.opened")} />}
      {general && <Alert severity="error" small description={t(general)} />}
      <form noValidate onSubmit={submit}>
        <Input
          label={t("console.ballots.question")}
          textArea
          state={stateOf(errors["/question"])}
          stateRelatedMessage={messageOf(t, errors["/question"])}
          nativeTextAreaProps={{ id: ids["/question"], rows: 2, value: f.question, onChange: (e) => set("question")(e.target.value) }}
        />
        <Input
          label={t("console.ballots.workshop")}
          state={stateOf(errors["/workshop"])}
          stateRelatedMessage={messageOf(t, errors["/workshop"])}
          nativeInputProps={{ id: ids["/workshop"], value: f.workshop, onChange: (e) => set("workshop")(e.target.value) }}
        />
        <Select
          label={t("console.ballots.motion")}
          state={stateOf(errors["/motion_id"])}
          stateRelatedMessage={messageOf(t, errors["/motion_id"])}
          nativeSelectProps={{ id: ids["/motion_id"], value: f.motion_id, onChange: (e) => set("motion_id")(e.target.value) }}
        >
          <option value="">{t("console.ballots.motion.none")}</option>
          {motions.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title || t("console.motions.untitled", { theme: m.theme ?? "" })}
            </option>
          ))}
        </Select>
        <Input
          label={t("console.ballots.plenary")}
          state={stateOf(errors["/plenary_session_id"])}
          stateRelatedMessage={messageOf(t, errors["/plenary_session_id"])}
          nativeInputProps={{ id: ids["/plenary_session_id"], value: f.plenary_session_id, onChange: (e) => set("plenary_session_id")(e.target.value) }}
        />
        <Select
          label={t("console.ballots.rule")}
          state={stateOf(errors["/rule"])}
          stateRelatedMessage={messageOf(t, errors["/rule"])}
          nativeSelectProps={{ id: ids["/rule"], value: f.rule, onChange: (e) => set("rule")(e.target.value) }}
        >
          {RULES.map((r) => (
            <option key={r} value={r}>
              {t(`console.ballots.rule.${r}` as Key)}
            </option>
          ))}
        </Select>
        <Input
          label={t("console.ballots.quorum")}
          state={stateOf(errors["/quorum"])}
          stateRelatedMessage={messageOf(t, errors["/quorum"])}
          nativeInputProps={{ id: ids["/quorum"], inputMode: "decimal", value: f.quorum, onChange: (e) => set("quorum")(e.target.value) }}
        />
        <RadioButtons
          id="ballot-mode"
          name="ballot-mode"
          legend={t("console.ballots.mode")}
          state={stateOf(errors["/show_of_hands"])}
          stateRelatedMessage={messageOf(t, errors["/show_of_hands"])}
          options={modes.map((m) => ({
            label: t(`console.ballots.mode.${m}` as Key),
            nativeInputProps: { value: m, checked: f.mode === m, onChange: () => set("mode")(m) },
          }))}
        />
        <Input
          label={t("console.ballots.closesIn")}
          state={stateOf(errors["/closes_at"])}
          stateRelatedMessage={messageOf(t, errors["/closes_at"])}
          nativeInputProps={{ id: ids["/closes_at"], inputMode: "numeric", value: f.minutes, onChange: (e) => set("minutes")(e.target.value) }}
        />
        <Button type="submit" disabled={sending}>
          {sending ? t("forms.sending") : t("console.ballots.submit")}
        </Button>
      </form>
    </section>
  );
}

// One ballot; while it is open its turnout is read again every POLL_SECONDS.
function BallotCard({ initial }: { initial: Ballot }) {
  const { t, lang } = useI18n();
  const [b, setB] = useState<Ballot>(initial);
  const [readAt, setReadAt] = useState<Date>(new Date());
  const [readFailed, setReadFailed] = useState(false);
  const [tallies, setTallies] = useState<TallyEntry[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [closing, setClosing] = useState(false);
  const open = b.state === "open";

  const read = useCallback(async () => {
    const { data } = await api.recommendations.GET("/v1/ballots/{id}", { params: { path: { id: b.id } } });
    if (!data) return setReadFailed(true);
    setB(data as Ballot);
    setReadAt(new Date());
    setReadFailed(false);
  }, [b.id]);
  const readTallies = useCallback(async () => {
    const { data } = await api.recommendations.GET("/v1/ballots/{id}/tallies", { params: { path: { id: b.id } } });
    if (data) setTallies((data.items ?? []) as TallyEntry[]);
  }, [b.id]);
  useEffect(() => {
    if (!open) return;
    const timer = window.setInterval(() => void read().catch(() => setReadFailed(true)), POLL_SECONDS * 1000);
    return () => window.clearInterval(timer);
  }, [open, read]);
  useEffect(() => {
    if (b.show_of_hands) void readTallies().catch(() => undefined);
  }, [b.show_of_hands, readTallies]);

  async function close() {
    if (closing) return;
    setClosing(true);
    setMessage(undefined);
    try {
      const { data, error, response } = await api.recommendations.POST("/v1/ballots/{id}/close", { params: { path: { id: b.id } }, body: {} });
      if (!data) {
        const detail = (error as { detail?: string } | undefined)?.detail ?? "";
        return setMessage({
          ok: false,
          text: response.status === 403 ? t("forms.error.forbidden") : t("console.recommendations.error.conflict", { detail }),
        });
      }
      setB(data as Ballot);
      setMessage({ ok: true, text: t("console.ballots.closed") });
    } catch {
      setMessage({ ok: false, text: t("forms.error.server") });
    } finally {
      setClosing(false);
    }
  }

  const time = new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { timeStyle: "medium", timeZone: TIME_ZONE }).format(readAt);
  const titleId = `ballot-${b.id}-title`;
  return (
    <article className={fr.cx("fr-mb-4w", "fr-p-2w")} aria-labelledby={titleId} data-ballot={b.id}>
      <h3 id={titleId} className={fr.cx("fr-h5", "fr-mb-1w")}>
        {b.question}
      </h3>
      <p className={fr.cx("fr-mb-1w")}>
        <Badge small as="span" severity={open ? "new" : "info"}>
          {t(open ? "console.ballots.state.open" : "console.ballots.state.closed")}
        </Badge>{" "}
        {t(kindOf(b))} — {b.workshop ? t("console.ballots.scope.workshop", { theme: b.workshop }) : t("console.ballots.scope.assembly")} —{" "}
        {b.rule && t(`console.ballots.rule.${b.rule}` as Key)}
      </p>
      {open && (
        <>
          <p className={fr.cx("fr-mb-0")} data-turnout>
            {t("console.ballots.turnout", {
              voted: b.voted ?? 0,
              electorate: b.electorate ?? 0,
              percent: `${percent(b.voted ?? 0, b.electorate ?? 0)} %`,
            })}
          </p>
          <p className={fr.cx("fr-text--sm")}>
            {readFailed
              ? t("console.ballots.turnout.failed", { seconds: POLL_SECONDS })
              : t("console.ballots.turnout.read", { time, seconds: POLL_SECONDS })}
          </p>
        </>
      )}
      {b.show_of_hands && open && (
        <TallyEntryForm
          ballot={b}
          correction={tallies.length > 0}
          onRecorded={() => {
            void readTallies();
            void read();
          }}
        />
      )}
      {b.show_of_hands && tallies.length > 0 && <TallyEntries entries={tallies} />}
      {open && (
        <Button priority="secondary" onClick={() => void close()} disabled={closing}>
          {closing ? t("forms.sending") : t("console.ballots.close")}
        </Button>
      )}
      <div aria-live="polite">{message && <Alert severity={message.ok ? "success" : "error"} small description={message.text} />}</div>
      {!open && b.result && <Results result={b.result} id={b.id} />}
    </article>
  );
}

function Results({ result, id }: { result: Result; id: string }) {
  const { t } = useI18n();
  const rows: [Key, number | string][] = [
    ["console.ballots.results.for", result.for ?? 0],
    ["console.ballots.results.against", result.against ?? 0],
    ["console.ballots.results.abstain", result.abstain ?? 0],
    ["console.ballots.results.electorate", result.electorate ?? 0],
    ["console.ballots.results.turnout", `${Math.round((result.turnout ?? 0) * 100)} %`],
  ];
  return (
    <div className={fr.cx("fr-mt-2w")}>
      <p>
        <strong>{t("console.ballots.results")} : </strong>
        <Badge small as="span" severity={result.outcome === "adopted" ? "success" : "warning"}>
          {t(`console.ballots.outcome.${result.outcome ?? "rejected"}` as Key)}
        </Badge>
      </p>
      <div className={fr.cx("fr-table", "fr-table--no-caption")}>
        <table id={`ballot-${id}-results`}>
          <caption>{t("console.ballots.results")}</caption>
          <tbody>
            {rows.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{t(k)}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function TallyEntries({ entries }: { entries: TallyEntry[] }) {
  const { t, dateTime } = useI18n();
  return (
    <>
      <h4 className={fr.cx("fr-h6", "fr-mb-1w")}>{t("console.ballots.tally.entries")}</h4>
      <ol data-tallies>
        {entries.map((e) => (
          <li key={e.entry}>
            {t("console.ballots.tally.entry", {
              entry: e.entry ?? 0,
              for: e.for ?? 0,
              against: e.against ?? 0,
              abstain: e.abstain ?? 0,
              by: e.recorded_by ?? "",
              at: e.recorded_at ? dateTime(new Date(e.recorded_at)) : "",
            })}
            {e.reason ? ` (${t("console.ballots.tally.entryReason", { reason: e.reason })})` : ""}
          </li>
        ))}
      </ol>
    </>
  );
}

function TallyEntryForm({ ballot, correction, onRecorded }: { ballot: Ballot; correction: boolean; onRecorded: () => void }) {
  const { t } = useI18n();
  const empty: TallyForm = { for: "", against: "", abstain: "", reason: "" };
  const [f, setF] = useState<TallyForm>(empty);
  const [done, setDone] = useState(false);
  const prefix = `tally-${ballot.id}`;
  const ids = { "/for": `${prefix}-for`, "/against": `${prefix}-against`, "/abstain": `${prefix}-abstain`, "/reason": `${prefix}-reason` };
  const form = useFieldForm(ids);
  const { errors, general, sending } = form;
  const electorate = ballot.electorate ?? 0;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(false);
    if (!form.check(validateTally(f, electorate, correction))) return;
    await form.send(async () => {
      const { data, error, response } = await api.recommendations.POST("/v1/ballots/{id}/tallies", {
        params: { path: { id: ballot.id } },
        body: tallyBody(f),
      });
      if (!data) return form.refuse(response.status, error, "/for");
      setF(empty);
      setDone(true);
      onRecorded();
    });
  }

  const count = (k: "for" | "against" | "abstain") => (
    <Input
      key={k}
      label={t(`console.ballots.tally.${k}`)}
      state={stateOf(errors[`/${k}`])}
      stateRelatedMessage={messageOf(t, errors[`/${k}`])}
      nativeInputProps={{
        id: ids[`/${k}`],
        inputMode: "numeric",
        value: f[k],
        onChange: (e) => setF((x) => ({ ...x, [k]: e.target.value })),
      }}
    />
  );
  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${prefix}-title`} className={fr.cx("fr-mb-2w")}>
      <h4 id={`${prefix}-title`} className={fr.cx("fr-h6", "fr-mb-1w")}>
        {t("console.ballots.tally.title")}
      </h4>
      {done && <Alert severity="success" small role="status" description={t("console.ballots.tally.recorded")} />}
      {general && <Alert severity="error" small description={t(general)} />}
      {count("for")}
      {count("against")}
      {count("abstain")}
      {correction && (
        <Input
          label={t("console.ballots.tally.reason")}
          state={stateOf(errors["/reason"])}
          stateRelatedMessage={messageOf(t, errors["/reason"])}
          nativeInputProps={{ id: ids["/reason"], value: f.reason, onChange: (e) => setF((x) => ({ ...x, reason: e.target.value })) }}
        />
      )}
      <Button type="submit" disabled={sending}>
        {sending ? t("forms.sending") : t(correction ? "console.ballots.tally.correct" : "console.ballots.tally.submit")}
      </Button>
    </form>
  );
}

// A workshop's priority axes on its page: the axes as the service holds them (GET
// …/priority-axes: who chose them, each correction with its day, reason and axes), the members'
// choice (GET …/axis-proposals and …/axes-choice: the proposals; once opened how many axes are
// kept; once closed the count — method, seats, voters, each proposal's approvals and rank), and
// for the secretariat the three acts on it: open the choice (POST …/axes-choice {seats}), close
// it (POST …/axes-choice/close {chosen_on}) and, once the members chose, correct the axes (PUT
// …/priority-axes {chosen_on, axes, reason}: the reason required). Members propose and vote in
// their own space; the service says how many voted only at the close.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { type FormEvent, useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import { useI18n } from "../../i18n/i18n";
import { parisDay } from "./model";
import { type Axis, correctionBody, correctionPointer, validateChosenOn, validateCorrection, validateSeats } from "./steps";

interface Correction {
  reason?: string;
  chosen_on?: string;
  titles?: string[];
  corrected_at?: string;
}
interface Axes {
  items: Axis[];
  chosen_by?: string;
  corrections: Correction[];
}
interface Proposal {
  id: string;
  title?: string;
  text?: string;
  proposer?: string;
}
interface Tally {
  proposal_id?: string;
  title?: string;
  proposer?: string;
  approvals?: number;
  chosen?: boolean;
  rank?: number | null;
}
interface Choice {
  state?: "open" | "closed";
  seats?: number;
  opened_at?: string;
  closed_at?: string | null;
  chosen_on?: string | null;
  result?: { method?: string; seats?: number; voters?: number; tallies?: Tally[]; chosen?: string[] } | null;
}

const today = () => parisDay(new Date().toISOString());

export function AxesSection({ workshopId, secretariat }: { workshopId: string; secretariat: boolean }) {
  const { t, day, dateTime } = useI18n();
  const [data, setData] = useState<{ axes: Axes; proposals: Proposal[]; choice?: Choice } | undefined>();
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    const path = { params: { path: { id: workshopId } } };
    const [a, p, c] = await Promise.all([
      api.workshops.GET("/v1/workshops/{id}/priority-axes", path),
      api.workshops.GET("/v1/workshops/{id}/axis-proposals", path),
      api.workshops.GET("/v1/workshops/{id}/axes-choice", path),
    ]);
    // No choice opened yet is a 404.
    if (!a.data || !p.data || (!c.data && c.response.status !== 404)) return setFailed(true);
    setData({
      axes: { items: (a.data.items ?? []) as Axis[], chosen_by: a.data.chosen_by, corrections: (a.data.corrections ?? []) as Correction[] },
      proposals: (p.data.items ?? []) as Proposal[],
      choice: c.data as Choice | undefined,
    });
  }, [workshopId]);
  useEffect(() => {
    load().catch(() => setFailed(true));
  }, [load]);

  if (failed) return <Alert severity="error" small description={t("console.workshops.error.load")} />;
  if (!data) return <p role="status">{t("console.workshops.loading")}</p>;
  const { axes, proposals, choice } = data;
  const proposer = (kind: string | undefined) =>
    t(kind === "secretariat" ? "console.workshops.choice.proposer.secretariat" : "console.workshops.choice.proposer.member");

  return (
    <>
      <h2>{t("console.workshops.axes.title")}</h2>
      {axes.items.length === 0 ? (
        <p>{t("console.workshops.axes.none")}</p>
      ) : (
        <>
          <p>{t(axes.chosen_by === "members" ? "console.workshops.axes.byMembers" : "console.workshops.axes.bySecretariat")}</p>
          <ol id="ws-axes">
            {axes.items.map((a, i) => (
              <li key={i}>
                <strong>{a.title}</strong>
                {a.description ? ` — ${a.description}` : ""}
              </li>
            ))}
          </ol>
        </>
      )}
      {axes.corrections.length > 0 && (
        <section aria-labelledby="ws-corrections-h">
          <h3 id="ws-corrections-h" className={fr.cx("fr-h6")}>
            {t("console.workshops.axes.corrections.title")}
          </h3>
          <ul id="ws-corrections">
            {axes.corrections.map((c, i) => (
              <li key={i}>
                {t("console.workshops.axes.correction", {
                  at: c.corrected_at ? dateTime(new Date(c.corrected_at)) : "",
                  day: c.chosen_on ? day(c.chosen_on) : "",
                  reason: c.reason ?? "",
                  titles: (c.titles ?? []).join(" ; "),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="ws-choice-h" className={fr.cx("fr-mt-4w")}>
        <h3 id="ws-choice-h">{t("console.workshops.choice.title")}</h3>
        <p id="ws-choice-state">
          {!choice
            ? t("console.workshops.choice.notOpened")
            : choice.state === "open"
              ? t("console.workshops.choice.open", { at: choice.opened_at ? dateTime(new Date(choice.opened_at)) : "", seats: choice.seats ?? 0 })
              : t("console.workshops.choice.closed", { day: choice.chosen_on ? day(choice.chosen_on) : "", seats: choice.seats ?? 0 })}
        </p>
        {choice?.state !== "closed" && (
          <>
            <h4 className={fr.cx("fr-h6")}>{t("console.workshops.choice.proposals", { n: proposals.length })}</h4>
            {proposals.length === 0 ? (
              <p>{t("console.workshops.choice.noProposal")}</p>
            ) : (
              <ol id="ws-proposals">
                {proposals.map((p) => (
                  <li key={p.id}>
                    <strong>{p.title}</strong> ({proposer(p.proposer)}){p.text ? ` — ${p.text}` : ""}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
        {choice?.state === "open" && <p>{t("console.workshops.choice.votersAtClose")}</p>}
        {choice?.state === "closed" && choice.result && <ChoiceResult result={choice.result} proposer={proposer} />}
        {secretariat && !choice && proposals.length > 0 && <OpenForm workshopId={workshopId} onDone={load} />}
        {secretariat && choice?.state === "open" && <CloseForm workshopId={workshopId} onDone={load} />}
      </section>
      {secretariat && choice?.state === "closed" && <CorrectionForm workshopId={workshopId} axes={axes.items} onDone={load} />}
    </>
  );
}

function ChoiceResult({ result, proposer }: { result: NonNullable<Choice["result"]>; proposer: (k: string | undefined) => string }) {
  const { t } = useI18n();
  return (
    <>
      <p>
        {t("console.workshops.choice.result.method")} <q lang="en">{result.method}</q>
      </p>
      <p id="ws-choice-figures">{t("console.workshops.choice.result.figures", { seats: result.seats ?? 0, voters: result.voters ?? 0 })}</p>
      <div className={fr.cx("fr-table")}>
        <table id="ws-tally" className="ws-tally">
          <caption>{t("console.workshops.choice.result.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("console.workshops.choice.result.proposal")}</th>
              <th scope="col">{t("console.workshops.choice.result.approvals")}</th>
              <th scope="col">{t("console.workshops.choice.result.rank")}</th>
            </tr>
          </thead>
          <tbody>
            {(result.tallies ?? []).map((x) => (
              <tr key={x.proposal_id}>
                <th scope="row">
                  {x.title} ({proposer(x.proposer)})
                </th>
                <td>{x.approvals ?? 0}</td>
                <td>{x.chosen ? t("console.workshops.choice.result.chosen", { rank: x.rank ?? "" }) : t("console.workshops.choice.result.notChosen")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function OpenForm({ workshopId, onDone }: { workshopId: string; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const ids = { "/seats": "ws-choice-seats" };
  const [seats, setSeats] = useState("3");
  const form = useFieldForm(ids);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(validateSeats(seats))) return;
    await form.send(async () => {
      const { data, error, response } = await api.workshops.POST("/v1/workshops/{id}/axes-choice", {
        params: { path: { id: workshopId } },
        body: { seats: Number(seats.trim()) },
      });
      if (!data) return form.refuse(response.status, error as never, "/seats", { 409: "console.workshops.choice.open.conflict" });
      await onDone();
    });
  }
  return (
    <form noValidate onSubmit={submit} className={fr.cx("fr-mt-2w")} aria-labelledby="ws-open-h">
      <h4 id="ws-open-h" className={fr.cx("fr-h6")}>
        {t("console.workshops.choice.open.title")}
      </h4>
      {form.general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(form.general)} />}
      <Input
        label={t("console.workshops.choice.seats")}
        hintText={t("console.workshops.choice.seats.hint")}
        state={stateOf(form.errors["/seats"])}
        stateRelatedMessage={messageOf(t, form.errors["/seats"])}
        nativeInputProps={{ id: ids["/seats"], inputMode: "numeric", value: seats, onChange: (e) => setSeats(e.target.value) }}
      />
      <Button type="submit" disabled={form.sending}>
        {form.sending ? t("console.workshops.sending") : t("console.workshops.choice.open.submit")}
      </Button>
    </form>
  );
}

function CloseForm({ workshopId, onDone }: { workshopId: string; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const ids = { "/chosen_on": "ws-choice-day" };
  const [chosenOn, setChosenOn] = useState(today);
  const form = useFieldForm(ids);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(validateChosenOn(chosenOn))) return;
    await form.send(async () => {
      const { data, error, response } = await api.workshops.POST("/v1/workshops/{id}/axes-choice/close", {
        params: { path: { id: workshopId } },
        body: { chosen_on: chosenOn.trim() },
      });
      if (!data) return form.refuse(response.status, error as never, "/chosen_on", { 409: "console.workshops.choice.close.conflict" });
      await onDone();
    });
  }
  return (
    <form noValidate onSubmit={submit} className={fr.cx("fr-mt-2w")} aria-labelledby="ws-close-h">
      <h4 id="ws-close-h" className={fr.cx("fr-h6")}>
        {t("console.workshops.choice.close.title")}
      </h4>
      {form.general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(form.general)} />}
      <Input
        label={t("console.workshops.choice.day")}
        hintText={t("console.workshops.choice.day.hint")}
        state={stateOf(form.errors["/chosen_on"])}
        stateRelatedMessage={messageOf(t, form.errors["/chosen_on"])}
        nativeInputProps={{ id: ids["/chosen_on"], type: "date", value: chosenOn, onChange: (e) => setChosenOn(e.target.value) }}
      />
      <Button type="submit" disabled={form.sending}>
        {form.sending ? t("console.workshops.sending") : t("console.workshops.choice.close.submit")}
      </Button>
    </form>
  );
}

function CorrectionForm({ workshopId, axes, onDone }: { workshopId: string; axes: Axis[]; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const ids = { "/axes": "ws-correct-axes", "/chosen_on": "ws-correct-day", "/reason": "ws-correct-reason" };
  const [d, setD] = useState({ axes: axes.map((a) => a.title ?? "").join("\n"), chosen_on: today(), reason: "" });
  const [done, setDone] = useState(false);
  const form = useFieldForm(ids);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(false);
    if (!form.check(validateCorrection(d, true))) return;
    await form.send(async () => {
      const { data, error, response } = await api.workshops.PUT("/v1/workshops/{id}/priority-axes", {
        params: { path: { id: workshopId } },
        body: correctionBody(d, axes),
      });
      if (!data) {
        // Each axis's fault is said on the one text area.
        const problem = error as { errors?: { pointer: string }[]; field?: string } | undefined;
        for (const e of problem?.errors ?? []) e.pointer = correctionPointer(e.pointer);
        if (problem?.field) problem.field = correctionPointer(problem.field);
        return form.refuse(response.status, error as never, "/axes", { 409: "console.workshops.correct.conflict" });
      }
      setD({ ...d, reason: "" });
      setDone(true);
      await onDone();
    });
  }
  const field = (f: "/chosen_on" | "/reason") => ({
    state: stateOf(form.errors[f]),
    stateRelatedMessage: messageOf(t, form.errors[f]),
  });
  const set = (k: keyof typeof d) => (e: { target: { value: string } }) => {
    setDone(false);
    setD({ ...d, [k]: e.target.value });
  };
  return (
    <section aria-labelledby="ws-correct-h" className={fr.cx("fr-mt-4w")}>
      <h3 id="ws-correct-h">{t("console.workshops.correct.title")}</h3>
      <p>{t("console.workshops.correct.intro")}</p>
      {form.general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(form.general)} />}
      <form noValidate onSubmit={submit}>
        <Input
          label={t("console.workshops.correct.axes")}
          hintText={t("console.workshops.correct.axes.hint")}
          textArea
          state={stateOf(form.errors["/axes"])}
          stateRelatedMessage={messageOf(t, form.errors["/axes"])}
          nativeTextAreaProps={{ id: ids["/axes"], rows: 5, value: d.axes, onChange: set("axes") }}
        />
        <Input
          label={t("console.workshops.correct.day")}
          {...field("/chosen_on")}
          nativeInputProps={{ id: ids["/chosen_on"], type: "date", value: d.chosen_on, onChange: set("chosen_on") }}
        />
        <Input
          label={t("console.workshops.correct.reason")}
          hintText={t("console.workshops.correct.reason.hint")}
          textArea
          {...field("/reason")}
          nativeTextAreaProps={{ id: ids["/reason"], rows: 3, value: d.reason, onChange: set("reason") }}
        />
        <Button type="submit" disabled={form.sending}>
          {form.sending ? t("console.workshops.sending") : t("console.workshops.correct.submit")}
        </Button>
        <p role="status" className={fr.cx("fr-mt-1w")}>
          {done ? t("console.workshops.correct.done") : ""}
        </p>
      </form>
    </section>
  );
}

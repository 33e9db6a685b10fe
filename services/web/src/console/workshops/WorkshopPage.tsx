// One workshop: its priority axes (AxesSection: the members' choice opened and closed, its count,
// the secretariat's corrections and their reasons), and its mandates: the executive's proposals answering a
// submitted notebook version, and the plenary's vote on each (counts for, against, abstentions,
// the plenary it was held at; POST /v1/mandates/{id}/vote, secretariat).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import type { FieldErrors } from "../../forms/problem";
import { hasRole } from "../model";
import type { ConsoleProps } from "../sections";
import { AxesSection } from "./AxesSection";
import { workshopName } from "./CalendarPage";
import type { Session } from "./model";
import { follow, sectionPath } from "./paths";
import type { Workshop } from "./useWorkshops";

interface Mandate {
  id: string;
  text?: string;
  state?: "proposed" | "adopted" | "rejected";
  department?: string;
  notebook_version?: number | null;
  votes_for?: number | null;
  votes_against?: number | null;
  abstentions?: number | null;
  session_id?: string | null;
  unanimous?: boolean;
}

export function WorkshopPage({ assembly, staff, workshopId }: ConsoleProps & { workshopId: string }) {
  const { t, has } = useI18n();
  const [workshop, setWorkshop] = useState<Workshop | undefined>();
  const [mandates, setMandates] = useState<Mandate[] | undefined>();
  const [plenaries, setPlenaries] = useState<Session[]>([]);
  const [submitted, setSubmitted] = useState<number[]>([]);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    const [w, m, s, nb] = await Promise.all([
      api.workshops.GET("/v1/workshops/{id}", { params: { path: { id: workshopId } } }),
      api.workshops.GET("/v1/workshops/{id}/mandates", { params: { path: { id: workshopId } } }),
      api.workshops.GET("/v1/sessions", { params: { query: { assembly_id: assembly.id ?? "" } } }),
      api.workshops.GET("/v1/workshops/{id}/notebook/submitted", { params: { path: { id: workshopId } } }),
    ]);
    setSubmitted((((nb.data as { items?: { version: number }[] } | undefined)?.items ?? []) as { version: number }[]).map((v) => v.version));
    if (!w.data) return setFailed(true);
    setWorkshop(w.data as Workshop);
    setMandates(((m.data as { items?: Mandate[] } | undefined)?.items ?? []) as Mandate[]);
    setPlenaries(((s.data?.items ?? []) as Session[]).filter((x) => x.type === "plenary" && x.state !== "cancelled"));
  }, [workshopId, assembly.id]);
  useEffect(() => {
    load().catch(() => setFailed(true));
  }, [load]);

  if (failed) return <Alert severity="error" small description={t("console.workshops.error.load")} />;
  if (!workshop || !mandates) return <p role="status">{t("console.workshops.loading")}</p>;
  const secretariat = hasRole(staff, ["secretariat"]);

  return (
    <div>
      <h1>{workshopName(t, has, workshop)}</h1>
      {secretariat && (
        <p>
          <a href={sectionPath(assembly.id, "carnet", workshopId)} onClick={follow}>
            {t("console.workshops.notebookLink", { workshop: workshopName(t, has, workshop) })}
          </a>
        </p>
      )}
      <AxesSection workshopId={workshopId} secretariat={secretariat} />
      <h2 className={fr.cx("fr-mt-4w")}>{t("console.workshops.mandates.title")}</h2>
      {mandates.length === 0 ? (
        <p>{t("console.workshops.mandates.none")}</p>
      ) : (
        mandates.map((m) => (
          <article key={m.id} className={fr.cx("fr-mb-3w")} aria-labelledby={`ws-m-${m.id}`}>
            <h3 id={`ws-m-${m.id}`} className={fr.cx("fr-h6")}>
              {t(`console.workshops.mandates.state.${m.state ?? "proposed"}` as Key)}
              {m.department ? ` — ${m.department}` : ""}
            </h3>
            <p className="ws-pre">{m.text}</p>
            {m.state !== "proposed" && (
              <p>
                {t("console.workshops.mandates.counts", { for: m.votes_for ?? 0, against: m.votes_against ?? 0, abstentions: m.abstentions ?? 0 })}
                {m.unanimous ? ` — ${t("console.workshops.mandates.unanimous")}` : ""}
              </p>
            )}
            {m.state === "proposed" && secretariat && <VoteForm mandate={m} plenaries={plenaries} onDone={load} />}
          </article>
        ))
      )}
      {secretariat && !mandates.some((m) => m.state === "adopted") && (
        <ProposeForm workshop={workshop} submitted={submitted} onDone={load} />
      )}
    </div>
  );
}

function ProposeForm({ workshop, submitted, onDone }: { workshop: Workshop & { departments?: string[] }; submitted: number[]; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const ids = { "/text": "ws-mandate-text", "/notebook_version": "ws-mandate-version", "/department": "ws-mandate-department" };
  const [text, setText] = useState("");
  const [version, setVersion] = useState("");
  const [department, setDepartment] = useState("");
  const form = useFieldForm(ids);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const found: FieldErrors = {};
    if (!text.trim()) found["/text"] = { key: "console.workshops.propose.text.missing" };
    if (!version) found["/notebook_version"] = { key: "console.workshops.propose.version.missing" };
    if (!form.check(found)) return;
    await form.send(async () => {
      const { data, error, response } = await api.workshops.POST("/v1/workshops/{id}/mandates", {
        params: { path: { id: workshop.id } },
        body: { text: text.trim(), notebook_version: Number(version), ...(department ? { department } : {}) },
      });
      if (!data) return form.refuse(response.status, error as never, "/text");
      setText("");
      await onDone();
    });
  }
  return (
    <section aria-labelledby="ws-propose-h" className={fr.cx("fr-mt-4w")}>
      <h3 id="ws-propose-h">{t("console.workshops.propose.title")}</h3>
      {form.general && <Alert severity="error" small description={t(form.general)} />}
      {submitted.length === 0 ? (
        <p>{t("console.workshops.propose.noNotebook")}</p>
      ) : (
        <form noValidate onSubmit={submit}>
          <Input
            label={t("console.workshops.propose.text")}
            textArea
            state={stateOf(form.errors["/text"])}
            stateRelatedMessage={messageOf(t, form.errors["/text"])}
            nativeTextAreaProps={{ id: ids["/text"], rows: 5, value: text, onChange: (e) => setText(e.target.value) }}
          />
          <Select
            label={t("console.workshops.propose.version")}
            state={stateOf(form.errors["/notebook_version"])}
            stateRelatedMessage={messageOf(t, form.errors["/notebook_version"])}
            nativeSelectProps={{ id: ids["/notebook_version"], value: version, onChange: (e) => setVersion(e.target.value) }}
          >
            <option value="" disabled>
              {t("console.workshops.form.choose")}
            </option>
            {submitted.map((v) => (
              <option key={v} value={v}>
                {t("console.workshops.propose.versionN", { version: v })}
              </option>
            ))}
          </Select>
          <Select
            label={t("console.workshops.propose.department")}
            state={stateOf(form.errors["/department"])}
            stateRelatedMessage={messageOf(t, form.errors["/department"])}
            nativeSelectProps={{ id: ids["/department"], value: department, onChange: (e) => setDepartment(e.target.value) }}
          >
            <option value="">{t("console.workshops.propose.department.none")}</option>
            {(workshop.departments ?? []).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </Select>
          <Button type="submit" disabled={form.sending}>
            {t("console.workshops.propose.submit")}
          </Button>
        </form>
      )}
    </section>
  );
}

function VoteForm({ mandate, plenaries, onDone }: { mandate: Mandate; plenaries: Session[]; onDone: () => Promise<void> }) {
  const { t, range } = useI18n();
  const ids = {
    "/session_id": `ws-v-${mandate.id}-session`,
    "/votes_for": `ws-v-${mandate.id}-for`,
    "/votes_against": `ws-v-${mandate.id}-against`,
    "/abstentions": `ws-v-${mandate.id}-abst`,
  };
  const [v, setV] = useState({ session_id: "", votes_for: "", votes_against: "", abstentions: "" });
  const form = useFieldForm(ids);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const found: FieldErrors = {};
    if (!v.session_id) found["/session_id"] = { key: "console.workshops.vote.session.missing" };
    for (const k of ["votes_for", "votes_against", "abstentions"] as const)
      if (!/^\d+$/.test(v[k].trim())) found[`/${k}`] = { key: "console.workshops.vote.count.invalid" };
    if (!form.check(found)) return;
    await form.send(async () => {
      const { data, error, response } = await api.workshops.POST("/v1/mandates/{id}/vote", {
        params: { path: { id: mandate.id } },
        body: { session_id: v.session_id, votes_for: +v.votes_for, votes_against: +v.votes_against, abstentions: +v.abstentions },
      });
      if (!data) return form.refuse(response.status, error as never, "/session_id");
      await onDone();
    });
  }
  const count = (k: "votes_for" | "votes_against" | "abstentions", label: Key) => (
    <Input
      label={t(label)}
      state={stateOf(form.errors[`/${k}`])}
      stateRelatedMessage={messageOf(t, form.errors[`/${k}`])}
      nativeInputProps={{ id: ids[`/${k}`], inputMode: "numeric", value: v[k], onChange: (e) => setV({ ...v, [k]: e.target.value }) }}
    />
  );
  return (
    <form noValidate onSubmit={submit}>
      <fieldset className={fr.cx("fr-fieldset")}>
        <legend className={fr.cx("fr-fieldset__legend")}>{t("console.workshops.vote.legend")}</legend>
        {form.general && <Alert severity="error" small description={t(form.general)} />}
        <Select
          label={t("console.workshops.vote.session")}
          state={stateOf(form.errors["/session_id"])}
          stateRelatedMessage={messageOf(t, form.errors["/session_id"])}
          nativeSelectProps={{ id: ids["/session_id"], value: v.session_id, onChange: (e) => setV({ ...v, session_id: e.target.value }) }}
        >
          <option value="" disabled>
            {t("console.workshops.form.choose")}
          </option>
          {plenaries.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title} — {p.starts_at && p.ends_at ? range(new Date(p.starts_at), new Date(p.ends_at)) : ""}
            </option>
          ))}
        </Select>
        {count("votes_for", "console.workshops.vote.for")}
        {count("votes_against", "console.workshops.vote.against")}
        {count("abstentions", "console.workshops.vote.abstentions")}
        <Button type="submit" disabled={form.sending}>
          {t("console.workshops.vote.submit")}
        </Button>
      </fieldset>
    </form>
  );
}

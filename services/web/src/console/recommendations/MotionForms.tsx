// The secretariat's forms on a motion: a new version of its text (drafted in one of the workshop's
// sessions, with who proposed it), its spokespersons (the workshop's active members), and the
// debate at the last plenary (the plenary, the group's presentation and its speakers, the
// interventions one by one, the summary; a name only with the speaker's consent). Each checks what
// it can before sending, then shows the service's refusal next to each field it names.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Checkbox from "@codegouvfr/react-dsfr/Checkbox";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import type { FormEvent } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import { shortId } from "../members/model";
import {
  type DebateForm,
  debateBody,
  debateFields,
  emptySpeaker,
  PROPOSER_KINDS,
  type ProposerKind,
  SPEAKER_ROLES,
  type SpeakerRole,
  type SpeakerRow,
  validateDebate,
  validateVersion,
  type VersionForm,
  versionBody,
} from "./model";

export interface Session {
  id?: string;
  title?: string;
  type?: string;
  starts_at?: string;
  workshop_id?: string | null;
}
export interface MemberRef {
  id?: string;
}

function SessionOptions({ sessions }: { sessions: Session[] }) {
  const { dateTime } = useI18n();
  return (
    <>
      {sessions.map((s) => (
        <option key={s.id} value={s.id}>
          {s.title}
          {s.starts_at ? ` — ${dateTime(new Date(s.starts_at))}` : ""}
        </option>
      ))}
    </>
  );
}

const conflict = (t: (k: Key, p?: Record<string, string | number>) => string, error: unknown) =>
  t("console.recommendations.error.conflict", { detail: (error as { detail?: string } | undefined)?.detail ?? "" });

export function VersionFormPanel({
  motionId,
  current,
  sessions,
  members,
  onProposed,
}: {
  motionId: string;
  current: { title: string; text: string };
  sessions: Session[];
  members: MemberRef[];
  onProposed: (version: number) => void;
}) {
  const { t } = useI18n();
  const start: VersionForm = { ...current, session_id: "", kind: "secretariat", member_id: "", organisation: "", note: "" };
  const [f, setF] = useState<VersionForm>(start);
  const [done, setDone] = useState<number | undefined>();
  const [refusal, setRefusal] = useState<string | undefined>();
  const p = `motion-${motionId}-version`;
  const ids = {
    "/title": `${p}-title`,
    "/text": `${p}-text`,
    "/session_id": `${p}-session`,
    "/proposed_by/kind": `${p}-kind`,
    "/proposed_by/member_id": `${p}-member`,
    "/proposed_by/organisation": `${p}-organisation`,
    "/note": `${p}-note`,
  };
  const form = useFieldForm(ids);
  const { errors, general, sending } = form;
  const set = <K extends keyof VersionForm>(k: K) => (value: VersionForm[K]) => setF((x) => ({ ...x, [k]: value }));

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(undefined);
    setRefusal(undefined);
    if (!form.check(validateVersion(f))) return;
    await form.send(async () => {
      const { data, error, response } = await api.recommendations.POST("/v1/motions/{id}/versions", {
        params: { path: { id: motionId } },
        body: versionBody(f),
      });
      if (!data) {
        if (response.status === 409) return setRefusal(conflict(t, error));
        return form.refuse(response.status, error ?? undefined, "/text");
      }
      setDone(data.version);
      setF((x) => ({ ...x, note: "" }));
      onProposed(data.version ?? 0);
    });
  }

  const field = (k: string) => ({ state: stateOf(errors[k]), stateRelatedMessage: messageOf(t, errors[k]) });
  return (
    <section className={fr.cx("fr-mb-4w")} aria-labelledby={`${p}-heading`}>
      <h4 id={`${p}-heading`} className={fr.cx("fr-h6", "fr-mb-1w")}>
        {t("console.motions.version.title")}
      </h4>
      <div aria-live="polite">
        {done !== undefined && <Alert severity="success" small description={t("console.motions.version.done", { version: done })} />}
        {refusal && <Alert severity="error" small description={refusal} />}
        {general && <Alert severity="error" small description={t(general)} />}
      </div>
      <form noValidate onSubmit={submit}>
        <Input
          label={t("console.motions.version.titleField")}
          {...field("/title")}
          nativeInputProps={{ id: ids["/title"], value: f.title, onChange: (e) => set("title")(e.target.value) }}
        />
        <Input
          label={t("console.motions.version.text")}
          textArea
          {...field("/text")}
          nativeTextAreaProps={{ id: ids["/text"], rows: 6, value: f.text, onChange: (e) => set("text")(e.target.value) }}
        />
        <Select
          label={t("console.motions.version.session")}
          hint={t("console.motions.version.session.hint")}
          {...field("/session_id")}
          nativeSelectProps={{ id: ids["/session_id"], value: f.session_id, onChange: (e) => set("session_id")(e.target.value) }}
        >
          <option value="">{t("console.motions.choose")}</option>
          <SessionOptions sessions={sessions} />
        </Select>
        <Select
          label={t("console.motions.version.kind")}
          {...field("/proposed_by/kind")}
          nativeSelectProps={{
            id: ids["/proposed_by/kind"],
            value: f.kind,
            onChange: (e) => set("kind")(e.target.value as ProposerKind),
          }}
        >
          {PROPOSER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`console.motions.version.kind.${k}` as Key)}
            </option>
          ))}
        </Select>
        {f.kind === "member" && (
          <Select
            label={t("console.motions.version.member")}
            {...field("/proposed_by/member_id")}
            nativeSelectProps={{ id: ids["/proposed_by/member_id"], value: f.member_id, onChange: (e) => set("member_id")(e.target.value) }}
          >
            <option value="">{t("console.motions.choose")}</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {t("console.motions.memberLabel", { id: shortId(m.id) })}
              </option>
            ))}
          </Select>
        )}
        {(f.kind === "department" || f.kind === "elected-representative") && (
          <Input
            label={t("console.motions.version.organisation")}
            {...field("/proposed_by/organisation")}
            nativeInputProps={{ id: ids["/proposed_by/organisation"], value: f.organisation, onChange: (e) => set("organisation")(e.target.value) }}
          />
        )}
        <Input
          label={t("console.motions.version.note")}
          {...field("/note")}
          nativeInputProps={{ id: ids["/note"], value: f.note, onChange: (e) => set("note")(e.target.value) }}
        />
        <Button type="submit" disabled={sending}>
          {sending ? t("forms.sending") : t("console.motions.version.submit")}
        </Button>
      </form>
    </section>
  );
}

// The spokespersons: chosen among the workshop's active members; the motion's title, text and
// carried recommendations go with them unchanged (the service's PUT takes them all).
export function SpokespersonsForm({
  motionId,
  current,
  chosen,
  members,
  recommendationIds,
  onSet,
}: {
  motionId: string;
  current: { title: string; text: string };
  chosen: string[];
  members: MemberRef[];
  recommendationIds: string[];
  onSet: (ids: string[]) => void;
}) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<string[]>(chosen);
  const [done, setDone] = useState(false);
  const [refusal, setRefusal] = useState<string | undefined>();
  const p = `motion-${motionId}-spokespersons`;
  const ids = { "/spokespersons": `${p}-0` };
  const form = useFieldForm(ids);
  const { errors, general, sending } = form;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(false);
    setRefusal(undefined);
    if (!form.check({})) return;
    await form.send(async () => {
      const { data, error, response } = await api.recommendations.PUT("/v1/motions/{id}", {
        params: { path: { id: motionId } },
        body: { title: current.title, text: current.text, spokespersons: picked, recommendation_ids: recommendationIds },
      });
      if (!data) {
        if (response.status === 409) return setRefusal(conflict(t, error));
        const problem = error as { errors?: { pointer: string; detail: string }[] } | undefined;
        // A member refused is named by its place in the list: shown on the list.
        const named = problem?.errors?.map((x) => ({ ...x, pointer: x.pointer.replace(/^\/spokespersons\/\d+$/, "/spokespersons") }));
        return form.refuse(response.status, problem ? { ...problem, errors: named } : undefined, "/spokespersons");
      }
      setDone(true);
      onSet(data.spokespersons ?? picked);
    });
  }

  return (
    <form noValidate onSubmit={submit} className={fr.cx("fr-mb-4w")}>
      <Checkbox
        id={p}
        legend={t("console.motions.spokespersons.legend")}
        hintText={t("console.motions.spokespersons.hint")}
        state={stateOf(errors["/spokespersons"])}
        stateRelatedMessage={messageOf(t, errors["/spokespersons"])}
        options={members.map((m) => ({
          label: t("console.motions.memberLabel", { id: shortId(m.id) }),
          nativeInputProps: {
            value: m.id,
            checked: picked.includes(m.id ?? ""),
            onChange: (e) =>
              setPicked((x) => (e.target.checked ? [...x, m.id ?? ""] : x.filter((y) => y !== m.id))),
          },
        }))}
      />
      <div aria-live="polite">
        {done && <Alert severity="success" small description={t("console.motions.spokespersons.done")} />}
        {refusal && <Alert severity="error" small description={refusal} />}
        {general && <Alert severity="error" small description={t(general)} />}
      </div>
      <Button type="submit" priority="secondary" disabled={sending}>
        {sending ? t("forms.sending") : t("console.motions.spokespersons.submit")}
      </Button>
    </form>
  );
}

function SpeakerFields({
  at,
  idPrefix,
  row,
  withSummary,
  errors,
  onChange,
  onRemove,
  number,
}: {
  at: string;
  idPrefix: string;
  row: SpeakerRow;
  withSummary: boolean;
  errors: Record<string, { key: Key; detail?: string } | undefined>;
  onChange: (row: SpeakerRow) => void;
  onRemove: () => void;
  number: number;
}) {
  const { t } = useI18n();
  const field = (k: string) => ({ state: stateOf(errors[`${at}/${k}`]), stateRelatedMessage: messageOf(t, errors[`${at}/${k}`]) });
  return (
    <fieldset className={fr.cx("fr-fieldset", "fr-mb-2w")} aria-labelledby={`${idPrefix}-legend`}>
      <legend id={`${idPrefix}-legend`} className={fr.cx("fr-fieldset__legend")}>
        {t(withSummary ? "console.motions.debate.intervention.n" : "console.motions.debate.speaker.n", { n: number })}
      </legend>
      <div className={fr.cx("fr-fieldset__element")}>
        <Select
          label={t("console.motions.debate.role")}
          {...field("role")}
          nativeSelectProps={{ id: `${idPrefix}-role`, value: row.role, onChange: (e) => onChange({ ...row, role: e.target.value as SpeakerRole }) }}
        >
          {SPEAKER_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`console.motions.debate.role.${r}` as Key)}
            </option>
          ))}
        </Select>
        <Input
          label={t("console.motions.debate.name")}
          hintText={t("console.motions.debate.name.hint")}
          {...field("name")}
          nativeInputProps={{ id: `${idPrefix}-name`, value: row.name, onChange: (e) => onChange({ ...row, name: e.target.value }) }}
        />
        <Checkbox
          id={`${idPrefix}-name_consent`}
          {...field("name_consent")}
          options={[
            {
              label: t("console.motions.debate.consent"),
              nativeInputProps: {
                checked: row.consent,
                onChange: (e) => onChange({ ...row, consent: e.target.checked }),
              },
            },
          ]}
        />
        {withSummary && (
          <Input
            label={t("console.motions.debate.intervention.summary")}
            textArea
            {...field("summary")}
            nativeTextAreaProps={{ id: `${idPrefix}-summary`, rows: 2, value: row.summary, onChange: (e) => onChange({ ...row, summary: e.target.value }) }}
          />
        )}
        <Button type="button" size="small" priority="tertiary" onClick={onRemove}>
          {t(withSummary ? "console.motions.debate.intervention.remove" : "console.motions.debate.speaker.remove", { n: number })}
        </Button>
      </div>
    </fieldset>
  );
}

export function DebateFormPanel({
  motionId,
  plenaries,
  onRecorded,
}: {
  motionId: string;
  plenaries: Session[];
  onRecorded: (debate: unknown) => void;
}) {
  const { t } = useI18n();
  const [f, setF] = useState<DebateForm>({
    plenary_session_id: "",
    presentation_summary: "",
    speakers: [emptySpeaker("spokesperson")],
    interventions: [],
    summary: "",
  });
  const [refusal, setRefusal] = useState<string | undefined>();
  const p = `motion-${motionId}-debate`;
  const idOf = (pointer: string) => `${p}${pointer.replace(/\//g, "-")}`;
  // A checkbox's input is its group's id and its place (DSFR).
  const ids = Object.fromEntries(debateFields(f).map((k) => [k, k.endsWith("/name_consent") ? `${idOf(k)}-0` : idOf(k)]));
  const form = useFieldForm(ids);
  const { errors, general, sending } = form;
  const field = (k: string) => ({ state: stateOf(errors[k]), stateRelatedMessage: messageOf(t, errors[k]) });
  const setRows = (k: "speakers" | "interventions", rows: SpeakerRow[]) => {
    setF((x) => ({ ...x, [k]: rows }));
    form.setErrors({});
  };

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setRefusal(undefined);
    if (!form.check(validateDebate(f))) return;
    await form.send(async () => {
      const { data, error, response } = await api.recommendations.PUT("/v1/motions/{id}/debate", {
        params: { path: { id: motionId } },
        body: debateBody(f),
      });
      if (!data) {
        if (response.status === 409) return setRefusal(conflict(t, error));
        return form.refuse(response.status, error ?? undefined, "/summary");
      }
      onRecorded(data);
    });
  }

  const rows = (k: "speakers" | "interventions", at: string, withSummary: boolean) =>
    f[k].map((row, i) => (
      <SpeakerFields
        key={i}
        at={`${at}/${i}`}
        idPrefix={idOf(`${at}/${i}`)}
        row={row}
        number={i + 1}
        withSummary={withSummary}
        errors={errors}
        onChange={(r) => setRows(k, f[k].map((x, j) => (j === i ? r : x)))}
        onRemove={() => setRows(k, f[k].filter((_, j) => j !== i))}
      />
    ));

  return (
    <section aria-labelledby={`${p}-heading`}>
      <h5 id={`${p}-heading`} className={fr.cx("fr-h6", "fr-mb-1w")}>
        {t("console.motions.debate.form")}
      </h5>
      <div aria-live="polite">
        {refusal && <Alert severity="error" small description={refusal} />}
        {general && <Alert severity="error" small description={t(general)} />}
      </div>
      <form noValidate onSubmit={submit}>
        <Select
          label={t("console.motions.debate.plenary")}
          {...field("/plenary_session_id")}
          nativeSelectProps={{
            id: ids["/plenary_session_id"],
            value: f.plenary_session_id,
            onChange: (e) => setF((x) => ({ ...x, plenary_session_id: e.target.value })),
          }}
        >
          <option value="">{t("console.motions.choose")}</option>
          <SessionOptions sessions={plenaries} />
        </Select>
        <Input
          label={t("console.motions.debate.presentation")}
          textArea
          {...field("/presentation/summary")}
          nativeTextAreaProps={{
            id: ids["/presentation/summary"],
            rows: 3,
            value: f.presentation_summary,
            onChange: (e) => setF((x) => ({ ...x, presentation_summary: e.target.value })),
          }}
        />
        <h6 className={fr.cx("fr-text--md", "fr-text--bold", "fr-mb-1w")}>{t("console.motions.debate.speakers")}</h6>
        {rows("speakers", "/presentation/speakers", false)}
        <Button type="button" size="small" priority="secondary" className={fr.cx("fr-mb-3w")} onClick={() => setRows("speakers", [...f.speakers, emptySpeaker("member")])}>
          {t("console.motions.debate.speaker.add")}
        </Button>
        <h6 className={fr.cx("fr-text--md", "fr-text--bold", "fr-mb-1w")}>{t("console.motions.debate.interventions")}</h6>
        {rows("interventions", "/interventions", true)}
        <Button
          type="button"
          size="small"
          priority="secondary"
          className={fr.cx("fr-mb-3w")}
          onClick={() => setRows("interventions", [...f.interventions, emptySpeaker("elected-representative")])}
        >
          {t("console.motions.debate.intervention.add")}
        </Button>
        <Input
          label={t("console.motions.debate.summary")}
          textArea
          {...field("/summary")}
          nativeTextAreaProps={{ id: ids["/summary"], rows: 4, value: f.summary, onChange: (e) => setF((x) => ({ ...x, summary: e.target.value })) }}
        />
        <Button type="submit" disabled={sending}>
          {sending ? t("forms.sending") : t("console.motions.debate.submit")}
        </Button>
      </form>
    </section>
  );
}

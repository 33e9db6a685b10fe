// Schedule a session (POST /v1/sessions): its kind, workshop (none for a plenary), title, day and
// times in Paris time, place; a site visit names its site, a hearing the people heard (one a
// line, "name, organisation"). Checked as the service checks; its refusals land on their fields.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import { navigate } from "../../router";
import { workshopName, typeKey } from "./CalendarPage";
import { SESSION_TYPES, sessionBody, type SessionDraft, validateSession } from "./model";
import { sectionPath } from "./paths";
import type { Workshop } from "./useWorkshops";

const IDS = {
  "/type": "ws-new-type",
  "/workshop_id": "ws-new-workshop",
  "/title": "ws-new-title",
  "/day": "ws-new-day",
  "/starts_at": "ws-new-start",
  "/ends_at": "ws-new-end",
  "/place": "ws-new-place",
  "/site": "ws-new-site",
  "/speakers": "ws-new-speakers",
};
const EMPTY: SessionDraft = { type: "", workshopId: "", title: "", day: "", start: "", end: "", place: "", site: "", speakers: "" };

export function SessionForm({
  assemblyId,
  workshops,
  plenaries,
}: {
  assemblyId: string;
  workshops: Workshop[];
  plenaries: boolean;
  onCreated?: () => void;
}) {
  const { t, has } = useI18n();
  const [d, setD] = useState<SessionDraft>(EMPTY);
  const form = useFieldForm(IDS);
  const { errors } = form;
  const set = (k: keyof SessionDraft) => (e: { target: { value: string } }) => {
    setD((old) => ({ ...old, [k]: e.target.value }));
  };
  const types = SESSION_TYPES.filter((x) => plenaries || x !== "plenary");

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(validateSession(d))) return;
    await form.send(async () => {
      const { data, error, response } = await api.workshops.POST("/v1/sessions", { body: sessionBody(d, assemblyId) });
      if (!data) {
        // The people heard are one field here, whichever line the service names.
        const problem = error as { errors?: { pointer: string; detail?: string }[] } | undefined;
        for (const e of problem?.errors ?? []) if (e.pointer.startsWith("/speakers/")) e.pointer = "/speakers";
        return form.refuse(response.status, error as never, "/title");
      }
      navigate(sectionPath(assemblyId, "seance", (data as { id: string }).id));
    });
  }

  const input = (field: keyof typeof IDS, key: keyof SessionDraft, label: string, extra: Record<string, unknown> = {}) => (
    <Input
      label={label}
      state={stateOf(errors[field])}
      stateRelatedMessage={messageOf(t, errors[field])}
      nativeInputProps={{ id: IDS[field], name: key, value: d[key], onChange: set(key), ...extra }}
    />
  );

  return (
    <section aria-labelledby="ws-new-title-h" className={fr.cx("fr-mt-6w")}>
      <h2 id="ws-new-title-h">{t("console.workshops.new.title")}</h2>
      {form.general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(form.general)} />}
      <form noValidate onSubmit={submit}>
        <Select
          label={t("console.workshops.form.type")}
          state={stateOf(errors["/type"])}
          stateRelatedMessage={messageOf(t, errors["/type"])}
          nativeSelectProps={{ id: IDS["/type"], name: "type", value: d.type, onChange: set("type") }}
        >
          <option value="" disabled>
            {t("console.workshops.form.choose")}
          </option>
          {types.map((x) => (
            <option key={x} value={x}>
              {t(typeKey(x))}
            </option>
          ))}
        </Select>
        {d.type !== "plenary" && (
          <Select
            label={t("console.workshops.form.workshop")}
            state={stateOf(errors["/workshop_id"])}
            stateRelatedMessage={messageOf(t, errors["/workshop_id"])}
            nativeSelectProps={{ id: IDS["/workshop_id"], name: "workshop", value: d.workshopId, onChange: set("workshopId") }}
          >
            <option value="" disabled>
              {t("console.workshops.form.choose")}
            </option>
            {workshops.map((w) => (
              <option key={w.id} value={w.id}>
                {workshopName(t, has, w)}
              </option>
            ))}
          </Select>
        )}
        {input("/title", "title", t("console.workshops.form.title"))}
        {input("/day", "day", t("console.workshops.form.day"), { type: "date" })}
        <div className="ws-times">
          {input("/starts_at", "start", t("console.workshops.form.start"), { type: "time" })}
          {input("/ends_at", "end", t("console.workshops.form.end"), { type: "time" })}
        </div>
        {input("/place", "place", t("console.workshops.form.place"))}
        {d.type === "site-visit" && input("/site", "site", t("console.workshops.form.site"))}
        {d.type === "hearing" && (
          <Input
            label={t("console.workshops.form.speakers")}
            hintText={t("console.workshops.form.speakers.hint")}
            textArea
            state={stateOf(errors["/speakers"])}
            stateRelatedMessage={messageOf(t, errors["/speakers"])}
            nativeTextAreaProps={{ id: IDS["/speakers"], name: "speakers", rows: 3, value: d.speakers, onChange: set("speakers") }}
          />
        )}
        <Button type="submit" disabled={form.sending}>
          {form.sending ? t("console.workshops.sending") : t("console.workshops.new.submit")}
        </Button>
      </form>
    </section>
  );
}

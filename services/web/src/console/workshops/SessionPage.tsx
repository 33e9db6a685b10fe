// One session: what it is (kind, workshop, time in Paris, place, site, people heard, state and
// its changes), the link to its check-in code, the forms that move it (reschedule) and cancel it,
// each with its reason, its material (documents) and its attendance sheet.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import type { ConsoleProps } from "../sections";
import { AttendanceSheet } from "./AttendanceSheet";
import { typeKey } from "./CalendarPage";
import { parisDay, parisTime, parisToUtc, type Session, validateTimes } from "./model";
import { follow, sectionPath } from "./paths";
import { SessionMaterial } from "./SessionMaterial";

export function SessionPage({ assembly, staff, sessionId }: ConsoleProps & { sessionId: string }) {
  const { t, range, dateTime } = useI18n();
  const [session, setSession] = useState<Session | undefined>();
  const [failed, setFailed] = useState<number | undefined>();
  const [done, setDone] = useState<Key | undefined>();
  const doneRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const { data, response } = await api.workshops.GET("/v1/sessions/{id}/details", { params: { path: { id: sessionId } } });
    if (!data) return setFailed(response.status);
    setSession(data as Session);
  }, [sessionId]);
  useEffect(() => {
    load().catch(() => setFailed(500));
  }, [load]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  if (failed)
    return (
      <Alert
        severity="error"
        small
        description={t(failed === 403 ? "console.workshops.error.forbidden" : failed === 404 ? "console.workshops.error.notFound" : "console.workshops.error.load")}
      />
    );
  if (!session) return <p role="status">{t("console.workshops.loading")}</p>;

  const changed = (s: Session, what: Key) => {
    setSession(s);
    setDone(what);
  };

  return (
    <div>
      <h1>{session.title}</h1>
      <div ref={doneRef} tabIndex={-1}>
        {done && <Alert severity="success" small role="status" description={t(done)} />}
      </div>
      <dl className="ws-facts">
        <dt>{t("console.workshops.form.type")}</dt>
        <dd>{t(typeKey(session.type))}</dd>
        <dt>{t("console.workshops.when")}</dt>
        <dd>{session.starts_at && session.ends_at ? range(new Date(session.starts_at), new Date(session.ends_at)) : ""}</dd>
        <dt>{t("console.workshops.form.place")}</dt>
        <dd>{session.place || "—"}</dd>
        {session.site && (
          <>
            <dt>{t("console.workshops.form.site")}</dt>
            <dd>{session.site}</dd>
          </>
        )}
        {(session.speakers ?? []).length > 0 && (
          <>
            <dt>{t("console.workshops.speakers")}</dt>
            <dd>
              <ul>
                {(session.speakers ?? []).map((p, i) => (
                  <li key={i}>{[p.name, p.organisation].filter(Boolean).join(", ")}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t("console.workshops.state")}</dt>
        <dd>
          {t(`console.workshops.state.${session.state ?? "scheduled"}` as Key)}
          {session.state_reason ? ` — ${session.state_reason}` : ""}
        </dd>
      </dl>
      {(session.changes ?? []).length > 1 && (
        <details>
          <summary>{t("console.workshops.changes")}</summary>
          <ul>
            {(session.changes ?? []).map((c, i) => (
              <li key={i}>
                {c.at ? dateTime(new Date(c.at)) : ""} — {c.change}
                {typeof c.detail?.reason === "string" ? ` : ${c.detail.reason}` : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
      {session.checkin_code && session.state === "scheduled" && (
        <p className={fr.cx("fr-mt-2w")}>
          <a className={fr.cx("fr-btn", "fr-btn--secondary")} href={sectionPath(assembly.id, "seance", session.id, "code")} onClick={follow}>
            {t("console.workshops.code.show")}
          </a>
        </p>
      )}
      {session.state === "scheduled" && (
        <>
          <Reschedule session={session} onDone={(s) => changed(s, "console.workshops.moved")} />
          <Held session={session} onDone={(s) => changed(s, "console.workshops.held.done")} />
          <Cancel session={session} onDone={(s) => changed(s, "console.workshops.cancelled")} />
        </>
      )}
      <SessionMaterial session={session} staff={staff} />
      {session.state !== "cancelled" && <AttendanceSheet session={session} />}
    </div>
  );
}

const MOVE_IDS = { "/day": "ws-move-day", "/starts_at": "ws-move-start", "/ends_at": "ws-move-end", "/reason": "ws-move-reason" };

function Reschedule({ session, onDone }: { session: Session; onDone: (s: Session) => void }) {
  const { t } = useI18n();
  const [day, setDay] = useState(session.starts_at ? parisDay(session.starts_at) : "");
  const [start, setStart] = useState(session.starts_at ? parisTime(session.starts_at) : "");
  const [end, setEnd] = useState(session.ends_at ? parisTime(session.ends_at) : "");
  const [reason, setReason] = useState("");
  const form = useFieldForm(MOVE_IDS);
  const { errors } = form;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const found = validateTimes(day, start, end);
    if (!reason.trim()) found["/reason"] = { key: "console.workshops.reason.missing" };
    if (!form.check(found)) return;
    await form.send(async () => {
      const { data, error, response } = await api.workshops.POST("/v1/sessions/{id}/reschedule", {
        params: { path: { id: session.id } },
        body: { starts_at: parisToUtc(day, start) ?? "", ends_at: parisToUtc(day, end) ?? "", reason: reason.trim() },
      });
      if (!data) return form.refuse(response.status, error as never, "/starts_at");
      setReason("");
      onDone(data as Session);
    });
  }
  const field = (f: keyof typeof MOVE_IDS, label: string, value: string, set: (v: string) => void, type = "text") => (
    <Input
      label={label}
      state={stateOf(errors[f])}
      stateRelatedMessage={messageOf(t, errors[f])}
      nativeInputProps={{ id: MOVE_IDS[f], type, value, onChange: (e) => set(e.target.value) }}
    />
  );
  return (
    <section aria-labelledby="ws-move-h" className={fr.cx("fr-mt-4w")}>
      <h2 id="ws-move-h">{t("console.workshops.move.title")}</h2>
      {form.general && <Alert severity="error" small description={t(form.general)} />}
      <form noValidate onSubmit={submit}>
        {field("/day", t("console.workshops.form.day"), day, setDay, "date")}
        {field("/starts_at", t("console.workshops.form.start"), start, setStart, "time")}
        {field("/ends_at", t("console.workshops.form.end"), end, setEnd, "time")}
        {field("/reason", t("console.workshops.reason"), reason, setReason)}
        <Button type="submit" disabled={form.sending}>
          {t("console.workshops.move.submit")}
        </Button>
      </form>
    </section>
  );
}

function Held({ session, onDone }: { session: Session; onDone: (s: Session) => void }) {
  const { t } = useI18n();
  const [minutes, setMinutes] = useState("");
  const form = useFieldForm({ "/minutes": "ws-held-minutes" });
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    await form.send(async () => {
      const { data, error, response } = await api.workshops.POST("/v1/sessions/{id}/held", {
        params: { path: { id: session.id } },
        body: minutes.trim() ? { minutes } : {},
      });
      if (!data) return form.refuse(response.status, error as never, "/minutes");
      onDone(data as Session);
    });
  }
  return (
    <section aria-labelledby="ws-held-h" className={fr.cx("fr-mt-4w")}>
      <h2 id="ws-held-h">{t("console.workshops.held.title")}</h2>
      {form.general && <Alert severity="error" small description={t(form.general)} />}
      <form noValidate onSubmit={submit}>
        <Input
          label={t("console.workshops.held.minutes")}
          hintText={t("console.workshops.held.hint")}
          textArea
          state={stateOf(form.errors["/minutes"])}
          stateRelatedMessage={messageOf(t, form.errors["/minutes"])}
          nativeTextAreaProps={{ id: "ws-held-minutes", rows: 4, value: minutes, onChange: (e) => setMinutes(e.target.value) }}
        />
        <Button type="submit" priority="secondary" disabled={form.sending}>
          {t("console.workshops.held.submit")}
        </Button>
      </form>
    </section>
  );
}

function Cancel({ session, onDone }: { session: Session; onDone: (s: Session) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const form = useFieldForm({ "/reason": "ws-cancel-reason" });
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(reason.trim() ? {} : { "/reason": { key: "console.workshops.reason.missing" } })) return;
    await form.send(async () => {
      const { data, error, response } = await api.workshops.POST("/v1/sessions/{id}/cancel", {
        params: { path: { id: session.id } },
        body: { reason: reason.trim() },
      });
      if (!data) return form.refuse(response.status, error as never, "/reason");
      onDone(data as Session);
    });
  }
  return (
    <section aria-labelledby="ws-cancel-h" className={fr.cx("fr-mt-4w")}>
      <h2 id="ws-cancel-h">{t("console.workshops.cancel.title")}</h2>
      {form.general && <Alert severity="error" small description={t(form.general)} />}
      <form noValidate onSubmit={submit}>
        <Input
          label={t("console.workshops.reason")}
          hintText={t("console.workshops.cancel.hint")}
          state={stateOf(form.errors["/reason"])}
          stateRelatedMessage={messageOf(t, form.errors["/reason"])}
          nativeInputProps={{ id: "ws-cancel-reason", value: reason, onChange: (e) => setReason(e.target.value) }}
        />
        <Button type="submit" priority="secondary" disabled={form.sending}>
          {t("console.workshops.cancel.submit")}
        </Button>
      </form>
    </section>
  );
}

// Check-in to a session with the code given in the room (POST /v1/sessions/{id}/check-in, from
// an hour before the session to an hour after it): the member picks the session (the one open
// now is chosen for them) and types the code.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import { api } from "../api/client";
import { useI18n } from "../i18n/i18n";
import { useFormErrors, useMessage } from "../forms/forms";
import { likelySession, normaliseCheckInCode, outcomeOf, type Session, validateCheckIn } from "./model";
import type { SectionProps } from "./sections";
import { useMyWorkshop } from "./useMyWorkshop";

const FIELDS = ["/session", "/code"];
const idOf = (f: string) => (f === "/session" ? "member-checkin-session" : "member-checkin-code");

export function CheckInSection({ member }: SectionProps) {
  const { t, range } = useI18n();
  const message = useMessage();
  const { mine } = useMyWorkshop(member);
  const [sessionId, setSessionId] = useState("");
  const [code, setCode] = useState("");
  const form = useFormErrors(FIELDS, idOf);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<Session | undefined>();
  const doneRef = useRef<HTMLDivElement>(null);

  const sessions = mine.state === "ready" ? mine.sessions.filter((s) => s.state !== "cancelled") : [];
  useEffect(() => {
    if (mine.state === "ready" && !sessionId) setSessionId(likelySession(mine.sessions, new Date())?.id ?? "");
  }, [mine, sessionId]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const label = (s: Session) =>
    s.starts_at && s.ends_at ? `${s.title} — ${range(new Date(s.starts_at), new Date(s.ends_at))}` : (s.title ?? "");

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (sending) return;
    setDone(undefined);
    if (!form.report(validateCheckIn(sessionId, code))) return;
    setSending(true);
    try {
      const { data, error, response } = await api.workshops.POST("/v1/sessions/{id}/check-in", {
        params: { path: { id: sessionId } },
        body: { code: normaliseCheckInCode(code) },
      });
      if (data) {
        setCode("");
        setDone(sessions.find((s) => s.id === sessionId));
        return;
      }
      const out = outcomeOf(response.status, error as never, FIELDS, "/code");
      if (response.status === 409) out.general = "member.checkIn.closed";
      // A wrong code and a session not the member's are refused alike, at the code.
      if (out.fields["/code"]) out.fields["/code"] = { key: "member.checkIn.code.refused" };
      form.report(out.fields, out.general);
    } catch {
      form.report({}, "member.error.server");
    } finally {
      setSending(false);
    }
  }

  return (
    <div>
      <h1>{t("member.checkIn.title")}</h1>
      <p>{t("member.checkIn.intro")}</p>
      <div ref={doneRef} tabIndex={-1}>
        {done && (
          <Alert
            severity="success"
            small
            role="status"
            description={t("member.checkIn.done", { session: label(done) })}
          />
        )}
      </div>
      <div ref={form.generalRef} tabIndex={-1}>
        {form.general && <Alert severity="error" small description={t(form.general)} />}
      </div>
      {mine.state === "loading" && <p role="status">{t("member.loading")}</p>}
      {mine.state === "failed" && <Alert severity="error" small description={t("member.error.server")} />}
      {mine.state === "ready" && sessions.length === 0 && <p>{t("member.workshop.noSessions")}</p>}
      {sessions.length > 0 && (
        <form noValidate onSubmit={submit} className={fr.cx("fr-mt-2w")}>
          <Select
            label={t("member.checkIn.session.label")}
            state={form.stateOf("/session")}
            stateRelatedMessage={message(form.errors["/session"])}
            nativeSelectProps={{
              id: "member-checkin-session",
              name: "session",
              value: sessionId,
              onChange: (e) => {
                setSessionId(e.target.value);
                form.settle("/session");
              },
            }}
          >
            <option value="" disabled>
              {t("member.checkIn.session.choose")}
            </option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {label(s)}
              </option>
            ))}
          </Select>
          <Input
            label={t("member.checkIn.code.label")}
            hintText={t("member.checkIn.code.hint")}
            state={form.stateOf("/code")}
            stateRelatedMessage={message(form.errors["/code"])}
            nativeInputProps={{
              id: "member-checkin-code",
              name: "code",
              autoComplete: "off",
              autoCapitalize: "characters",
              spellCheck: false,
              maxLength: 16,
              value: code,
              onChange: (e) => {
                setCode(e.target.value);
                form.settle("/code");
              },
            }}
          />
          <Button type="submit" disabled={sending}>
            {sending ? t("member.sending") : t("member.checkIn.submit")}
          </Button>
        </form>
      )}
    </div>
  );
}

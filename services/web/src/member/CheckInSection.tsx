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
import type { Key } from "../i18n/messages";
import { stateOf, useFocusFirstError, useMessage, without } from "./forms";
import { type FieldErrors, likelySession, normaliseCheckInCode, outcomeOf, type Session, validateCheckIn } from "./model";
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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Key | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<Session | undefined>();
  const doneRef = useRef<HTMLDivElement>(null);
  const generalRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(attempt, errors, FIELDS, idOf);

  const sessions = mine.state === "ready" ? mine.sessions.filter((s) => s.state !== "cancelled") : [];
  useEffect(() => {
    if (mine.state === "ready" && !sessionId) setSessionId(likelySession(mine.sessions, new Date())?.id ?? "");
  }, [mine, sessionId]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  useEffect(() => {
    if (general && attempt > 0) generalRef.current?.focus();
  }, [general, attempt]);

  const label = (s: Session) =>
    s.starts_at && s.ends_at ? `${s.title} — ${range(new Date(s.starts_at), new Date(s.ends_at))}` : (s.title ?? "");

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (sending) return;
    setGeneral(undefined);
    setDone(undefined);
    const found = validateCheckIn(sessionId, code);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
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
      setErrors(out.fields);
      setGeneral(out.general);
      setAttempt((n) => n + 1);
    } catch {
      setGeneral("member.error.server");
      setAttempt((n) => n + 1);
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
      <div ref={generalRef} tabIndex={-1}>
        {general && <Alert severity="error" small description={t(general)} />}
      </div>
      {mine.state === "loading" && <p role="status">{t("member.loading")}</p>}
      {mine.state === "failed" && <Alert severity="error" small description={t("member.error.server")} />}
      {mine.state === "ready" && sessions.length === 0 && <p>{t("member.workshop.noSessions")}</p>}
      {sessions.length > 0 && (
        <form noValidate onSubmit={submit} className={fr.cx("fr-mt-2w")}>
          <Select
            label={t("member.checkIn.session.label")}
            state={stateOf(errors, "/session")}
            stateRelatedMessage={message(errors["/session"])}
            nativeSelectProps={{
              id: "member-checkin-session",
              name: "session",
              value: sessionId,
              onChange: (e) => {
                setSessionId(e.target.value);
                setErrors((x) => without(x, "/session"));
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
            state={stateOf(errors, "/code")}
            stateRelatedMessage={message(errors["/code"])}
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
                setErrors((x) => without(x, "/code"));
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

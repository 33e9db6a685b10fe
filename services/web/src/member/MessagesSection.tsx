// My messages (/espace-membre/messages, the List-Unsubscribe address of the optional e-mails):
// which kinds of message the member receives (notifications, GET/PUT /v1/members/{id}/preferences
// `{refused: [kinds]}`; the mandatory ones shown ticked and not changeable) and the messages the
// service made for them with their outcome in words (GET /v1/members/{id}/messages).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import { api } from "../api/client";
import { Table } from "../console/ui/Table";
import { useFormErrors, useMessage } from "../forms/forms";
import { problemFields } from "../forms/problem";
import { useI18n } from "../i18n/i18n";
import type { Key } from "../i18n/messages";
import { useKindWords } from "../notifications/words";
import { outcomeOf } from "./model";
import {
  type KindChoice,
  kindControlId,
  kindField,
  type Message,
  newestFirst,
  receiving,
  refusalAlias,
  refusedOf,
  stateKey,
} from "./notifications";
import type { SectionProps } from "./sections";

export function MessagesSection({ memberId }: SectionProps) {
  const { t } = useI18n();
  return (
    <div>
      <h1>{t("member.messages.title")}</h1>
      <p>{t("member.messages.intro")}</p>
      <Choices memberId={memberId} />
      <SentMessages memberId={memberId} />
    </div>
  );
}

function Choices({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const message = useMessage();
  const words = useKindWords();
  const [kinds, setKinds] = useState<KindChoice[] | undefined>();
  const [receive, setReceive] = useState<Record<string, boolean>>({});
  const [loadFailed, setLoadFailed] = useState<Key | undefined>();
  const [sending, setSending] = useState(false);
  const [saved, setSaved] = useState(false);
  const savedRef = useRef<HTMLDivElement>(null);
  const fields = (kinds ?? []).map((k) => kindField(k.kind));
  const errs = useFormErrors(fields, kindControlId);

  const show = (list: KindChoice[]) => {
    setKinds(list);
    setReceive(receiving(list));
  };
  useEffect(() => {
    api.notifications.GET("/v1/members/{id}/preferences", { params: { path: { id: memberId } } }).then(
      ({ data, response }) => {
        if (data) show(data.kinds);
        else setLoadFailed(response.status === 403 ? "member.error.forbidden" : "member.error.server");
      },
      () => setLoadFailed("member.error.server"),
    );
  }, [memberId]);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  const title = <h2>{t("member.messages.choices.title")}</h2>;
  if (loadFailed)
    return (
      <section className={fr.cx("fr-mb-6w")}>
        {title}
        <Alert severity="error" small description={t(loadFailed)} />
      </section>
    );
  if (!kinds)
    return (
      <section className={fr.cx("fr-mb-6w")}>
        {title}
        <p role="status">{t("member.loading")}</p>
      </section>
    );

  const toggle = (kind: string, on: boolean) => {
    setReceive((r) => ({ ...r, [kind]: on }));
    errs.settle(kindField(kind));
    setSaved(false);
  };

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (sending || !kinds) return;
    setSaved(false);
    const refused = refusedOf(kinds, receive);
    // Nothing to check before sending: only optional kinds can be unticked.
    errs.report({});
    setSending(true);
    try {
      const { data, error, response } = await api.notifications.PUT("/v1/members/{id}/preferences", {
        params: { path: { id: memberId } },
        body: { refused },
      });
      if (data) {
        show(data.kinds);
        setSaved(true);
        return;
      }
      const fallback = kindField(refused[0] ?? kinds.find((k) => !k.mandatory)?.kind ?? kinds[0]?.kind ?? "");
      if (response.status === 400 || response.status === 422)
        errs.report(problemFields(error as never, fields, fallback, "member.error.field", refusalAlias(refused)));
      else errs.report({}, outcomeOf(response.status, undefined, fields, fallback).general);
    } catch {
      errs.report({}, "member.error.server");
    } finally {
      setSending(false);
    }
  }

  return (
    <section className={fr.cx("fr-mb-6w")}>
      <div ref={savedRef} tabIndex={-1}>
        {saved && <Alert severity="success" small role="status" description={t("member.messages.choices.saved")} />}
      </div>
      <div ref={errs.generalRef} tabIndex={-1}>
        {errs.general && <Alert severity="error" small description={t(errs.general)} />}
      </div>
      <form noValidate onSubmit={submit} id="member-messages-choices">
        <fieldset className={fr.cx("fr-fieldset")} aria-describedby="member-messages-choices-hint">
          <legend className={fr.cx("fr-fieldset__legend")}>
            <h2 className={fr.cx("fr-h4", "fr-mb-0")}>{t("member.messages.choices.title")}</h2>
          </legend>
          <p id="member-messages-choices-hint" className={fr.cx("fr-hint-text", "fr-fieldset__element")}>
            {t("member.messages.choices.hint")}
          </p>
          {kinds.map((k) => {
            const field = kindField(k.kind);
            const id = kindControlId(field);
            const error = errs.errors[field];
            const text = words.text(k.kind);
            return (
              <div key={k.kind} className={fr.cx("fr-fieldset__element")}>
                <div className={fr.cx("fr-checkbox-group", error && "fr-checkbox-group--error")}>
                  <input
                    type="checkbox"
                    id={id}
                    name="receive"
                    value={k.kind}
                    checked={k.mandatory || receive[k.kind] !== false}
                    disabled={k.mandatory}
                    aria-describedby={`${id}-messages`}
                    onChange={(e) => toggle(k.kind, e.target.checked)}
                  />
                  <label className={fr.cx("fr-label")} htmlFor={id}>
                    {words.label(k.kind)}
                    <span className={fr.cx("fr-hint-text")}>
                      {k.mandatory
                        ? `${text}${text ? " — " : ""}${t("member.messages.choices.mandatory")}`
                        : text}
                    </span>
                  </label>
                  <div className={fr.cx("fr-messages-group")} id={`${id}-messages`} aria-live="assertive">
                    {error && (
                      <p className={fr.cx("fr-message", "fr-message--error")} id={`${id}-error`}>
                        {message(error)}
                      </p>
                    )}
                  </div>
                </div>
              </div>
            );
          })}
        </fieldset>
        <Button type="submit" disabled={sending}>
          {sending ? t("member.sending") : t("member.messages.choices.submit")}
        </Button>
      </form>
    </section>
  );
}

function SentMessages({ memberId }: { memberId: string }) {
  const { t, dateTime } = useI18n();
  const words = useKindWords();
  const [items, setItems] = useState<Message[] | undefined>();
  const [failed, setFailed] = useState<Key | undefined>();
  const load = useCallback(async () => {
    const { data, response } = await api.notifications.GET("/v1/members/{id}/messages", {
      params: { path: { id: memberId } },
    });
    if (data) setItems(newestFirst(data.items));
    else setFailed(response.status === 403 ? "member.error.forbidden" : "member.error.server");
  }, [memberId]);
  useEffect(() => {
    load().catch(() => setFailed("member.error.server"));
  }, [load]);

  return (
    <section>
      <h2>{t("member.messages.sent.title")}</h2>
      {failed && <Alert severity="error" small description={t(failed)} />}
      {!failed && items === undefined && <p role="status">{t("member.loading")}</p>}
      {items && items.length === 0 && <p id="member-messages-none">{t("member.messages.sent.none")}</p>}
      {items && items.length > 0 && (
        <Table
          caption={t("member.messages.sent.caption")}
          headers={[t("member.messages.sent.date"), t("member.messages.sent.kind"), t("member.messages.sent.state")]}
          sorted={["descending", undefined, undefined]}
          keys={items.map((m) => m.id)}
          rows={items.map((m) => [dateTime(new Date(m.created_at)), words.label(m.kind), t(stateKey(m.state))])}
        />
      )}
    </section>
  );
}

// My status and what comes next: the member's status in the assembly and, as membership allows,
// confirm or decline the invitation (a decline with its reason: POST /v1/members/{id}/confirm,
// /decline), or leave the assembly (a reason, then a confirmation: /withdraw).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import ButtonsGroup from "@codegouvfr/react-dsfr/ButtonsGroup";
import Input from "@codegouvfr/react-dsfr/Input";
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import { api } from "../api/client";
import { useI18n } from "../i18n/i18n";
import type { Key } from "../i18n/messages";
import { useFormErrors, useMessage } from "../forms/forms";
import { type Member, outcomeOf, REASON_MAX, validateReason } from "./model";
import type { SectionProps } from "./sections";

type Action = "confirm" | "decline" | "withdraw";
type Status = Member["status"];

const NEXT: Record<NonNullable<Status>, Key> = {
  selected: "member.status.next.selected",
  invited: "member.status.next.invited",
  confirmed: "member.status.next.confirmed",
  declined: "member.status.next.declined",
  active: "member.status.next.active",
  withdrawn: "member.status.next.withdrawn",
  completed: "member.status.next.completed",
};

export function StatusSection({ member, memberId, update }: SectionProps) {
  const { t, dateTime } = useI18n();
  const message = useMessage();
  const status = member.status ?? "selected";
  const [reason, setReason] = useState("");
  const form = useFormErrors(["/reason"], () => "member-reason");
  const [sending, setSending] = useState(false);
  const [asking, setAsking] = useState(false); // the withdrawal waits for its confirmation
  const [done, setDone] = useState<Key | undefined>();
  const doneRef = useRef<HTMLDivElement>(null);
  const askRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  useEffect(() => {
    if (asking) askRef.current?.focus();
  }, [asking]);

  async function act(action: Action) {
    setSending(true);
    try {
      const params = { path: { id: memberId } };
      const body = action === "confirm" ? {} : { reason: reason.trim() };
      const { data, error, response } =
        action === "confirm"
          ? await api.membership.POST("/v1/members/{id}/confirm", { params, body })
          : action === "decline"
            ? await api.membership.POST("/v1/members/{id}/decline", { params, body })
            : await api.membership.POST("/v1/members/{id}/withdraw", { params, body });
      setAsking(false);
      if (data) {
        update(data);
        setReason("");
        setDone(`member.status.done.${action}`);
        return;
      }
      const out = outcomeOf(response.status, error as never, ["/reason"], "/reason");
      form.report(out.fields, out.general);
      // Changed meanwhile (by the secretariat, another tab): the page follows the record.
      if (response.status === 409) {
        const again = await api.membership.GET("/v1/members/{id}", { params });
        if (again.data) update(again.data);
      }
    } catch {
      setAsking(false);
      form.report({}, "member.error.server");
    } finally {
      setSending(false);
    }
  }

  // Decline and withdraw: the reason first; a withdrawal then asks to be confirmed.
  function submitReason(action: "decline" | "withdraw") {
    return (ev: FormEvent) => {
      ev.preventDefault();
      if (sending) return;
      setDone(undefined);
      if (!form.report(validateReason(reason))) return;
      if (action === "withdraw") setAsking(true);
      else void act("decline");
    };
  }

  const reasonField = (label: Key, hint: Key) => (
    <Input
      textArea
      label={t(label)}
      hintText={t(hint, { max: REASON_MAX })}
      state={form.stateOf("/reason")}
      stateRelatedMessage={message(form.errors["/reason"])}
      nativeTextAreaProps={{
        id: "member-reason",
        name: "reason",
        rows: 3,
        value: reason,
        disabled: asking,
        onChange: (e) => {
          setReason(e.target.value);
          form.settle("/reason");
        },
      }}
    />
  );

  return (
    <div>
      <h1>{t("member.status.title")}</h1>
      <p className={fr.cx("fr-text--lead")} id="member-status">
        {t("member.status.current", { status: t(`member.status.value.${status}`) })}
        {member.status_changed_at && (
          <>
            {" "}
            {t("member.status.since", { date: dateTime(new Date(member.status_changed_at)) })}
          </>
        )}
      </p>
      <p>{t(NEXT[status])}</p>
      <div ref={doneRef} tabIndex={-1}>
        {done && <Alert severity="success" small role="status" description={t(done)} />}
      </div>
      <div ref={form.generalRef} tabIndex={-1}>
        {form.general && <Alert severity="error" small description={t(form.general)} />}
      </div>

      {status === "invited" && (
        <>
          <h2 className={fr.cx("fr-mt-4w")}>{t("member.status.confirm.title")}</h2>
          <p>{t("member.status.confirm.text")}</p>
          <Button disabled={sending} onClick={() => void act("confirm")}>
            {t("member.status.confirm.button")}
          </Button>
          <h2 className={fr.cx("fr-mt-6w")}>{t("member.status.decline.title")}</h2>
          <form noValidate onSubmit={submitReason("decline")}>
            {reasonField("member.status.decline.reason", "member.reason.hint")}
            <Button type="submit" priority="secondary" disabled={sending}>
              {t("member.status.decline.button")}
            </Button>
          </form>
        </>
      )}

      {(status === "confirmed" || status === "active") && (
        <>
          <h2 className={fr.cx("fr-mt-6w")}>{t("member.status.withdraw.title")}</h2>
          <p>{t("member.status.withdraw.text")}</p>
          <form noValidate onSubmit={submitReason("withdraw")}>
            {reasonField("member.status.withdraw.reason", "member.reason.hint")}
            {!asking && (
              <Button type="submit" priority="secondary" disabled={sending}>
                {t("member.status.withdraw.button")}
              </Button>
            )}
          </form>
          {asking && (
            <div className={fr.cx("fr-alert", "fr-alert--warning", "fr-mt-2w")} id="member-withdraw-confirm">
              <h3 ref={askRef} tabIndex={-1} className={fr.cx("fr-alert__title")}>
                {t("member.status.withdraw.confirmTitle")}
              </h3>
              <p>{t("member.status.withdraw.confirmText")}</p>
              <ButtonsGroup
                className={fr.cx("fr-mt-2w")}
                inlineLayoutWhen="md and up"
                buttons={[
                  {
                    children: t("member.status.withdraw.confirmYes"),
                    disabled: sending,
                    onClick: () => void act("withdraw"),
                  },
                  {
                    children: t("member.status.withdraw.confirmNo"),
                    priority: "secondary",
                    disabled: sending,
                    onClick: () => setAsking(false),
                  },
                ]}
              />
            </div>
          )}
        </>
      )}
    </div>
  );
}

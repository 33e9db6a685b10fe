// My data: everything membership holds about the member as a JSON file
// (GET /v1/members/{id}/export), their consents (GET/POST /consents: a change is a new record;
// here the follow-up consent, given or withdrawn on the web) and their contact details and
// preferences (GET/PUT /contact: how and in which language to be reached).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import RadioButtons from "@codegouvfr/react-dsfr/RadioButtons";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import { api } from "../api/client";
import { useI18n } from "../i18n/i18n";
import type { Key } from "../i18n/messages";
import { useFormErrors, useMessage } from "../forms/forms";
import {
  type Channel,
  type Consent,
  CONTACT_FIELDS,
  contactBody,
  type ContactForm,
  contactForm,
  outcomeOf,
  parisDate,
  validateContact,
} from "./model";
import type { SectionProps } from "./sections";

// The consent a member gives or withdraws here, and the version of its text (the catalogue's
// member.consent.follow-up.text).
export const FOLLOW_UP = "follow-up";
export const FOLLOW_UP_TEXT_VERSION = "web-1";

export function DataSection({ memberId }: SectionProps) {
  const { t } = useI18n();
  return (
    <div>
      <h1>{t("member.data.title")}</h1>
      <ExportData memberId={memberId} />
      <Consents memberId={memberId} />
      <ContactDetails memberId={memberId} />
    </div>
  );
}

function ExportData({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<"idle" | "sending" | "done" | "failed">("idle");
  async function download() {
    setState("sending");
    try {
      const { data } = await api.membership.GET("/v1/members/{id}/export", {
        params: { path: { id: memberId } },
        parseAs: "text",
      });
      if (data === undefined) throw new Error("export");
      const url = URL.createObjectURL(new Blob([data], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `mes-donnees-${memberId}.json`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      setState("done");
    } catch {
      setState("failed");
    }
  }
  return (
    <section className={fr.cx("fr-mb-6w")}>
      <h2>{t("member.data.export.title")}</h2>
      <p>{t("member.data.export.text")}</p>
      <Button iconId="fr-icon-download-line" disabled={state === "sending"} onClick={() => void download()}>
        {t("member.data.export.button")}
      </Button>
      <div role="status" className={fr.cx("fr-mt-2w")}>
        {state === "done" && <Alert severity="success" small description={t("member.data.export.done")} />}
      </div>
      {state === "failed" && <Alert severity="error" small description={t("member.error.server")} />}
    </section>
  );
}

function Consents({ memberId }: { memberId: string }) {
  const { t, has, dateTime } = useI18n();
  const [items, setItems] = useState<Consent[] | undefined | null>();
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    const { data } = await api.membership.GET("/v1/members/{id}/consents", { params: { path: { id: memberId } } });
    setItems(data?.items ?? null);
  }, [memberId]);
  useEffect(() => {
    load().catch(() => setItems(null));
  }, [load]);

  // The latest record of a purpose is its state (a withdrawal is a new record).
  const latest = (purpose: string) =>
    (items ?? [])
      .filter((c) => c.purpose === purpose)
      .sort((a, b) => (a.recorded_at ?? "").localeCompare(b.recorded_at ?? ""))
      .at(-1);
  const followUp = latest(FOLLOW_UP)?.given === true;

  async function record(given: boolean) {
    setSending(true);
    setFailed(false);
    try {
      const { data } = await api.membership.POST("/v1/members/{id}/consents", {
        params: { path: { id: memberId } },
        body: {
          purpose: FOLLOW_UP,
          text_version: FOLLOW_UP_TEXT_VERSION,
          given,
          given_on: parisDate(new Date()),
          channel: "web",
        },
      });
      if (!data) throw new Error("consent");
      await load();
    } catch {
      setFailed(true);
    } finally {
      setSending(false);
    }
  }

  const purposeLabel = (p: string) => (has(`member.consent.${p}`) ? t(`member.consent.${p}` as Key) : p);
  return (
    <section className={fr.cx("fr-mb-6w")}>
      <h2>{t("member.data.consents.title")}</h2>
      {items === undefined && <p role="status">{t("member.loading")}</p>}
      {items === null && <Alert severity="error" small description={t("member.error.server")} />}
      {items && items.length === 0 && <p>{t("member.data.consents.none")}</p>}
      {items && items.length > 0 && (
        <ul id="member-consents">
          {items.map((c) => (
            <li key={c.id}>
              {t(c.given ? "member.data.consents.given" : "member.data.consents.refused", {
                purpose: purposeLabel(c.purpose ?? ""),
                date: c.recorded_at ? dateTime(new Date(c.recorded_at)) : (c.given_on ?? ""),
              })}
            </li>
          ))}
        </ul>
      )}
      <h3 className={fr.cx("fr-h6", "fr-mt-3w")}>{t("member.consent.follow-up")}</h3>
      <p>{t("member.consent.follow-up.text")}</p>
      <p id="member-follow-up-state">
        {t(followUp ? "member.data.consents.followUpOn" : "member.data.consents.followUpOff")}
      </p>
      {items && (
        <Button priority="secondary" disabled={sending} onClick={() => void record(!followUp)}>
          {t(followUp ? "member.data.consents.withdraw" : "member.data.consents.give")}
        </Button>
      )}
      {failed && <Alert className={fr.cx("fr-mt-2w")} severity="error" small description={t("member.error.server")} />}
    </section>
  );
}

const CHANNELS: Channel[] = ["email", "sms", "phone", "post"];
const contactId = (f: string) =>
  f === "/preferred_channel" ? "member-contact-channel-0" : f === "/language" ? "member-contact-language-0" : `member-contact-${f.slice(1)}`;

function ContactDetails({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const message = useMessage();
  const [form, setForm] = useState<ContactForm | undefined>();
  const [loadFailed, setLoadFailed] = useState(false);
  const errs = useFormErrors(CONTACT_FIELDS, contactId);
  const [sending, setSending] = useState(false);
  const [saved, setSaved] = useState(false);
  const savedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    api.membership.GET("/v1/members/{id}/contact", { params: { path: { id: memberId } } }).then(
      ({ data, response }) => {
        if (data || response.status === 404) setForm(contactForm(data));
        else setLoadFailed(true);
      },
      () => setLoadFailed(true),
    );
  }, [memberId]);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  if (loadFailed)
    return (
      <section>
        <h2>{t("member.data.contact.title")}</h2>
        <Alert severity="error" small description={t("member.error.server")} />
      </section>
    );
  if (!form)
    return (
      <section>
        <h2>{t("member.data.contact.title")}</h2>
        <p role="status">{t("member.loading")}</p>
      </section>
    );

  const set = (k: keyof ContactForm, v: string) => {
    setForm((f) => f && { ...f, [k]: v });
    errs.settle(`/${k}`);
    setSaved(false);
  };

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (sending || !form) return;
    setSaved(false);
    if (!errs.report(validateContact(form))) return;
    setSending(true);
    try {
      const { data, error, response } = await api.membership.PUT("/v1/members/{id}/contact", {
        params: { path: { id: memberId } },
        body: contactBody(form),
      });
      if (data) {
        setForm(contactForm(data));
        setSaved(true);
        return;
      }
      const out = outcomeOf(response.status, error as never, CONTACT_FIELDS, "/preferred_channel");
      errs.report(out.fields, out.general);
    } catch {
      errs.report({}, "member.error.server");
    } finally {
      setSending(false);
    }
  }

  const text = (k: "name" | "email" | "phone" | "address", type: string, autoComplete: string) => (
    <Input
      label={t(`member.contact.${k}`)}
      state={errs.stateOf(`/${k}`)}
      stateRelatedMessage={message(errs.errors[`/${k}`])}
      nativeInputProps={{
        id: `member-contact-${k}`,
        name: k,
        type,
        autoComplete,
        maxLength: 300,
        value: form[k],
        onChange: (e) => set(k, e.target.value),
      }}
    />
  );

  return (
    <section>
      <h2>{t("member.data.contact.title")}</h2>
      <p>{t("member.data.contact.text")}</p>
      <div ref={savedRef} tabIndex={-1}>
        {saved && <Alert severity="success" small role="status" description={t("member.data.contact.saved")} />}
      </div>
      <div ref={errs.generalRef} tabIndex={-1}>
        {errs.general && <Alert severity="error" small description={t(errs.general)} />}
      </div>
      <form noValidate onSubmit={submit} className={fr.cx("fr-mt-2w")}>
        {text("name", "text", "name")}
        {text("email", "email", "email")}
        {text("phone", "tel", "tel")}
        {text("address", "text", "street-address")}
        <RadioButtons
          id="member-contact-channel"
          legend={t("member.contact.channel")}
          name="preferred_channel"
          state={errs.stateOf("/preferred_channel")}
          stateRelatedMessage={message(errs.errors["/preferred_channel"])}
          options={CHANNELS.map((ch) => ({
            label: t(`member.contact.channel.${ch}`),
            nativeInputProps: {
              value: ch,
              checked: form.preferred_channel === ch,
              onChange: () => set("preferred_channel", ch),
            },
          }))}
        />
        <RadioButtons
          id="member-contact-language"
          legend={t("member.contact.language")}
          name="language"
          orientation="horizontal"
          state={errs.stateOf("/language")}
          stateRelatedMessage={message(errs.errors["/language"])}
          options={(["fr", "en"] as const).map((l) => ({
            label: t(`member.contact.language.${l}`),
            nativeInputProps: {
              value: l,
              checked: form.language === l,
              onChange: () => set("language", l),
            },
          }))}
        />
        <Button type="submit" disabled={sending}>
          {sending ? t("member.sending") : t("member.data.contact.submit")}
        </Button>
      </form>
    </section>
  );
}

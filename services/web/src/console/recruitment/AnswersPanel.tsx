// One invitation draw followed: its public record, the mailing list (a read of personal data the
// service writes to its audit trail), the invitation letters as PDFs (LettersPanel), the answers so far by criterion beside the pool's shares
// (figures computed by the service, GET /v1/invitation-draws/{id}/answer-figures; read again
// every 15 s while the page is open), and an answer received by phone or by post entered for the
// invitee (POST /v1/invitation-draws/{id}/respondents).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Checkbox from "@codegouvfr/react-dsfr/Checkbox";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import { stateOf, useFieldForm, useMessage } from "../../forms/forms";
import { useI18n } from "../../i18n/i18n";
import { ShareChart } from "../ui/ShareChart";
import { LettersPanel } from "./LettersPanel";
import { type AnswerFigures, joinCsvPages, nextLink } from "./model";

export function AnswersPanel({ assemblyId, drawId }: { assemblyId: string; drawId: string }) {
  const { t } = useI18n();
  const [figures, setFigures] = useState<AnswerFigures | undefined>();
  const load = useCallback(async () => {
    const { data } = await api.sortition.GET("/v1/invitation-draws/{id}/answer-figures", {
      params: { path: { id: drawId } },
    });
    if (data) setFigures(data);
  }, [drawId]);
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), 15000);
    return () => window.clearInterval(timer);
  }, [load]);

  return (
    <section className={fr.cx("fr-mt-4w")} aria-labelledby="answers-title">
      <h2 id="answers-title">{t("console.recruitment.answers.title")}</h2>
      <p>
        <a className={fr.cx("fr-link")} href={`/api/sortition/v1/invitation-draws/${drawId}`}>
          {t("console.recruitment.draw.record")}
        </a>
      </p>
      <MailingList drawId={drawId} />
      <LettersPanel assemblyId={assemblyId} drawId={drawId} />
      {figures && (
        <>
          <p role="status">
            {t("console.recruitment.answers.summary", {
              interested: figures.answers.interested ?? 0,
              declined: figures.answers.declined ?? 0,
              withdrawn: figures.answers.withdrawn ?? 0,
              invited: figures.invited,
            })}
          </p>
          <Button priority="secondary" size="small" onClick={() => void load()}>
            {t("console.recruitment.answers.refresh")}
          </Button>
          {figures.categories.map((c) => (
            <div key={c.name} className={fr.cx("fr-mt-3w")}>
              <h3 className={fr.cx("fr-h6")}>{t("console.recruitment.answers.category", { name: c.name })}</h3>
              <ShareChart
                caption={c.name}
                rows={c.values.map((v) => ({ label: v.value, share: v.share, count: v.respondents, reference: v.pool_share }))}
                shareLabel={t("console.recruitment.answers.share")}
                countLabel={t("console.recruitment.answers.count")}
                referenceLabel={c.values.some((v) => v.pool_share != null) ? t("console.recruitment.answers.poolShare") : undefined}
              />
            </div>
          ))}
          <PhoneAnswer drawId={drawId} questions={figures.categories} onRecorded={() => void load()} />
        </>
      )}
    </section>
  );
}

// The mailing list, page after page (the Link header), joined into one file to save.
function MailingList({ drawId }: { drawId: string }) {
  const { t } = useI18n();
  const [file, setFile] = useState<{ url: string; rows: number } | undefined>();
  const [error, setError] = useState(false);
  async function download() {
    setError(false);
    try {
      const pages: string[] = [];
      let r = await api.sortition.GET("/v1/invitation-draws/{id}/mailing-list", {
        params: { path: { id: drawId } },
        parseAs: "text",
      });
      while (r.response.ok && typeof r.data === "string") {
        pages.push(r.data);
        const next = nextLink(r.response.headers.get("Link"));
        const cursor = next ? new URL(next, window.location.origin).searchParams.get("cursor") : null;
        if (!cursor) break;
        r = await api.sortition.GET("/v1/invitation-draws/{id}/mailing-list", {
          params: { path: { id: drawId }, query: { cursor } },
          parseAs: "text",
        });
      }
      if (!pages.length) return setError(true);
      const csv = joinCsvPages(pages);
      const rows = csv.split("\n").filter(Boolean).length - 1;
      setFile({ url: URL.createObjectURL(new Blob([csv], { type: "text/csv" })), rows });
    } catch {
      setError(true);
    }
  }
  return (
    <div className={fr.cx("fr-mb-3w")}>
      <p className={fr.cx("fr-text--sm", "fr-mb-1w")}>{t("console.recruitment.mailing.note")}</p>
      <Button priority="secondary" iconId="fr-icon-download-line" onClick={() => void download()}>
        {t("console.recruitment.mailing.download")}
      </Button>
      {error && <Alert severity="error" small description={t("console.recruitment.error.server")} className={fr.cx("fr-mt-1w")} />}
      {file && (
        <p role="status" className={fr.cx("fr-mt-1w")}>
          {t("console.recruitment.mailing.ready", { rows: file.rows })}{" "}
          <a className={fr.cx("fr-link", "fr-icon-download-line", "fr-link--icon-left")} href={file.url} download={`invitations-${drawId.slice(0, 8)}.csv`}>
            {t("console.recruitment.mailing.save")}
          </a>
        </p>
      )}
    </div>
  );
}

const PHONE_IDS = {
  "/code": "phone-code",
  "/criteria": "phone-criteria",
  "/contact/email": "phone-email",
  "/contact/phone": "phone-phone",
  "/contact": "phone-email",
  "/consent": "phone-consent-0",
};

function PhoneAnswer({
  drawId,
  questions,
  onRecorded,
}: {
  drawId: string;
  questions: AnswerFigures["categories"];
  onRecorded: () => void;
}) {
  const { t } = useI18n();
  const message = useMessage();
  const form = useFieldForm(PHONE_IDS);
  const [code, setCode] = useState("");
  const [willing, setWilling] = useState(true);
  const [criteria, setCriteria] = useState<Record<string, string>>({});
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [consent, setConsent] = useState(false);
  const [done, setDone] = useState(false);

  async function submit() {
    setDone(false);
    await form.send(async () => {
      const contact = email || phone ? { ...(email ? { email } : {}), ...(phone ? { phone } : {}) } : undefined;
      const body = willing
        ? { code, willing, criteria, consent: consent as true, ...(contact ? { contact } : {}) }
        : { code, willing };
      const { data, error, response } = await api.sortition.POST("/v1/invitation-draws/{id}/respondents", {
        params: { path: { id: drawId } },
        body,
      });
      if (data) {
        setDone(true);
        setCode("");
        setCriteria({});
        setConsent(false);
        form.check({});
        onRecorded();
      } else form.refuse(response.status, error, "/code", { 409: "console.recruitment.phone.conflict" });
    });
  }
  const criterionError = form.errors["/criteria"];
  return (
    <form
      className={fr.cx("fr-mt-4w")}
      aria-labelledby="phone-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id="phone-title">{t("console.recruitment.phone.title")}</h3>
      <Input
        label={t("console.recruitment.phone.code")}
        state={stateOf(form.errors["/code"])}
        stateRelatedMessage={message(form.errors["/code"])}
        nativeInputProps={{ id: "phone-code", value: code, autoComplete: "off", onChange: (e) => setCode(e.target.value) }}
      />
      <Checkbox
        id="phone-willing"
        options={[
          {
            label: t("console.recruitment.phone.willing"),
            nativeInputProps: { checked: willing, onChange: (e) => setWilling(e.target.checked) },
          },
        ]}
      />
      {willing && (
        <>
          <div id="phone-criteria" tabIndex={-1}>
            {questions.map((q) => (
              <Select
                key={q.name}
                label={q.name}
                state={stateOf(criterionError)}
                stateRelatedMessage={message(criterionError)}
                nativeSelectProps={{
                  id: `phone-criterion-${q.name}`,
                  value: criteria[q.name] ?? "",
                  onChange: (e) => setCriteria({ ...criteria, [q.name]: e.target.value }),
                }}
              >
                <option value="" disabled>
                  {t("console.recruitment.phone.choose")}
                </option>
                {q.values.map((v) => (
                  <option key={v.value} value={v.value}>
                    {v.value}
                  </option>
                ))}
              </Select>
            ))}
          </div>
          <Input
            label={t("console.recruitment.phone.email")}
            state={stateOf(form.errors["/contact/email"] ?? form.errors["/contact"])}
            stateRelatedMessage={message(form.errors["/contact/email"] ?? form.errors["/contact"])}
            nativeInputProps={{ id: "phone-email", type: "email", value: email, onChange: (e) => setEmail(e.target.value) }}
          />
          <Input
            label={t("console.recruitment.phone.phone")}
            state={stateOf(form.errors["/contact/phone"])}
            stateRelatedMessage={message(form.errors["/contact/phone"])}
            nativeInputProps={{ id: "phone-phone", type: "tel", value: phone, onChange: (e) => setPhone(e.target.value) }}
          />
          <Checkbox
            id="phone-consent"
            state={stateOf(form.errors["/consent"])}
            stateRelatedMessage={message(form.errors["/consent"])}
            options={[
              {
                label: t("console.recruitment.phone.consent"),
                nativeInputProps: { checked: consent, onChange: (e) => setConsent(e.target.checked) },
              },
            ]}
          />
        </>
      )}
      {form.general && <Alert severity="error" small description={t(form.general)} className={fr.cx("fr-mb-2w")} />}
      {done && (
        <p role="status" className={fr.cx("fr-message--valid", "fr-message")}>
          {t("console.recruitment.phone.done")}
        </p>
      )}
      <Button type="submit" disabled={form.sending}>
        {t("console.recruitment.phone.send")}
      </Button>
    </form>
  );
}

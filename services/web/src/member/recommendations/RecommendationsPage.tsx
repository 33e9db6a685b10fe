// The recommendations of the member's workshop: draft a new one (POST /v1/recommendations, once
// the workshop's mandate is adopted), propose an amendment to a draft (the whole text as amended
// and why: POST /v1/recommendations/{id}/amendments), and read the departments' feedback in
// co-construction (GET /v1/recommendations/{id}/feedback).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Badge from "@codegouvfr/react-dsfr/Badge";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import type { FieldErrors } from "../model";
import { useMemberPlace } from "../memberWorkshop";
import "../member.css";

export const TITLE_MAX = 300;
export const TEXT_MAX = 100000;
export const RATIONALE_MAX = 5000;

interface Recommendation {
  id: string;
  workshop_id?: string;
  title?: string;
  status?: string;
  version?: number;
  text?: string;
}
interface Feedback {
  id?: string;
  author_role?: string;
  department?: string;
  feasibility?: string;
  cost_estimate?: string;
  legal_constraints?: string;
  text?: string;
  created_at?: string;
}

export function validateDraft(title: string, text: string): FieldErrors {
  const e: FieldErrors = {};
  if (!title.trim()) e["/title"] = { key: "member.recommendations.title.missing" };
  else if (title.length > TITLE_MAX) e["/title"] = { key: "member.recommendations.title.tooLong" };
  if (!text.trim()) e["/text"] = { key: "member.recommendations.text.missing" };
  else if (text.length > TEXT_MAX) e["/text"] = { key: "member.recommendations.text.tooLong" };
  return e;
}

export function validateAmendment(text: string, rationale: string, current: string): FieldErrors {
  const e: FieldErrors = {};
  if (!text.trim()) e["/text"] = { key: "member.recommendations.text.missing" };
  else if (text.length > TEXT_MAX) e["/text"] = { key: "member.recommendations.text.tooLong" };
  else if (text === current) e["/text"] = { key: "member.recommendations.text.unchanged" };
  if (!rationale.trim()) e["/rationale"] = { key: "member.recommendations.rationale.missing" };
  else if (rationale.length > RATIONALE_MAX) e["/rationale"] = { key: "member.recommendations.rationale.tooLong" };
  return e;
}

const STATUSES = ["draft", "adopted", "handed-over", "in-co-construction", "carried", "withdrawn"];

export function RecommendationsPage({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const place = useMemberPlace(memberId);
  const [items, setItems] = useState<Recommendation[] | undefined>();
  const [failed, setFailed] = useState(false);
  const ready = place.state === "ready" ? place : undefined;

  const load = useCallback(async () => {
    if (!ready) return;
    const { data } = await api.recommendations.GET("/v1/recommendations", {
      params: { query: { assembly_id: ready.assemblyId } },
    });
    if (!data) return setFailed(true);
    setItems(((data.items ?? []) as Recommendation[]).filter((r) => r.workshop_id === ready.workshopId));
  }, [ready?.assemblyId, ready?.workshopId]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    load().catch(() => setFailed(true));
  }, [load]);

  if (place.state === "failed" || failed) return <Alert severity="error" small description={t("forms.error.load")} />;
  return (
    <div className={fr.cx("fr-my-4w")}>
      <h1>{t("member.recommendations.title")}</h1>
      {ready && !ready.workshopId ? (
        <p>{t("member.recommendations.noWorkshop")}</p>
      ) : items === undefined || !ready?.workshopId ? (
        <p role="status">{t("forms.loading")}</p>
      ) : (
        <>
          <p>{t("member.recommendations.intro")}</p>
          {items.length === 0 && <p>{t("member.recommendations.none")}</p>}
          {items.map((r) => (
            <RecommendationItem key={r.id} rec={r} onAmended={() => void load()} />
          ))}
          <DraftForm workshopId={ready.workshopId} onDrafted={() => void load()} />
        </>
      )}
    </div>
  );
}

function DraftForm({ workshopId, onDrafted }: { workshopId: string; onDrafted: () => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [done, setDone] = useState(false);
  const ids = { "/title": "recommendation-title", "/text": "recommendation-text" };
  const form = useFieldForm(ids);
  const { errors, general, sending } = form;
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(false);
    if (!form.check(validateDraft(title, text))) return;
    await form.send(async () => {
      const { data, error, response } = await api.recommendations.POST("/v1/recommendations", {
        body: { workshop_id: workshopId, title: title.trim(), text },
      });
      if (!data) return form.refuse(response.status, error, "/title", { 409: "member.recommendations.error.noMandate" });
      setTitle("");
      setText("");
      setDone(true);
      onDrafted();
    });
  }

  return (
    <section aria-labelledby="recommendation-draft-title" className={fr.cx("fr-mt-6w")}>
      <h2 id="recommendation-draft-title">{t("member.recommendations.draft")}</h2>
      <div ref={doneRef} tabIndex={-1}>
        {done && <Alert severity="success" small role="status" description={t("member.recommendations.drafted")} />}
        {general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(general)} />}
      </div>
      <form noValidate onSubmit={submit}>
        <Input
          label={t("member.recommendations.title.label")}
          state={stateOf(errors["/title"])}
          stateRelatedMessage={messageOf(t, errors["/title"])}
          nativeInputProps={{ id: ids["/title"], name: "title", value: title, onChange: (e) => setTitle(e.target.value) }}
        />
        <Input
          label={t("member.recommendations.text.label")}
          textArea
          state={stateOf(errors["/text"])}
          stateRelatedMessage={messageOf(t, errors["/text"])}
          nativeTextAreaProps={{ id: ids["/text"], name: "text", rows: 8, value: text, onChange: (e) => setText(e.target.value) }}
        />
        <Button type="submit" disabled={sending}>
          {sending ? t("forms.sending") : t("member.recommendations.submitDraft")}
        </Button>
      </form>
    </section>
  );
}

function RecommendationItem({ rec, onAmended }: { rec: Recommendation; onAmended: () => void }) {
  const { t, dateTime } = useI18n();
  const [feedback, setFeedback] = useState<Feedback[] | undefined>();
  const [amending, setAmending] = useState(false);
  const status = rec.status ?? "";
  useEffect(() => {
    api.recommendations
      .GET("/v1/recommendations/{id}/feedback", { params: { path: { id: rec.id } } })
      .then(({ data }) => setFeedback((data?.items ?? []) as Feedback[]))
      .catch(() => setFeedback([]));
  }, [rec.id]);

  return (
    <article className={fr.cx("fr-mb-4w")} aria-labelledby={`rec-${rec.id}-title`}>
      <h2 id={`rec-${rec.id}-title`} className={fr.cx("fr-h4", "fr-mb-1w")}>
        {rec.title}
      </h2>
      <p>
        <Badge small as="span" severity={status === "draft" ? "new" : "info"}>
          {STATUSES.includes(status) ? t(`member.recommendations.status.${status}` as Key) : status}
        </Badge>{" "}
        {t("member.recommendations.version", { version: rec.version ?? 1 })}
      </p>
      <pre className="member-text">{rec.text}</pre>
      {feedback && feedback.length > 0 && (
        <>
          <h3 className={fr.cx("fr-h6")}>{t("member.recommendations.feedback")}</h3>
          <ul>
            {feedback.map((f, i) => (
              <li key={f.id ?? i}>
                <p className={fr.cx("fr-mb-1v")}>
                  <strong>
                    {f.author_role === "city-service"
                      ? t("member.recommendations.feedback.department", { department: f.department ?? "" })
                      : t("member.recommendations.feedback.member")}
                  </strong>
                  {f.created_at ? ` — ${dateTime(new Date(f.created_at))}` : ""}
                </p>
                <p className={fr.cx("fr-mb-1v")}>{f.text}</p>
                {f.feasibility && <p className={fr.cx("fr-mb-1v")}>{t("member.recommendations.feedback.feasibility", { text: f.feasibility })}</p>}
                {f.cost_estimate && <p className={fr.cx("fr-mb-1v")}>{t("member.recommendations.feedback.cost", { text: f.cost_estimate })}</p>}
                {f.legal_constraints && <p className={fr.cx("fr-mb-1v")}>{t("member.recommendations.feedback.legal", { text: f.legal_constraints })}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      {status === "draft" &&
        (amending ? (
          <AmendForm rec={rec} onDone={() => { setAmending(false); onAmended(); }} />
        ) : (
          <Button priority="secondary" onClick={() => setAmending(true)}>
            {t("member.recommendations.amend")}
          </Button>
        ))}
    </article>
  );
}

function AmendForm({ rec, onDone }: { rec: Recommendation; onDone: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(rec.text ?? "");
  const [rationale, setRationale] = useState("");
  const [done, setDone] = useState(false);
  const ids = { "/text": `amend-${rec.id}-text`, "/rationale": `amend-${rec.id}-rationale` };
  const form = useFieldForm(ids);
  const { errors, general, sending } = form;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(validateAmendment(text, rationale, rec.text ?? ""))) return;
    await form.send(async () => {
      const { data, error, response } = await api.recommendations.POST("/v1/recommendations/{id}/amendments", {
        params: { path: { id: rec.id } },
        body: { text, rationale: rationale.trim() },
      });
      if (!data) return form.refuse(response.status, error, "/text", { 409: "member.recommendations.error.notDraft" });
      setDone(true);
    });
  }

  if (done)
    return (
      <>
        <Alert severity="success" small role="status" description={t("member.recommendations.amended")} />
        <Button priority="tertiary" className={fr.cx("fr-mt-2w")} onClick={onDone}>
          {t("member.recommendations.close")}
        </Button>
      </>
    );
  return (
    <form noValidate onSubmit={submit}>
      <Input
        label={t("member.recommendations.amendText.label")}
        hintText={t("member.recommendations.amendText.hint")}
        textArea
        state={stateOf(errors["/text"])}
        stateRelatedMessage={messageOf(t, errors["/text"])}
        nativeTextAreaProps={{ id: ids["/text"], name: "text", rows: 8, value: text, onChange: (e) => setText(e.target.value) }}
      />
      <Input
        label={t("member.recommendations.rationale.label")}
        textArea
        state={stateOf(errors["/rationale"])}
        stateRelatedMessage={messageOf(t, errors["/rationale"])}
        nativeTextAreaProps={{ id: ids["/rationale"], name: "rationale", rows: 3, value: rationale, onChange: (e) => setRationale(e.target.value) }}
      />
      {general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(general)} />}
      <Button type="submit" disabled={sending}>
        {sending ? t("forms.sending") : t("member.recommendations.submitAmendment")}
      </Button>
    </form>
  );
}

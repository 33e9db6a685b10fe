// A city department's view: the recommendations addressed to it (its department is its token's
// claim, never typed) with the co-construction exchange, and on those in co-construction the
// feedback form — feasibility, cost estimate, legal constraints and the department's opinion
// (POST /v1/recommendations/{id}/feedback); a refusal is shown next to the field it names.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import { feedbackBody, type FeedbackForm, validateFeedback } from "./model";
import { FeedbackList, type Recommendation, RecommendationHeader } from "./RecommendationParts";

export function DepartmentPanel({ assemblyId, department }: { assemblyId: string; department?: string }) {
  const { t } = useI18n();
  const [items, setItems] = useState<Recommendation[] | undefined>();
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    if (!department) return;
    const { data } = await api.recommendations.GET("/v1/recommendations", {
      params: { query: { assembly_id: assemblyId, department } },
    });
    if (!data) return setFailed(true);
    setItems((data.items ?? []) as Recommendation[]);
  }, [assemblyId, department]);
  useEffect(() => {
    load().catch(() => setFailed(true));
  }, [load]);

  if (!department) return <Alert severity="warning" small description={t("console.recommendations.department.noClaim")} />;
  if (failed) return <Alert severity="error" small description={t("forms.error.load")} />;
  return (
    <section aria-labelledby="department-title">
      <h2 id="department-title">{t("console.recommendations.tab.recommendations")}</h2>
      <p>{t("console.recommendations.department.intro", { department })}</p>
      {items === undefined ? (
        <p role="status">{t("forms.loading")}</p>
      ) : items.length === 0 ? (
        <p>{t("console.recommendations.department.none")}</p>
      ) : (
        items.map((r) => <AddressedRecommendation key={r.id} rec={r} />)
      )}
    </section>
  );
}

function AddressedRecommendation({ rec }: { rec: Recommendation }) {
  const { t } = useI18n();
  const [round, setRound] = useState(0);
  return (
    <article className={fr.cx("fr-mb-6w")} aria-labelledby={`rec-${rec.id}-title`} data-recommendation={rec.id}>
      <RecommendationHeader rec={rec} level={3} />
      <FeedbackList recommendationId={rec.id} round={round} />
      {rec.status === "in-co-construction" ? (
        <FeedbackFormView rec={rec} onSent={() => setRound((n) => n + 1)} />
      ) : (
        <p>{t("console.recommendations.form.notOpen")}</p>
      )}
    </article>
  );
}

function FeedbackFormView({ rec, onSent }: { rec: Recommendation; onSent: () => void }) {
  const { t } = useI18n();
  const empty: FeedbackForm = { feasibility: "", cost_estimate: "", legal_constraints: "", text: "" };
  const [f, setF] = useState<FeedbackForm>(empty);
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const prefix = `feedback-${rec.id}`;
  const ids = {
    "/feasibility": `${prefix}-feasibility`,
    "/cost_estimate": `${prefix}-cost`,
    "/legal_constraints": `${prefix}-legal`,
    "/text": `${prefix}-text`,
  };
  const form = useFieldForm(ids);
  const { errors, general, sending } = form;
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(false);
    if (!form.check(validateFeedback(f))) return;
    await form.send(async () => {
      const { data, error, response } = await api.recommendations.POST("/v1/recommendations/{id}/feedback", {
        params: { path: { id: rec.id } },
        body: feedbackBody(f),
      });
      if (!data) return form.refuse(response.status, error, "/text");
      setF(empty);
      setDone(true);
      onSent();
    });
  }

  const field = (k: keyof FeedbackForm, pointer: keyof typeof ids, label: Parameters<typeof t>[0], rows: number) => (
    <Input
      label={t(label)}
      textArea
      state={stateOf(errors[pointer])}
      stateRelatedMessage={messageOf(t, errors[pointer])}
      nativeTextAreaProps={{ id: ids[pointer], rows, value: f[k], onChange: (e) => setF((x) => ({ ...x, [k]: e.target.value })) }}
    />
  );
  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`} className={fr.cx("fr-h6")}>
        {t("console.recommendations.form.title", { title: rec.title ?? "" })}
      </h4>
      <div ref={doneRef} tabIndex={-1}>
        {done && <Alert severity="success" small role="status" description={t("console.recommendations.form.sent")} />}
        {general && <Alert severity="error" small description={t(general)} />}
      </div>
      {field("feasibility", "/feasibility", "console.recommendations.form.feasibility", 2)}
      {field("cost_estimate", "/cost_estimate", "console.recommendations.form.cost", 1)}
      {field("legal_constraints", "/legal_constraints", "console.recommendations.form.legal", 2)}
      {field("text", "/text", "console.recommendations.form.text", 4)}
      <Button type="submit" disabled={sending}>
        {sending ? t("forms.sending") : t("console.recommendations.form.submit")}
      </Button>
    </form>
  );
}

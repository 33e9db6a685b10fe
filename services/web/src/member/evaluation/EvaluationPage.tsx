// The evaluation questionnaire of the member's assembly (membership: the assembly's evaluations,
// GET /v1/assemblies/{id}/evaluations; the answer, POST /v1/evaluations/{id}/responses, once):
// each rating question as a scale of radio buttons (required), each free-text one as an
// optional text. The answer is anonymous: the service records who answered apart from what was
// answered. Closed questionnaires say their results are published.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import RadioButtons from "@codegouvfr/react-dsfr/RadioButtons";
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import type { FieldErrors } from "../model";
import { useMemberPlace } from "../memberWorkshop";

export const ANSWER_TEXT_MAX = 2000;

export interface Question {
  id: string;
  text: string;
  kind: "rating" | "text";
  min?: number;
  max?: number;
}
export interface Evaluation {
  id: string;
  title?: string;
  state?: "draft" | "open" | "closed";
  questions?: Question[];
  answered?: boolean; // by the calling member
}

export type Answers = Record<string, string>;

// The id of a question's control (a scale's first radio button: the DSFR names a group's inputs
// <group id>-<index>).
export const controlId = (evaluationId: string, q: Question) =>
  q.kind === "rating" ? `evaluation-${evaluationId}-${q.id}-0` : `evaluation-${evaluationId}-${q.id}`;

export function validateAnswers(questions: Question[], answers: Answers): FieldErrors {
  const e: FieldErrors = {};
  for (const q of questions) {
    const v = answers[q.id] ?? "";
    if (q.kind === "rating" && v === "") e[`/answers/${q.id}`] = { key: "member.evaluation.rating.missing" };
    if (q.kind === "text" && v.length > ANSWER_TEXT_MAX) e[`/answers/${q.id}`] = { key: "member.evaluation.text.tooLong" };
  }
  return e;
}

export function answerBody(questions: Question[], answers: Answers): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const q of questions) {
    const v = answers[q.id] ?? "";
    if (q.kind === "rating" && v !== "") out[q.id] = Number(v);
    if (q.kind === "text" && v.trim()) out[q.id] = v.trim();
  }
  return out;
}

export function EvaluationPage({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const place = useMemberPlace(memberId);
  const [items, setItems] = useState<Evaluation[] | undefined>();
  const [failed, setFailed] = useState(false);
  const assemblyId = place.state === "ready" ? place.assemblyId : undefined;

  useEffect(() => {
    if (!assemblyId) return;
    api.membership
      .GET("/v1/assemblies/{id}/evaluations", { params: { path: { id: assemblyId } } })
      .then(({ data }) => (data ? setItems((data.items ?? []) as Evaluation[]) : setFailed(true)))
      .catch(() => setFailed(true));
  }, [assemblyId]);

  if (place.state === "failed" || failed) return <Alert severity="error" small description={t("forms.error.load")} />;
  const open = items?.filter((e) => e.state === "open") ?? [];
  const closed = items?.filter((e) => e.state === "closed") ?? [];
  return (
    <div className={fr.cx("fr-my-4w")}>
      <h1>{t("member.evaluation.title")}</h1>
      <p>{t("member.evaluation.intro")}</p>
      {items === undefined ? (
        <p role="status">{t("forms.loading")}</p>
      ) : (
        <>
          {open.length === 0 && <p>{t("member.evaluation.noneOpen")}</p>}
          {open.map((e) => (
            <Questionnaire key={e.id} evaluation={e} />
          ))}
          {closed.length > 0 && (
            <>
              <h2 className={fr.cx("fr-mt-6w")}>{t("member.evaluation.closed")}</h2>
              <ul>
                {closed.map((e) => (
                  <li key={e.id}>{t("member.evaluation.closedItem", { title: e.title ?? "" })}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}

function Questionnaire({ evaluation }: { evaluation: Evaluation }) {
  const { t } = useI18n();
  const questions = evaluation.questions ?? [];
  const [answers, setAnswers] = useState<Answers>({});
  const [done, setDone] = useState<Key | undefined>(evaluation.answered ? "member.evaluation.answered" : undefined);
  const doneRef = useRef<HTMLDivElement>(null);
  const ids = Object.fromEntries(questions.map((q) => [`/answers/${q.id}`, controlId(evaluation.id, q)]));
  const form = useFieldForm(ids);
  const { errors, setErrors, general, sending } = form;
  useEffect(() => {
    if (done && !evaluation.answered) doneRef.current?.focus();
  }, [done, evaluation.answered]);

  const set = (id: string, v: string) => {
    setAnswers((a) => ({ ...a, [id]: v }));
    setErrors((e) => {
      const rest = { ...e };
      delete rest[`/answers/${id}`];
      return rest;
    });
  };

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form.check(validateAnswers(questions, answers))) return;
    await form.send(async () => {
      const { data, error, response } = await api.membership.POST("/v1/evaluations/{id}/responses", {
        params: { path: { id: evaluation.id } },
        body: { answers: answerBody(questions, answers) },
      });
      if (!data)
        return form.refuse(response.status, error, Object.keys(ids)[0] ?? "/answers", {
          409: "member.evaluation.error.conflict",
          403: "member.evaluation.error.forbidden",
        });
      setDone("member.evaluation.done");
    });
  }

  return (
    <section aria-labelledby={`evaluation-${evaluation.id}-title`} className={fr.cx("fr-mb-4w")}>
      <h2 id={`evaluation-${evaluation.id}-title`}>{evaluation.title}</h2>
      <div ref={doneRef} tabIndex={-1}>
        {done && <Alert severity="success" small role="status" description={t(done)} />}
        {general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(general)} />}
      </div>
      {!done && (
        <form noValidate onSubmit={submit}>
          <p className={fr.cx("fr-hint-text")}>{t("member.evaluation.hint")}</p>
          {questions.map((q) => {
            const err = errors[`/answers/${q.id}`];
            if (q.kind === "rating") {
              const min = q.min ?? 1;
              const max = q.max ?? 5;
              return (
                <RadioButtons
                  key={q.id}
                  id={`evaluation-${evaluation.id}-${q.id}`}
                  legend={q.text}
                  hintText={t("member.evaluation.scale", { min, max })}
                  orientation="horizontal"
                  name={`${evaluation.id}-${q.id}`}
                  state={stateOf(err)}
                  stateRelatedMessage={messageOf(t, err)}
                  options={Array.from({ length: max - min + 1 }, (_, i) => String(min + i)).map((v) => ({
                    label: v,
                    nativeInputProps: { value: v, checked: answers[q.id] === v, onChange: () => set(q.id, v) },
                  }))}
                />
              );
            }
            return (
              <Input
                key={q.id}
                label={q.text}
                hintText={t("member.evaluation.optional")}
                textArea
                state={stateOf(err)}
                stateRelatedMessage={messageOf(t, err)}
                nativeTextAreaProps={{
                  id: controlId(evaluation.id, q),
                  name: q.id,
                  rows: 4,
                  value: answers[q.id] ?? "",
                  onChange: (e) => set(q.id, e.target.value),
                }}
              />
            );
          })}
          <Button type="submit" disabled={sending}>
            {sending ? t("forms.sending") : t("member.evaluation.submit")}
          </Button>
        </form>
      )}
    </section>
  );
}

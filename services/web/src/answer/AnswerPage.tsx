// The invitees' answer form (public, /repondre: the address printed on the invitation letter).
// Step 1: the resident types the letter's code; the sortition service answers with the questions
// for it (POST /v1/responses/questions: the categories its quotas count), or refuses the code.
// Step 2: they say whether they want to take part and, if so, answer those questions, give their
// contact details (an e-mail address, a phone number or both) and consent; the answer, a yes or
// a no, goes to POST /v1/responses. Errors: a summary at the top, focused, linking to each field, and the
// message next to its field (DSFR error state, tied to the field by aria-describedby).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Checkbox from "@codegouvfr/react-dsfr/Checkbox";
import Input from "@codegouvfr/react-dsfr/Input";
import RadioButtons from "@codegouvfr/react-dsfr/RadioButtons";
import Select from "@codegouvfr/react-dsfr/Select";
import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import { api } from "../api/client";
import { useI18n } from "../i18n/i18n";
import type { Key } from "../i18n/messages";
import {
  type AnswerForm,
  codeFromAddress,
  emptyForm,
  type FieldError,
  type FieldErrors,
  fieldOrder,
  normaliseCode,
  kindOf,
  outcomeOf,
  type Question,
  requestBody,
  validate,
} from "./model";

type Done = { willing: true; id: string; at: Date } | { willing: false };

// The id of the control an error links to (the first of a group: the DSFR names a group's
// inputs <group id>-<index>).
export function anchorOf(field: string, questions: Question[]): string {
  if (field === "/code") return "answer-code";
  if (field === "/willing") return "answer-willing-0";
  if (field === "/consent") return "answer-consent-0";
  if (field === "/contact/email") return "answer-email";
  if (field === "/contact/phone") return "answer-phone";
  const q = questions.find((x) => `/criteria/${x.name}` === field);
  if (!q) return "answer-code";
  return kindOf(q) === "select" ? `answer-q-${q.name}` : `answer-q-${q.name}-0`;
}

export function AnswerPage() {
  const { t, has, dateTime } = useI18n();
  // A letter's QR code opens the page with its code: it is filled in for the resident.
  const [form, setForm] = useState<AnswerForm>(() => ({ ...emptyForm(), code: codeFromAddress(window.location.search) }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<Key | undefined>();
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<Done | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [questions, setQuestions] = useState<Question[] | undefined>();
  const summary = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const ordered = fieldOrder(questions ?? []).filter((f) => errors[f]);
  useEffect(() => {
    if (attempt > 0 && (ordered.length > 0 || general)) summary.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
  useEffect(() => {
    if (done) heading.current?.focus();
  }, [done]);

  const message = (e: FieldError | undefined) =>
    e && (e.detail !== undefined ? t(e.key, { detail: e.detail }) : t(e.key));
  // The name of a field in the summary: its label or legend.
  const fieldLabel = (field: string): string => {
    if (field === "/code") return t("answer.code.label");
    if (field === "/willing") return t("answer.willing.legend");
    if (field === "/consent") return t("answer.consent.legend");
    if (field === "/contact/email") return t("answer.email.label");
    if (field === "/contact/phone") return t("answer.phone.label");
    const name = field.replace("/criteria/", "");
    return has(`q.${name}`) ? t(`q.${name}` as Key) : name;
  };
  const stateOf = (field: string) => (errors[field] ? ("error" as const) : ("default" as const));

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (sending) return;
    setGeneral(undefined);
    const found = validate(form, questions);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setSending(true);
    try {
      if (!questions) {
        // Step 1: the questions for this code, or the code refused.
        const { data, error, response } = await api.sortition.POST("/v1/responses/questions", {
          body: { code: normaliseCode(form.code) },
        });
        if (data) {
          setQuestions(data.questions);
          return;
        }
        const out = outcomeOf(response.status, error);
        setErrors(out.fields);
        setGeneral(out.general);
        setAttempt((n) => n + 1);
        return;
      }
      const { data, error, response } = await api.sortition.POST("/v1/responses", {
        body: requestBody(form, questions),
      });
      if (data) {
        const id = String((data as { id?: string }).id ?? "");
        setDone(form.willing === "no" ? { willing: false } : { willing: true, id, at: new Date() });
        return;
      }
      const out = outcomeOf(response.status, error, questions);
      setErrors(out.fields);
      setGeneral(out.general);
      setAttempt((n) => n + 1);
    } catch {
      setGeneral("answer.error.server");
      setAttempt((n) => n + 1);
    } finally {
      setSending(false);
    }
  }

  function again() {
    setForm(emptyForm());
    setQuestions(undefined);
    setErrors({});
    setDone(undefined);
  }

  if (done) {
    return (
      <div className={fr.cx("fr-my-6w", "fr-col-12", "fr-col-md-8")}>
        <h1 ref={heading} tabIndex={-1}>
          {done.willing ? t("answer.done.title") : t("answer.done.no.title")}
        </h1>
        <Alert
          severity="success"
          small
          role="status"
          description={
            done.willing ? (
              <>
                {t("answer.done.yes")}
                <br />
                {t("answer.done.at", { date: dateTime(done.at) })}
                <br />
                {t("answer.done.reference", { id: done.id })}
              </>
            ) : (
              t("answer.done.no")
            )
          }
        />
        <Button className={fr.cx("fr-mt-4w")} priority="secondary" onClick={again}>
          {t("answer.done.again")}
        </Button>
      </div>
    );
  }

  // A field changed: its message goes (the others stay until the next sending).
  const settle = (field: string) =>
    setErrors((e) => {
      if (!e[field]) return e;
      const rest = { ...e };
      delete rest[field];
      return rest;
    });
  const setCriterion = (name: string, value: string) => {
    setForm((f) => ({ ...f, criteria: { ...f.criteria, [name]: value } }));
    settle(`/criteria/${name}`);
  };

  return (
    <div className={fr.cx("fr-my-6w", "fr-col-12", "fr-col-md-8")}>
      <h1>{t("answer.title")}</h1>
      <p>{t("answer.intro")}</p>
      <div ref={summary} tabIndex={-1} id="answer-summary">
        {(ordered.length > 0 || general) && (
          <Alert
            severity="error"
            title={general ? t(general) : t("answer.errors.title")}
            as="h2"
            className={fr.cx("fr-mb-4w")}
            description={
              ordered.length > 0 && (
                <>
                  <p>{t("answer.errors.intro")}</p>
                  <ul>
                    {ordered.map((f) => (
                      <li key={f}>
                        <a href={`#${anchorOf(f, questions ?? [])}`}>
                          {t("answer.errors.item", {
                            field: fieldLabel(f),
                            message: message(errors[f]) ?? "",
                          })}
                        </a>
                      </li>
                    ))}
                  </ul>
                </>
              )
            }
          />
        )}
      </div>
      <p className={fr.cx("fr-hint-text")}>{t("answer.required")}</p>
      <form noValidate onSubmit={submit}>
        <Input
          label={t("answer.code.label")}
          hintText={t("answer.code.hint")}
          state={stateOf("/code")}
          stateRelatedMessage={message(errors["/code"])}
          nativeInputProps={{
            id: "answer-code",
            name: "code",
            autoComplete: "off",
            autoCapitalize: "characters",
            spellCheck: false,
            maxLength: 40,
            value: form.code,
            onChange: (e) => {
              // Another code may be asked other questions: back to step 1.
              setForm((f) => ({ ...f, code: e.target.value }));
              setQuestions(undefined);
              settle("/code");
            },
          }}
        />
        {questions && (
        <RadioButtons
          id="answer-willing"
          legend={t("answer.willing.legend")}
          name="willing"
          state={stateOf("/willing")}
          stateRelatedMessage={message(errors["/willing"])}
          options={(["yes", "no"] as const).map((v) => ({
            label: t(v === "yes" ? "answer.willing.yes" : "answer.willing.no"),
            nativeInputProps: {
              value: v,
              checked: form.willing === v,
              onChange: () => {
                setForm((f) => ({ ...f, willing: v }));
                settle("/willing");
              },
            },
          }))}
        />
        )}
        {questions && form.willing === "yes" && (
          <>
            <fieldset className={fr.cx("fr-fieldset")} aria-describedby="answer-about-hint">
              <legend className={fr.cx("fr-fieldset__legend")}>
                <h2 className={fr.cx("fr-h4", "fr-mb-0")}>{t("answer.about.legend")}</h2>
              </legend>
              <p id="answer-about-hint" className={fr.cx("fr-hint-text", "fr-fieldset__element")}>
                {t("answer.about.hint")}
              </p>
              {questions.map((q) => (
                <div key={q.name} className={fr.cx("fr-fieldset__element")}>
                  <QuestionField
                    q={q}
                    value={form.criteria[q.name] ?? ""}
                    onChange={(v) => setCriterion(q.name, v)}
                    error={message(errors[`/criteria/${q.name}`])}
                  />
                </div>
              ))}
            </fieldset>
            <fieldset className={fr.cx("fr-fieldset")} aria-describedby="answer-contact-hint">
              <legend className={fr.cx("fr-fieldset__legend")}>
                <h2 className={fr.cx("fr-h4", "fr-mb-0")}>{t("answer.contact.legend")}</h2>
              </legend>
              <p id="answer-contact-hint" className={fr.cx("fr-hint-text", "fr-fieldset__element")}>
                {t("answer.contact.hint")}
              </p>
              <div className={fr.cx("fr-fieldset__element")}>
                <Input
                  label={t("answer.email.label")}
                  hintText={t("answer.email.hint")}
                  state={stateOf("/contact/email")}
                  stateRelatedMessage={message(errors["/contact/email"])}
                  nativeInputProps={{
                    id: "answer-email",
                    name: "email",
                    type: "email",
                    autoComplete: "email",
                    spellCheck: false,
                    maxLength: 254,
                    value: form.email,
                    onChange: (e) => {
                      setForm((f) => ({ ...f, email: e.target.value }));
                      settle("/contact/email");
                    },
                  }}
                />
              </div>
              <div className={fr.cx("fr-fieldset__element")}>
                <Input
                  label={t("answer.phone.label")}
                  hintText={t("answer.phone.hint")}
                  state={stateOf("/contact/phone")}
                  stateRelatedMessage={message(errors["/contact/phone"])}
                  nativeInputProps={{
                    id: "answer-phone",
                    name: "phone",
                    type: "tel",
                    autoComplete: "tel",
                    maxLength: 40,
                    value: form.phone,
                    onChange: (e) => {
                      setForm((f) => ({ ...f, phone: e.target.value }));
                      settle("/contact/phone");
                      settle("/contact/email"); // "neither given" is said at the e-mail
                    },
                  }}
                />
              </div>
            </fieldset>
            <Checkbox
              id="answer-consent"
              legend={t("answer.consent.legend")}
              state={stateOf("/consent")}
              stateRelatedMessage={message(errors["/consent"])}
              options={[
                {
                  label: t("answer.consent.label"),
                  nativeInputProps: {
                    name: "consent",
                    checked: form.consent,
                    onChange: (e) => {
                      setForm((f) => ({ ...f, consent: e.target.checked }));
                      settle("/consent");
                    },
                  },
                },
              ]}
            />
          </>
        )}
        <Button type="submit" disabled={sending} className={fr.cx("fr-mt-2w")}>
          {sending ? t("answer.sending") : questions ? t("answer.submit") : t("answer.next")}
        </Button>
      </form>
    </div>
  );
}

function QuestionField(props: {
  q: Question;
  value: string;
  onChange: (v: string) => void;
  error: string | undefined;
}) {
  const { t, has } = useI18n();
  const { q, value, onChange, error } = props;
  // A category or value the catalogue does not know (a quota set's own) is shown as named.
  const label = has(`q.${q.name}`) ? t(`q.${q.name}` as Key) : q.name;
  const valueLabel = (v: string) => {
    if (q.name === "arrondissement" && /^\d+$/.test(v))
      return v === "1" ? t("q.arrondissement.1") : t("q.arrondissement.value", { n: v });
    return has(`q.${q.name}.${v}`) ? t(`q.${q.name}.${v}` as Key) : v;
  };
  if (kindOf(q) === "select") {
    return (
      <Select
        label={label}
        state={error ? "error" : "default"}
        stateRelatedMessage={error}
        nativeSelectProps={{
          id: `answer-q-${q.name}`,
          name: q.name,
          value,
          onChange: (e) => onChange(e.target.value),
        }}
      >
        <option value="" disabled>
          {t("answer.choose")}
        </option>
        {q.values.map((v) => (
          <option key={v} value={v}>
            {valueLabel(v)}
          </option>
        ))}
      </Select>
    );
  }
  return (
    <RadioButtons
      id={`answer-q-${q.name}`}
      legend={label}
      name={q.name}
      state={error ? "error" : "default"}
      stateRelatedMessage={error}
      options={q.values.map((v) => ({
        label: valueLabel(v),
        nativeInputProps: {
          value: v,
          checked: value === v,
          onChange: () => onChange(v),
        },
      }))}
    />
  );
}

// The secretariat's recommendations, workshop by workshop: each with its amendments (a proposed
// one accepted — a new version — or rejected, the workshop's decision), its next steps (adopt,
// hand over at a plenary, open co-construction, withdraw with a reason), the departments it is
// addressed to, and the co-construction exchange.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import { departmentList, stepsFor } from "./model";
import { FeedbackList, type Recommendation, RecommendationHeader } from "./RecommendationParts";

interface Amendment {
  id: string;
  base_version?: number;
  text?: string;
  rationale?: string;
  state?: string;
}

export function SecretariatPanel({ assemblyId }: { assemblyId: string }) {
  const { t } = useI18n();
  const [items, setItems] = useState<Recommendation[] | undefined>();
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    const { data } = await api.recommendations.GET("/v1/recommendations", { params: { query: { assembly_id: assemblyId } } });
    if (!data) return setFailed(true);
    setItems((data.items ?? []) as Recommendation[]);
  }, [assemblyId]);
  useEffect(() => {
    load().catch(() => setFailed(true));
  }, [load]);

  if (failed) return <Alert severity="error" small description={t("forms.error.load")} />;
  if (items === undefined) return <p role="status">{t("forms.loading")}</p>;
  const themes = [...new Set(items.map((r) => r.theme ?? ""))];
  return (
    <section aria-labelledby="recommendations-title">
      <h2 id="recommendations-title">{t("console.recommendations.tab.recommendations")}</h2>
      {items.length === 0 && <p>{t("console.recommendations.none")}</p>}
      {themes.map((theme) => (
        <section key={theme} aria-labelledby={`theme-${theme}`}>
          <h3 id={`theme-${theme}`}>{t("console.recommendations.workshop", { theme })}</h3>
          {items
            .filter((r) => (r.theme ?? "") === theme)
            .map((r) => (
              <SecretariatRecommendation key={r.id} initial={r} />
            ))}
        </section>
      ))}
    </section>
  );
}

function SecretariatRecommendation({ initial }: { initial: Recommendation }) {
  const { t } = useI18n();
  const [rec, setRec] = useState(initial);
  const [amendments, setAmendments] = useState<Amendment[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const reload = useCallback(async () => {
    const { data } = await api.recommendations.GET("/v1/recommendations/{id}", { params: { path: { id: initial.id } } });
    if (!data) return;
    setRec(data as Recommendation);
    setAmendments(((data as { amendments?: Amendment[] }).amendments ?? []) as Amendment[]);
  }, [initial.id]);
  useEffect(() => {
    void reload().catch(() => undefined);
  }, [reload]);

  // A step without a field: the service's answer, said below the recommendation.
  async function act(request: () => Promise<{ ok: boolean; status: number; detail?: string }>) {
    if (busy) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const r = await request();
      if (r.ok) {
        setMessage({ ok: true, text: t("console.recommendations.done") });
        await reload();
      } else
        setMessage({
          ok: false,
          text: r.status === 403 ? t("forms.error.forbidden") : t("console.recommendations.error.conflict", { detail: r.detail ?? "" }),
        });
    } catch {
      setMessage({ ok: false, text: t("forms.error.server") });
    } finally {
      setBusy(false);
    }
  }
  const outcome = ({ data, error, response }: { data?: unknown; error?: unknown; response: Response }) => ({
    ok: !!data,
    status: response.status,
    detail: (error as { detail?: string } | undefined)?.detail,
  });
  const decide = (id: string, accept: boolean) =>
    act(async () =>
      outcome(
        accept
          ? await api.recommendations.POST("/v1/amendments/{id}/accept", { params: { path: { id } }, body: {} })
          : await api.recommendations.POST("/v1/amendments/{id}/reject", { params: { path: { id } }, body: {} }),
      ),
    );
  const step = (path: "/v1/recommendations/{id}/adopt" | "/v1/recommendations/{id}/co-construct") =>
    act(async () => outcome(await api.recommendations.POST(path, { params: { path: { id: rec.id } }, body: {} })));

  const steps = stepsFor(rec.status ?? "");
  return (
    <article className={fr.cx("fr-mb-6w")} aria-labelledby={`rec-${rec.id}-title`} data-recommendation={rec.id}>
      <RecommendationHeader rec={rec} level={4} />
      {amendments.length > 0 && (
        <>
          <h5 className={fr.cx("fr-h6", "fr-mb-1w")}>{t("console.recommendations.amendments")}</h5>
          <ul>
            {amendments.map((a) => (
              <li key={a.id}>
                <p className={fr.cx("fr-mb-1v")}>
                  {t("console.recommendations.amendment", {
                    version: a.base_version ?? 1,
                    state: t(`console.recommendations.amendment.state.${a.state ?? "proposed"}` as Key),
                  })}
                </p>
                {a.rationale && <p className={fr.cx("fr-mb-1v")}>{t("console.recommendations.amendment.rationale", { rationale: a.rationale })}</p>}
                <pre className="member-text">{a.text}</pre>
                {a.state === "proposed" && rec.status === "draft" && (
                  <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md", "fr-btns-group--sm")}>
                    <li>
                      <Button size="small" disabled={busy} onClick={() => void decide(a.id, true)}>
                        {t("console.recommendations.amendment.accept")}
                      </Button>
                    </li>
                    <li>
                      <Button size="small" priority="secondary" disabled={busy} onClick={() => void decide(a.id, false)}>
                        {t("console.recommendations.amendment.reject")}
                      </Button>
                    </li>
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {steps.includes("adopt") && (
        <Button size="small" className={fr.cx("fr-mr-2w", "fr-mb-2w")} disabled={busy} onClick={() => void step("/v1/recommendations/{id}/adopt")}>
          {t("console.recommendations.action.adopt")}
        </Button>
      )}
      {steps.includes("co-construct") && (
        <Button
          size="small"
          className={fr.cx("fr-mr-2w", "fr-mb-2w")}
          disabled={busy}
          onClick={() => void step("/v1/recommendations/{id}/co-construct")}
        >
          {t("console.recommendations.action.co-construct")}
        </Button>
      )}
      <div aria-live="polite">{message && <Alert severity={message.ok ? "success" : "error"} small description={message.text} />}</div>
      {(["hand-over", "address", "withdraw"] as const)
        .filter((s) => steps.includes(s))
        .map((s) => (
          <OneFieldStep
            key={s}
            id={`${s}-${rec.id}`}
            {...FIELD_STEPS[s]}
            send={(typed) => FIELD_STEPS[s].send(rec.id, typed)}
            onDone={() => void reload()}
          />
        ))}
      {(rec.status === "in-co-construction" || rec.status === "carried") && <FeedbackList recommendationId={rec.id} round={0} />}
    </article>
  );
}

// A form of one field that sends one step; the refusal lands next to the field.
function OneFieldStep({
  id,
  pointer,
  label,
  submit,
  missing,
  send,
  onDone,
}: {
  id: string;
  pointer: string;
  label: Key;
  submit: Key;
  missing: Key;
  send: (value: string) => Sent;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState("");
  const [done, setDone] = useState(false);
  const ids = { [pointer]: id };
  const form = useFieldForm(ids);
  const { errors, general, sending } = form;
  async function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    setDone(false);
    if (!form.check(value.trim() ? {} : { [pointer]: { key: missing } })) return;
    await form.send(async () => {
      const { data, error, response } = await send(value.trim());
      if (response.status === 409) {
        const detail = (error as { detail?: string } | undefined)?.detail ?? "";
        return form.setErrors({ [pointer]: { key: "console.recommendations.error.conflict", detail } });
      }
      if (!data) return form.refuse(response.status, error as never, pointer);
      setValue("");
      setDone(true);
      onDone();
    });
  }
  return (
    <form noValidate onSubmit={onSubmit} className={fr.cx("fr-mb-2w")}>
      {done && <Alert severity="success" small role="status" description={t("console.recommendations.done")} />}
      {general && <Alert severity="error" small description={t(general)} />}
      <Input
        label={t(label)}
        state={stateOf(errors[pointer])}
        stateRelatedMessage={messageOf(t, errors[pointer])}
        nativeInputProps={{ id, value, onChange: (e) => setValue(e.target.value) }}
      />
      <Button size="small" type="submit" disabled={sending}>
        {sending ? t("forms.sending") : t(submit)}
      </Button>
    </form>
  );
}

type Sent = Promise<{ data?: unknown; error?: unknown; response: Response }>;
// The steps that take one field: the field's pointer, its words, and the call with what was typed.
const FIELD_STEPS: Record<"hand-over" | "withdraw" | "address", { pointer: string; label: Key; submit: Key; missing: Key; send: (id: string, typed: string) => Sent }> = {
  "hand-over": {
    pointer: "/plenary_session_id",
    label: "console.recommendations.plenary.label",
    submit: "console.recommendations.action.handOver",
    missing: "console.recommendations.plenary.missing",
    send: (id, plenary) =>
      api.recommendations.POST("/v1/recommendations/{id}/hand-over", { params: { path: { id } }, body: { plenary_session_id: plenary } }),
  },
  address: {
    pointer: "/departments",
    label: "console.recommendations.address.label",
    submit: "console.recommendations.address.submit",
    missing: "console.recommendations.address.missing",
    send: (id, typed) =>
      api.recommendations.PUT("/v1/recommendations/{id}/departments", { params: { path: { id } }, body: { departments: departmentList(typed) } }),
  },
  withdraw: {
    pointer: "/reason",
    label: "console.recommendations.reason.label",
    submit: "console.recommendations.action.withdraw",
    missing: "console.recommendations.reason.missing",
    send: (id, reason) => api.recommendations.POST("/v1/recommendations/{id}/withdraw", { params: { path: { id } }, body: { reason } }),
  },
};

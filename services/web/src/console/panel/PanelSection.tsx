// The panel (secretariat): the quota set (QuotaEditor), whether it can be met by the volunteers
// of the invitation draws chosen (POST /v1/quota-sets/{id}/feasibility: the draw's own checks, run
// by the service), the draw (the seed's SHA-256 published, then the seed revealed: the service
// queues it and a worker computes it; the page reads its state every 2 s), and the result beside
// the quotas with each volunteer's selection probability and the fairness certificate. Addresses:
// /console/<a>/panel/quotas/<quota set> once saved, /console/<a>/panel/tirage/<selection> once
// drawn: a reload comes back to the same step and reads the draw's state from the service.
// While it is not finished the page shows how far it is (progress.fraction) and offers to cancel
// it (POST /v1/selections/{id}/cancel, after a confirmation).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Checkbox from "@codegouvfr/react-dsfr/Checkbox";
import Input from "@codegouvfr/react-dsfr/Input";
import { useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { navigate } from "../../router";
import { consolePath } from "../model";
import type { ConsoleProps } from "../sections";
import type { InvitationDraw } from "../recruitment/model";
import { randomSeed, sha256Hex } from "../recruitment/model";
import { type Feasibility, type Selection } from "./model";
import { QuotaEditor } from "./QuotaEditor";
import { SelectionResult } from "./SelectionResult";

export function PanelSection({ assembly, rest }: ConsoleProps) {
  const { t } = useI18n();
  const assemblyId = assembly.id ?? "";
  const here = (...r: string[]) => consolePath(assemblyId, "panel", ...r);
  const quotaSetId = rest[0] === "quotas" ? rest[1] : undefined;
  const selectionId = rest[0] === "tirage" ? rest[1] : undefined;
  const [draws, setDraws] = useState<InvitationDraw[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  useEffect(() => {
    void (async () => {
      const { data } = await api.sortition.GET("/v1/invitation-draws", { params: { query: { assembly_id: assemblyId } } });
      const drawn = (data?.items ?? []).filter((d) => d.state === "drawn");
      setDraws(drawn);
      setChosen(drawn.map((d) => d.id!));
    })();
  }, [assemblyId]);

  return (
    <>
      <h1>{t("console.panel.title")}</h1>
      {selectionId ? (
        <SelectionProgress id={selectionId} />
      ) : (
        <>
          <QuotaEditor assemblyId={assemblyId} quotaSetId={quotaSetId} onSaved={(id) => navigate(here("quotas", id))} />
          <fieldset className={fr.cx("fr-fieldset", "fr-mt-4w")} aria-labelledby="panel-draws-legend">
            <legend id="panel-draws-legend" className={fr.cx("fr-fieldset__legend")}>
              {t("console.panel.check.draws")}
            </legend>
            <div className={fr.cx("fr-fieldset__element")}>
              <Checkbox
                options={draws.map((d) => ({
                  label: t("console.recruitment.draws.item", { invited: d.invited ?? 0, state: d.state ?? "" }) + ` (${d.id!.slice(0, 8)})`,
                  nativeInputProps: {
                    checked: chosen.includes(d.id!),
                    onChange: (e) => setChosen(e.target.checked ? [...chosen, d.id!] : chosen.filter((c) => c !== d.id)),
                  },
                }))}
              />
            </div>
          </fieldset>
          <FeasibilityCheck quotaSetId={quotaSetId} draws={chosen} />
          <DrawPanel assemblyId={assemblyId} quotaSetId={quotaSetId} draws={chosen} onQueued={(id) => navigate(here("tirage", id))} />
        </>
      )}
    </>
  );
}

function FeasibilityCheck({ quotaSetId, draws }: { quotaSetId?: string; draws: string[] }) {
  const { t } = useI18n();
  const [result, setResult] = useState<Feasibility | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => setResult(undefined), [quotaSetId, draws.length]);
  async function check() {
    setProblem(undefined);
    setResult(undefined);
    if (!quotaSetId) return setProblem(t("console.panel.check.needQuotas"));
    if (!draws.length) return setProblem(t("console.panel.check.needDraws"));
    const { data, error } = await api.sortition.POST("/v1/quota-sets/{id}/feasibility", {
      params: { path: { id: quotaSetId } },
      body: { invitation_draw_ids: draws },
    });
    if (data) setResult(data);
    else setProblem((error as { detail?: string } | undefined)?.detail ?? t("console.panel.error.server"));
  }
  return (
    <section className={fr.cx("fr-mt-4w")} aria-labelledby="check-title">
      <h2 id="check-title">{t("console.panel.check.title")}</h2>
      <Button priority="secondary" onClick={() => void check()}>
        {t("console.panel.check.go")}
      </Button>
      <div role="status" className={fr.cx("fr-mt-2w")}>
        {problem && <Alert severity="error" small description={problem} />}
        {result && (
          <Alert
            severity={result.feasible ? "success" : "error"}
            small
            description={
              <>
                {result.feasible && <span>{t("console.panel.check.ok")} </span>}
                {result.seat_pools.map((p) => (
                  <span key={p.pool}>
                    {t("console.panel.check.pool", {
                      pool: p.pool,
                      seats: p.seats,
                      respondents: p.respondents,
                      verdict: p.feasible ? t("console.panel.check.feasible") : t("console.panel.check.infeasible", { message: p.message ?? "" }),
                    })}{" "}
                  </span>
                ))}
              </>
            }
          />
        )}
      </div>
    </section>
  );
}

function DrawPanel({ assemblyId, quotaSetId, draws, onQueued }: { assemblyId: string; quotaSetId?: string; draws: string[]; onQueued: (id: string) => void }) {
  const { t } = useI18n();
  const [seed, setSeed] = useState(randomSeed);
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  async function draw() {
    setProblem(undefined);
    if (!quotaSetId) return setProblem(t("console.panel.check.needQuotas"));
    setBusy(true);
    try {
      const created = await api.sortition.POST("/v1/selections", {
        body: { assembly_id: assemblyId, quota_set_id: quotaSetId, invitation_draw_ids: draws, seed_commitment: await sha256Hex(seed), algorithm: "leximin" },
      });
      const id = (created.data as { id?: string } | undefined)?.id;
      if (!id) return setProblem((created.error as { detail?: string } | undefined)?.detail ?? t("console.panel.error.server"));
      const queued = await api.sortition.POST("/v1/selections/{id}/draw", { params: { path: { id } }, body: { seed } });
      if (!queued.response.ok) return setProblem((queued.error as { detail?: string } | undefined)?.detail ?? t("console.panel.error.server"));
      onQueued(id);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className={fr.cx("fr-mt-4w")} aria-labelledby="panel-draw-title">
      <h2 id="panel-draw-title">{t("console.panel.draw.title")}</h2>
      <p className={fr.cx("fr-text--sm")}>{t("console.recruitment.draw.help")}</p>
      <Input label={t("console.panel.draw.seed")} nativeInputProps={{ id: "panel-seed", value: seed, onChange: (e) => setSeed(e.target.value) }} />
      {problem && <Alert severity="error" small description={problem} className={fr.cx("fr-mb-2w")} />}
      <Button onClick={() => void draw()} disabled={busy}>
        {t("console.panel.draw.go")}
      </Button>
    </section>
  );
}

// The draw's state read from the service every 2 s until it is finished (a reload starts
// reading again: the worker does not depend on this page). While it is not finished, the
// secretariat may cancel it; a running draw stops within seconds.
const FINISHED = new Set(["done", "failed", "cancelled"]);

export function SelectionProgress({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [selection, setSelection] = useState<Selection | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [cancelling, setCancelling] = useState(false);
  const read = useCallback(async () => {
    const { data } = await api.sortition.GET("/v1/selections/{id}", { params: { path: { id } } });
    if (data) setSelection(data);
    return data?.state;
  }, [id]);
  useEffect(() => {
    let stop = false;
    let timer = 0;
    const tick = async () => {
      const state = await read();
      if (!stop && !FINISHED.has(state ?? "")) timer = window.setTimeout(() => void tick(), 2000);
    };
    void tick();
    return () => {
      stop = true;
      window.clearTimeout(timer);
    };
  }, [read]);
  async function cancel() {
    if (!window.confirm(t("console.panel.draw.cancelConfirm"))) return;
    setProblem(undefined);
    setCancelling(true);
    try {
      const answer = await api.sortition.POST("/v1/selections/{id}/cancel", { params: { path: { id } }, body: {} });
      if (answer.data) setSelection(answer.data);
      else setProblem((answer.error as { detail?: string } | undefined)?.detail ?? t("console.panel.error.server"));
    } finally {
      setCancelling(false);
    }
  }
  if (!selection) return <p role="status">{t("console.loading")}</p>;
  const running = !FINISHED.has(selection.state ?? "");
  const stopping = running && !!selection.cancel_requested_at;
  const p = selection.progress;
  const percent = Math.round((p?.fraction ?? 0) * 100);
  return (
    <section aria-labelledby="selection-title" aria-busy={running}>
      <h2 id="selection-title">{t("console.panel.draw.title")}</h2>
      <p role="status">
        {t("console.panel.draw.state", { state: t(`console.panel.draw.state.${selection.state ?? "committed"}`) })}
        {running && p && !stopping && (
          <> — {t("console.panel.draw.running", { percent: percent.toLocaleString(lang), panels: p.panels ?? 0, min: (p.min_probability ?? 0).toLocaleString(lang) })}</>
        )}
        {stopping && <> — {t("console.panel.draw.stopping")}</>}
      </p>
      {running &&
        (p?.fraction !== undefined ? (
          <progress className="console-progress" aria-label={t("console.panel.draw.progress")} max={100} value={percent}>
            {percent} %
          </progress>
        ) : (
          <progress className="console-progress" aria-label={t("console.panel.draw.progress")} />
        ))}
      {running && !stopping && (
        <Button priority="secondary" className={fr.cx("fr-mt-2w")} onClick={() => void cancel()} disabled={cancelling}>
          {t("console.panel.draw.cancel")}
        </Button>
      )}
      {problem && <Alert severity="error" small description={problem} className={fr.cx("fr-mt-2w")} />}
      {selection.state === "failed" && <Alert severity="error" small description={t("console.panel.draw.failed", { failure: selection.failure ?? "" })} />}
      {selection.state === "cancelled" && <Alert severity="info" small description={t("console.panel.draw.cancelled")} />}
      {selection.state === "done" && <SelectionResult selection={selection} />}
    </section>
  );
}

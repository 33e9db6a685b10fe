// The assembly's three phases (`…/ateliers/phases`): discovery, recommendations, co-construction
// and vote, with their days as the workshops service holds them (GET /v1/assemblies/{id}/phases;
// days in Paris, both inclusive), and for the secretariat a form per phase that sets or changes
// them (PUT …/phases/{kind}). The service refuses an overlap or a broken order naming the field
// and the other phase: said next to that field. `PhasesSummary` is the same dates in short, on the
// calendar page.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { type FormEvent, useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { hasRole } from "../model";
import type { ConsoleProps } from "../sections";
import { follow, sectionPath } from "./paths";
import { type Phase, type PhaseKind, phaseBody, phasesInOrder, validatePhase } from "./steps";

const phaseKey = (kind: string) => `console.workshops.phases.kind.${kind}` as Key;

export function usePhases(assemblyId: string | undefined) {
  const [phases, setPhases] = useState<Phase[] | undefined>();
  const [failed, setFailed] = useState(false);
  const load = useCallback(async () => {
    const { data, response } = await api.workshops.GET("/v1/assemblies/{id}/phases", { params: { path: { id: assemblyId ?? "" } } });
    // An assembly the service knows nothing of yet has no phase.
    if (!data && response.status !== 404) return setFailed(true);
    setPhases(((data?.items ?? []) as Phase[]).filter((p) => p.kind));
  }, [assemblyId]);
  useEffect(() => {
    load().catch(() => setFailed(true));
  }, [load]);
  return { phases, failed, reload: load };
}

// The dates of a phase in words, or "not dated".
function useDates() {
  const { t, day } = useI18n();
  return (p: Phase | undefined) =>
    p?.starts_on && p.ends_on
      ? t("console.workshops.phases.dates", { from: day(p.starts_on), to: day(p.ends_on) })
      : t("console.workshops.phases.undated");
}

// The calendar page's summary: the three phases and their dates, and the page that sets them.
export function PhasesSummary({ assemblyId, secretariat }: { assemblyId: string | undefined; secretariat: boolean }) {
  const { t } = useI18n();
  const { phases } = usePhases(assemblyId);
  const dates = useDates();
  return (
    <section aria-labelledby="ws-phases-summary-h">
      <h2 id="ws-phases-summary-h" className={fr.cx("fr-mt-4w")}>
        {t("console.workshops.phases.title")}
      </h2>
      {phases === undefined ? (
        <p role="status">{t("console.workshops.loading")}</p>
      ) : (
        <ul>
          {phasesInOrder(phases).map(({ kind, phase }) => (
            <li key={kind}>
              {t("console.workshops.phases.item", { phase: t(phaseKey(kind)), dates: dates(phase) })}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={sectionPath(assemblyId, "phases")} onClick={follow}>
          {t(secretariat ? "console.workshops.phases.link" : "console.workshops.phases.linkRead")}
        </a>
      </p>
    </section>
  );
}

export function PhasesPage({ assembly, staff }: ConsoleProps) {
  const { t } = useI18n();
  const { phases, failed, reload } = usePhases(assembly.id);
  const dates = useDates();
  if (failed) return <Alert severity="error" small description={t("console.workshops.error.load")} />;
  if (!phases) return <p role="status">{t("console.workshops.loading")}</p>;
  const secretariat = hasRole(staff, ["secretariat"]);
  return (
    <div>
      <h1>{t("console.workshops.phases.title")}</h1>
      <p>{t("console.workshops.phases.intro")}</p>
      {phasesInOrder(phases).map(({ kind, phase }) => (
        <section key={kind} aria-labelledby={`ws-phase-${kind}-h`} className={fr.cx("fr-mb-4w")}>
          <h2 id={`ws-phase-${kind}-h`} className={fr.cx("fr-h4")}>
            {t(phaseKey(kind))}
          </h2>
          <p id={`ws-phase-${kind}-dates`}>{dates(phase)}</p>
          {secretariat && <PhaseForm assemblyId={assembly.id ?? ""} kind={kind} phase={phase} onDone={reload} />}
        </section>
      ))}
    </div>
  );
}

function PhaseForm({ assemblyId, kind, phase, onDone }: { assemblyId: string; kind: PhaseKind; phase?: Phase; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const ids = { "/starts_on": `ws-phase-${kind}-starts`, "/ends_on": `ws-phase-${kind}-ends` };
  const [d, setD] = useState({ starts_on: phase?.starts_on ?? "", ends_on: phase?.ends_on ?? "" });
  const [done, setDone] = useState(false);
  const form = useFieldForm(ids);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setDone(false);
    if (!form.check(validatePhase(d))) return;
    await form.send(async () => {
      const { data, error, response } = await api.workshops.PUT("/v1/assemblies/{id}/phases/{kind}", {
        params: { path: { id: assemblyId, kind } },
        body: phaseBody(d),
      });
      if (!data) return form.refuse(response.status, error as never, "/starts_on");
      setDone(true);
      await onDone();
    });
  }
  const input = (field: "/starts_on" | "/ends_on", key: "starts_on" | "ends_on", label: Key) => (
    <Input
      label={t(label)}
      state={stateOf(form.errors[field])}
      stateRelatedMessage={messageOf(t, form.errors[field])}
      nativeInputProps={{
        id: ids[field],
        type: "date",
        value: d[key],
        onChange: (e) => {
          setDone(false);
          setD({ ...d, [key]: e.target.value });
        },
      }}
    />
  );
  return (
    <form noValidate onSubmit={submit} aria-labelledby={`ws-phase-${kind}-h`}>
      {form.general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(form.general)} />}
      <div className="ws-dates">
        {input("/starts_on", "starts_on", "console.workshops.phases.starts")}
        {input("/ends_on", "ends_on", "console.workshops.phases.ends")}
      </div>
      <Button type="submit" disabled={form.sending}>
        {form.sending ? t("console.workshops.sending") : t("console.workshops.phases.submit", { phase: t(phaseKey(kind)) })}
      </Button>
      <p role="status" className={fr.cx("fr-mt-1w")}>
        {done ? t("console.workshops.phases.saved") : ""}
      </p>
    </form>
  );
}

// The quota set as a table per seat pool: a row per value of a criterion with its minimum and
// maximum, rows added and removed, a CSV file in the Sortition Foundation's layout read in, the
// table written out as one. Saving creates a quota set (POST /v1/quota-sets: quota sets are kept
// as they were used, a change is a new set); the service checks each file again and names the
// line at fault, shown next to its seat pool.
import "../ui/widgets.css";

import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { useEffect, useState } from "react";

import { api } from "../../api/client";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import type { FieldErrors } from "../../forms/problem";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { parseQuotaCsv, QuotaCsvError, quotaCsv, quotaProblems, type SeatPoolForm } from "./model";

const POOLS: SeatPoolForm["pool"][] = ["roll", "non-eu-residents", "minors"];
const ERROR_KEYS: Record<string, Key> = {
  empty: "console.panel.quotas.error.empty",
  number: "console.panel.quotas.error.number",
  order: "console.panel.quotas.error.order",
  seats: "console.panel.quotas.error.seats",
  rows: "console.panel.quotas.error.rows",
};
const idOf = (pointer: string) => `quota${pointer.replace(/\//g, "-")}`;

export function QuotaEditor({
  assemblyId,
  quotaSetId,
  onSaved,
}: {
  assemblyId: string;
  quotaSetId?: string;
  onSaved: (id: string) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [pools, setPools] = useState<SeatPoolForm[]>([
    { pool: "roll", seats: "", rows: [{ category: "", value: "", min: "", max: "" }] },
  ]);
  const [saved, setSaved] = useState(false);
  const [fileError, setFileError] = useState<string | undefined>();
  const pointers = ["/name", ...pools.flatMap((p, i) => [`/seat_pools/${i}/seats`, `/seat_pools/${i}/quotas_csv`, ...p.rows.flatMap((_, j) => ["category", "value", "min", "max"].map((f) => `/seat_pools/${i}/rows/${j}/${f}`))])];
  const form = useFieldForm(Object.fromEntries(pointers.map((p) => [p, idOf(p)])));

  // A saved set read back (after a reload, or to start from it).
  useEffect(() => {
    if (!quotaSetId) return;
    void (async () => {
      const { data } = await api.sortition.GET("/v1/quota-sets/{id}", { params: { path: { id: quotaSetId } } });
      const q = data as
        | { name: string; seat_pools: Array<{ pool: SeatPoolForm["pool"]; seats: number; categories: Array<{ category: string; values: Array<{ value: string; min: number; max: number }> }> }> }
        | undefined;
      if (!q) return;
      setName(q.name);
      setPools(
        q.seat_pools.map((p) => ({
          pool: p.pool,
          seats: String(p.seats),
          rows: p.categories.flatMap((c) => c.values.map((v) => ({ category: c.category, value: v.value, min: String(v.min), max: String(v.max) }))),
        })),
      );
      setSaved(true);
    })();
  }, [quotaSetId]);

  const change = (i: number, next: Partial<SeatPoolForm>) => {
    setSaved(false);
    setPools(pools.map((p, k) => (k === i ? { ...p, ...next } : p)));
  };
  const setCell = (i: number, j: number, field: "category" | "value" | "min" | "max", v: string) =>
    change(i, { rows: pools[i].rows.map((r, k) => (k === j ? { ...r, [field]: v } : r)) });

  async function importFile(i: number, file: File | undefined) {
    setFileError(undefined);
    if (!file) return;
    try {
      change(i, { rows: parseQuotaCsv(await file.text()) });
    } catch (e) {
      if (e instanceof QuotaCsvError) setFileError(t("console.panel.quotas.csvError", { line: e.line, detail: e.message }));
      else throw e;
    }
  }

  async function save() {
    const found: FieldErrors = {};
    if (!name.trim()) found["/name"] = { key: "console.panel.quotas.error.empty" };
    for (const [at, why] of Object.entries(quotaProblems(pools))) found[at] = { key: ERROR_KEYS[why] };
    if (!form.check(found)) return;
    await form.send(async () => {
      const { data, error, response } = await api.sortition.POST("/v1/quota-sets", {
        body: {
          assembly_id: assemblyId,
          name: name.trim(),
          seat_pools: pools.map((p) => ({ pool: p.pool, seats: Number(p.seats), quotas_csv: quotaCsv(p.rows) })),
        },
      });
      if (data?.id) {
        setSaved(true);
        onSaved(data.id);
      } else form.refuse(response.status, error, "/name");
    });
  }

  const err = (pointer: string) => form.errors[pointer];
  const msg = (pointer: string) => messageOf(t, err(pointer));
  return (
    <section aria-labelledby="quotas-title">
      <h2 id="quotas-title">{t("console.panel.quotas.title")}</h2>
      <p className={fr.cx("fr-text--sm")}>{t("console.panel.quotas.help")}</p>
      <Input
        label={t("console.panel.quotas.name")}
        state={stateOf(err("/name"))}
        stateRelatedMessage={msg("/name")}
        nativeInputProps={{ id: idOf("/name"), value: name, onChange: (e) => setName(e.target.value) }}
      />
      {pools.map((p, i) => {
        const csvUrl = URL.createObjectURL(new Blob([quotaCsv(p.rows)], { type: "text/csv" }));
        return (
          <fieldset key={i} className={`console-fieldset ${fr.cx("fr-fieldset", "fr-mb-3w")}`} aria-labelledby={`quota-pool-${i}-legend`}>
            <legend id={`quota-pool-${i}-legend`} className={fr.cx("fr-fieldset__legend")}>
              {t("console.panel.quotas.pool")} {i + 1}
            </legend>
            <div className={fr.cx("fr-fieldset__element")}>
              <Select
                label={t("console.panel.quotas.pool")}
                nativeSelectProps={{ id: `quota-pool-${i}`, value: p.pool, onChange: (e) => change(i, { pool: e.target.value as SeatPoolForm["pool"] }) }}
              >
                {POOLS.map((k) => (
                  <option key={k} value={k}>
                    {t(`console.recruitment.import.kind.${k}`)}
                  </option>
                ))}
              </Select>
              <Input
                label={t("console.panel.quotas.seats")}
                state={stateOf(err(`/seat_pools/${i}/seats`))}
                stateRelatedMessage={msg(`/seat_pools/${i}/seats`)}
                nativeInputProps={{ id: idOf(`/seat_pools/${i}/seats`), inputMode: "numeric", value: p.seats, onChange: (e) => change(i, { seats: e.target.value }) }}
              />
              {(err(`/seat_pools/${i}/quotas_csv`) || err(`/seat_pools/${i}/rows`)) && (
                <Alert
                  severity="error"
                  small
                  description={msg(`/seat_pools/${i}/quotas_csv`) ?? msg(`/seat_pools/${i}/rows`) ?? ""}
                  className={fr.cx("fr-mb-2w")}
                />
              )}
              <div
                className={`console-scroll console-quota ${fr.cx("fr-table", "fr-table--no-scroll")}`}
                id={idOf(`/seat_pools/${i}/quotas_csv`)}
                tabIndex={0}
                role="region"
                aria-label={`${t("console.panel.quotas.title")} — ${t(`console.recruitment.import.kind.${p.pool}`)}`}
              >
                <table>
                  <caption>
                    {t("console.panel.quotas.title")} — {t(`console.recruitment.import.kind.${p.pool}`)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("console.panel.quotas.category")}</th>
                      <th scope="col">{t("console.panel.quotas.value")}</th>
                      <th scope="col">{t("console.panel.quotas.min")}</th>
                      <th scope="col">{t("console.panel.quotas.max")}</th>
                      <th scope="col">{t("console.panel.quotas.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.rows.map((r, j) => (
                      <tr key={j}>
                        {(["category", "value", "min", "max"] as const).map((f) => {
                          const at = `/seat_pools/${i}/rows/${j}/${f}`;
                          const e = err(at);
                          return (
                            <td key={f}>
                              <input
                                className={fr.cx("fr-input", e ? "fr-input--error" : undefined)}
                                id={idOf(at)}
                                aria-label={t("console.panel.quotas.rowLabel", { field: t(`console.panel.quotas.${f}`), row: j + 1 })}
                                aria-invalid={e ? true : undefined}
                                aria-describedby={e ? `${idOf(at)}-error` : undefined}
                                inputMode={f === "min" || f === "max" ? "numeric" : undefined}
                                value={r[f]}
                                onChange={(ev) => setCell(i, j, f, ev.target.value)}
                              />
                              {e && (
                                <p id={`${idOf(at)}-error`} className={fr.cx("fr-error-text")}>
                                  {messageOf(t, e)}
                                </p>
                              )}
                            </td>
                          );
                        })}
                        <td>
                          <Button
                            priority="tertiary no outline"
                            size="small"
                            iconId="fr-icon-delete-line"
                            title={t("console.panel.quotas.removeRow", { row: j + 1 })}
                            onClick={() => change(i, { rows: p.rows.filter((_, k) => k !== j) })}
                          >
                            {t("console.panel.quotas.removeRow", { row: j + 1 })}
                          </Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md", "fr-btns-group--sm")}>
                <li>
                  <Button priority="secondary" iconId="fr-icon-add-line" onClick={() => change(i, { rows: [...p.rows, { category: "", value: "", min: "", max: "" }] })}>
                    {t("console.panel.quotas.addRow")}
                  </Button>
                </li>
                <li>
                  <a className={fr.cx("fr-btn", "fr-btn--secondary")} href={csvUrl} download={`quotas-${p.pool}.csv`}>
                    {t("console.panel.quotas.export")}
                  </a>
                </li>
                {pools.length > 1 && (
                  <li>
                    <Button priority="tertiary" iconId="fr-icon-delete-line" onClick={() => setPools(pools.filter((_, k) => k !== i))}>
                      {t("console.panel.quotas.removePool", { pool: t(`console.recruitment.import.kind.${p.pool}`) })}
                    </Button>
                  </li>
                )}
              </ul>
              <div className={fr.cx("fr-upload-group")}>
                <label className={fr.cx("fr-label")} htmlFor={`quota-file-${i}`}>
                  {t("console.panel.quotas.import")}
                </label>
                <input className={fr.cx("fr-upload")} type="file" id={`quota-file-${i}`} accept=".csv,text/csv" onChange={(e) => void importFile(i, e.target.files?.[0])} />
              </div>
            </div>
          </fieldset>
        );
      })}
      {pools.length < POOLS.length && (
        <Button
          priority="secondary"
          iconId="fr-icon-add-line"
          className={fr.cx("fr-mb-3w")}
          onClick={() => {
            const free = POOLS.find((k) => !pools.some((p) => p.pool === k)) ?? "roll";
            setPools([...pools, { pool: free, seats: "", rows: [{ category: "", value: "", min: "", max: "" }] }]);
          }}
        >
          {t("console.panel.quotas.addPool")}
        </Button>
      )}
      {fileError && <Alert severity="error" small description={fileError} className={fr.cx("fr-mb-2w")} />}
      {form.general && <Alert severity="error" small description={t(form.general)} className={fr.cx("fr-mb-2w")} />}
      {saved && (
        <p role="status" className={fr.cx("fr-message", "fr-message--valid")}>
          {t("console.panel.quotas.saved")}
        </p>
      )}
      <Button onClick={() => void save()} disabled={form.sending}>
        {t("console.panel.quotas.save")}
      </Button>
    </section>
  );
}

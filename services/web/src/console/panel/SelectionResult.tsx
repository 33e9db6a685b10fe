// A panel draw's result: per seat pool the panel beside the quotas (a chart of the panel's and the
// volunteers' shares, with its table), the fairness of the draw (the algorithm that ran, the
// minimum and maximum selection probability, the certificate's bound), every volunteer's
// selection probability (a histogram with its table), the printable record for the bailiff (the
// public page /tirages/<id>), and the bailiff-signed record: the ones kept (read again each time
// the result is shown: their links expire) and, the draw done, the upload of another.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import { useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { DocumentList, type KeptDocument, useDocuments } from "../ui/DocumentList";
import { DocumentUploadForm } from "../ui/DocumentUploadForm";
import { ReadFailed } from "../ui/ReadFailed";
import { ShareChart } from "../ui/ShareChart";
import { probabilityBuckets, type Selection } from "./model";

interface RecordValue {
  value: string;
  min: number;
  max: number;
  panel: number;
  panel_share: number;
  respondents: number;
  respondent_share: number;
}
interface RecordPool {
  pool: string;
  seats: number;
  respondents: number;
  categories: Array<{ category: string; values: RecordValue[] }>;
  fairness?: {
    algorithm?: string;
    min_probability?: number;
    max_probability?: number;
    certificate_bound?: number | null;
    panels?: number;
  } | null;
}

export function SelectionResult({ selection }: { selection: Selection }) {
  const { t, lang } = useI18n();
  const record = (selection.record ?? {}) as { seat_pools?: RecordPool[] };
  const num = (x: number | undefined | null) => (x ?? 0).toLocaleString(lang === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 4 });
  const people = [...(selection.panel ?? []), ...(selection.reserve ?? [])] as Array<{ probability?: number }>;
  const probabilities = people.map((p) => p.probability).filter((p): p is number => typeof p === "number");
  const buckets = probabilityBuckets(probabilities);
  return (
    <div className={fr.cx("fr-mt-4w")}>
      <h2>{t("console.panel.result.title")}</h2>
      <p>
        <a className={fr.cx("fr-link")} href={`/tirages/${selection.id}`}>
          {t("console.panel.result.record")}
        </a>
      </p>
      {(record.seat_pools ?? []).map((p) => (
        <section key={p.pool} className={fr.cx("fr-mt-3w")} aria-labelledby={`result-${p.pool}`}>
          <h3 id={`result-${p.pool}`}>{t("console.panel.result.quotas", { pool: p.pool })}</h3>
          {p.categories.map((c) => (
            <div key={c.category}>
              <h4 className={fr.cx("fr-h6")}>{c.category}</h4>
              <ShareChart
                caption={`${c.category} (${t("console.panel.quotas.min")}–${t("console.panel.quotas.max")} : ${c.values.map((v) => `${v.value} ${v.min}–${v.max}`).join(", ")})`}
                rows={c.values.map((v) => ({ label: `${v.value} (${v.min}–${v.max})`, share: v.panel_share, count: v.panel, reference: v.respondent_share }))}
                shareLabel={t("console.panel.result.panelShare")}
                countLabel={t("console.panel.result.panel")}
                referenceLabel={t("console.panel.result.respondentShare")}
              />
            </div>
          ))}
          <h4>{t("console.panel.result.fairness")}</h4>
          <p>{t("console.panel.result.algorithm", { algorithm: p.fairness?.algorithm ?? selection.algorithm ?? "" })}</p>
          {p.fairness?.min_probability != null && (
            <p>{t("console.panel.result.minmax", { min: num(p.fairness.min_probability), max: num(p.fairness.max_probability) })}</p>
          )}
          <p>
            {p.fairness?.certificate_bound != null
              ? t("console.panel.result.certificate", { bound: num(p.fairness.certificate_bound), panels: p.fairness.panels ?? 0 })
              : t("console.panel.result.noCertificate")}
          </p>
        </section>
      ))}
      {probabilities.length > 0 && (
        <section className={fr.cx("fr-mt-3w")} aria-labelledby="probabilities-title">
          <h3 id="probabilities-title">{t("console.panel.result.probabilities")}</h3>
          <ShareChart
            caption={t("console.panel.result.probabilities")}
            rows={buckets.map((n, i) => ({
              label: t("console.panel.result.bucket", { from: `${i * 10} %`, to: `${(i + 1) * 10} %` }),
              share: n / probabilities.length,
              count: n,
            }))}
            shareLabel={t("console.panel.result.respondentShare")}
            countLabel={t("console.panel.result.people")}
          />
        </section>
      )}
      <SignedRecords selection={selection} />
    </div>
  );
}

// The signed record's place (`#signed-record`): the records kept, the upload once the draw is done.
export function SignedRecords({ selection }: { selection: Selection }) {
  const { t } = useI18n();
  const id = selection.id ?? "";
  const [kept, setKept] = useState<string | undefined>();
  const [records, reload] = useDocuments(
    async () =>
      (await api.sortition.GET("/v1/selections/{id}/signed-records", { params: { path: { id } } })).data?.items as KeptDocument[] | undefined,
    [id],
  );
  return (
    <section className={fr.cx("fr-mt-3w")} aria-labelledby="signed-record-title" id="signed-record">
      <h3 id="signed-record-title">{t("console.panel.result.upload")}</h3>
      <p>{t("console.panel.result.signed.intro")}</p>
      <p>
        <a className={fr.cx("fr-link")} href={`/tirages/${id}`}>
          {t("console.panel.result.signed.public")}
        </a>
      </p>
      {kept && <Alert severity="success" small role="status" description={t("console.panel.result.signed.done", { label: kept })} />}
      {records === undefined ? (
        <p role="status">{t("console.loading")}</p>
      ) : records === null ? (
        <ReadFailed retry={reload} />
      ) : (
        <DocumentList
          caption={t("console.panel.result.signed.caption")}
          service="sortition"
          documents={records}
          who={t("console.panel.result.signed.who")}
          empty={t("console.panel.result.signed.none")}
        />
      )}
      {selection.state === "done" && (
        <DocumentUploadForm
          id="signed-record-upload"
          title={t("console.panel.result.signed.uploadTitle")}
          route={`/api/sortition/v1/selections/${id}/signed-record`}
          limits={{ maxBytes: 3 << 20, types: ["application/pdf"] }}
          labelHint={t("console.panel.result.signed.labelHint")}
          fileLabel={t("console.panel.result.signed.file")}
          onUploaded={(answer) => {
            setKept((answer as KeptDocument | undefined)?.label);
            void reload();
          }}
        />
      )}
    </section>
  );
}

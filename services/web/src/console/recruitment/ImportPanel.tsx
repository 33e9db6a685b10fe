// A pool imported from a CSV file chosen or dropped here, sent in parts of 1 MiB
// (PUT /v1/pool-imports/{id}/parts/{n}), then completed; a progress bar while it goes, then the
// rows accepted and refused, each refusal by line with its reason. The import's id is in the
// address: after a reload the job's state is read from the service (the file itself is gone from
// the page, so an upload cut short can only be cancelled). Cancelling (DELETE) leaves nothing.
import "../ui/widgets.css";

import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import Select from "@codegouvfr/react-dsfr/Select";
import { type DragEvent, useCallback, useEffect, useRef, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { partRanges, type PoolImport } from "./model";

type Kind = "roll" | "non-eu-residents" | "minors";
const KINDS: Kind[] = ["roll", "non-eu-residents", "minors"];

export function ImportPanel({
  importId,
  onStarted,
  onFinished,
  onReset,
}: {
  importId?: string;
  onStarted: (id: string) => void;
  onFinished: () => void;
  onReset: () => void;
}) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | undefined>();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<Kind>("roll");
  const [over, setOver] = useState(false);
  const [job, setJob] = useState<PoolImport | undefined>();
  const [sent, setSent] = useState<{ parts: number; total: number } | undefined>();
  const [cancelled, setCancelled] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const uploading = useRef(false);
  const status = useRef<HTMLDivElement>(null);

  const read = useCallback(async (id: string) => {
    const { data } = await api.sortition.GET("/v1/pool-imports/{id}", { params: { path: { id } } });
    if (data) setJob(data);
    return data;
  }, []);
  // After a reload (or another tab): the job as the service has it.
  useEffect(() => {
    if (importId && !uploading.current) void read(importId);
    if (!importId) {
      setJob(undefined);
      setSent(undefined);
      setCancelled(false);
    }
  }, [importId, read]);

  async function start() {
    setProblem(undefined);
    if (!name.trim()) return setProblem(t("console.recruitment.import.noName"));
    if (!file) return setProblem(t("console.recruitment.import.noFile"));
    uploading.current = true;
    try {
      const created = await api.sortition.POST("/v1/pools", { body: { name: name.trim(), kind } });
      const id = created.data?.import?.id;
      if (!id) {
        setProblem(t("console.recruitment.error.refused", { detail: (created.error as { detail?: string })?.detail ?? "" }));
        return;
      }
      onStarted(id);
      const ranges = partRanges(file.size);
      setSent({ parts: 0, total: ranges.length });
      for (let n = 1; n <= ranges.length; n++) {
        const [from, to] = ranges[n - 1];
        const part = await file.slice(from, to).arrayBuffer();
        const r = await api.sortition.PUT("/v1/pool-imports/{id}/parts/{n}", {
          params: { path: { id, n } },
          body: part as unknown as string,
          bodySerializer: (b: unknown) => b as BodyInit,
          headers: { "Content-Type": "text/csv" },
        });
        setSent({ parts: n, total: ranges.length });
        if (!r.response.ok) break; // the job failed: its state says why
      }
      const now = await read(id);
      if (now?.state === "receiving")
        await api.sortition.POST("/v1/pool-imports/{id}/complete", {
          params: { path: { id } },
          body: { parts: ranges.length },
        });
      await read(id);
      onFinished();
    } catch {
      setProblem(t("console.recruitment.error.server"));
    } finally {
      uploading.current = false;
      status.current?.focus();
    }
  }

  async function cancel() {
    if (!job) return;
    await api.sortition.DELETE("/v1/pool-imports/{id}", { params: { path: { id: job.id! } } });
    setCancelled(true);
    onFinished();
  }

  function drop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) setFile(f);
  }

  const accepted = job?.state === "succeeded" ? (job.rows_read ?? 0) : 0;
  const refused = job?.errors?.length ?? 0;
  const stateKey = cancelled
    ? "console.recruitment.import.state.cancelled"
    : job?.state === "succeeded"
      ? "console.recruitment.import.state.succeeded"
      : job?.state === "failed"
        ? "console.recruitment.import.state.failed"
        : "console.recruitment.import.state.receiving";

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t("console.recruitment.import.title")}</h2>
      {!importId ? (
        <>
          <p className={fr.cx("fr-text--sm")}>{t("console.recruitment.import.help")}</p>
          <Input
            label={t("console.recruitment.import.name")}
            nativeInputProps={{ id: "import-name", value: name, onChange: (e) => setName(e.target.value) }}
          />
          <Select
            label={t("console.recruitment.import.kind")}
            nativeSelectProps={{ id: "import-kind", value: kind, onChange: (e) => setKind(e.target.value as Kind) }}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`console.recruitment.import.kind.${k}`)}
              </option>
            ))}
          </Select>
          <div
            className={`console-drop fr-mb-2w${over ? " console-drop--over" : ""}`}
            onDragOver={(e) => {
              e.preventDefault();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={drop}
          >
            <div className={fr.cx("fr-upload-group")}>
              <label className={fr.cx("fr-label")} htmlFor="import-file">
                {t("console.recruitment.import.file")}
                <span className={fr.cx("fr-hint-text")}>{t("console.recruitment.import.drop")}</span>
              </label>
              <input
                className={fr.cx("fr-upload")}
                type="file"
                id="import-file"
                accept=".csv,text/csv"
                onChange={(e) => setFile(e.target.files?.[0])}
              />
            </div>
            {file && <p className={fr.cx("fr-mt-1w", "fr-mb-0")}>{t("console.recruitment.import.chosen", { name: file.name, bytes: file.size })}</p>}
          </div>
          {problem && <Alert severity="error" small description={problem} className={fr.cx("fr-mb-2w")} />}
          <Button onClick={() => void start()}>{t("console.recruitment.import.start")}</Button>
        </>
      ) : (
        <div ref={status} tabIndex={-1}>
          {sent && (
            <>
              <label htmlFor="import-progress">{t("console.recruitment.import.progress")}</label>
              <progress id="import-progress" className="console-progress" max={sent.total} value={sent.parts} />
              <p className={fr.cx("fr-text--sm")}>{t("console.recruitment.import.sent", sent)}</p>
            </>
          )}
          <p role="status" className={fr.cx("fr-text--lead")}>
            {t(stateKey)}
          </p>
          {job && !cancelled && job.state !== "receiving" && (
            <p>{t("console.recruitment.import.rows", { accepted, refused })}</p>
          )}
          {job?.failure && <Alert severity="error" small description={job.failure} className={fr.cx("fr-mb-2w")} />}
          {!!job?.errors?.length && (
            <div className={fr.cx("fr-table")}>
              <table>
                <caption>{t("console.recruitment.import.errors")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("console.recruitment.import.line")}</th>
                    <th scope="col">{t("console.recruitment.import.column")}</th>
                    <th scope="col">{t("console.recruitment.import.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {job.errors.map((e, i) => (
                    <tr key={i}>
                      <td>{e.line}</td>
                      <td>{e.column}</td>
                      <td>{e.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {job?.state === "receiving" && !cancelled && !uploading.current && (
            <Alert severity="warning" small description={t("console.recruitment.import.reloaded")} className={fr.cx("fr-mb-2w")} />
          )}
          <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
            {job?.state === "receiving" && !cancelled && (
              <li>
                <Button priority="secondary" onClick={() => void cancel()}>
                  {t("console.recruitment.import.cancel")}
                </Button>
              </li>
            )}
            {(cancelled || job?.state !== "receiving") && (
              <li>
                <Button priority="secondary" onClick={onReset}>
                  {t("console.recruitment.import.again")}
                </Button>
              </li>
            )}
          </ul>
        </div>
      )}
    </section>
  );
}

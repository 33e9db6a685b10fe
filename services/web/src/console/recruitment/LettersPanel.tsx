// The invitation letters of one draw (notifications): the secretariat asks for them (the date to
// answer by, the letters per file for the printer), follows the job's progress (read every 2 s
// while it runs), downloads each file (a read of names and addresses the service writes to its
// audit trail) and erases the files once printed; they are erased by the service anyway at the
// date shown.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import { stateOf, useFieldForm, useMessage } from "../../forms/forms";
import { useI18n } from "../../i18n/i18n";
import { type LetterJob, lettersFieldErrors, runningJob } from "./model";

const IDS = { "/answer_by": "letters-answer-by", "/batch_size": "letters-batch" };

export function LettersPanel({ assemblyId, drawId }: { assemblyId: string; drawId: string }) {
  const { t, dateTime } = useI18n();
  const message = useMessage();
  const form = useFieldForm(IDS);
  const [jobs, setJobs] = useState<LetterJob[]>([]);
  const [answerBy, setAnswerBy] = useState("");
  const [batch, setBatch] = useState("1000");
  const [files, setFiles] = useState<Record<string, string>>({});
  const [fileError, setFileError] = useState(false);

  const load = useCallback(async () => {
    const { data } = await api.notifications.GET("/v1/assemblies/{id}/letter-jobs", {
      params: { path: { id: assemblyId } },
    });
    if (data) setJobs(data.items.filter((j) => j.draw_id === drawId));
  }, [assemblyId, drawId]);
  useEffect(() => {
    void load();
  }, [load]);
  const running = runningJob(jobs);
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => void load(), 2000);
    return () => window.clearInterval(timer);
  }, [running, load]);

  async function start() {
    if (!form.check(lettersFieldErrors(answerBy, batch))) return;
    await form.send(async () => {
      const { data, error, response } = await api.notifications.POST("/v1/invitation-draws/{id}/letters", {
        params: { path: { id: drawId } },
        body: { answer_by: answerBy, batch_size: Number(batch) },
      });
      if (data) {
        form.check({});
        setJobs((js) => [data, ...js]);
      } else form.refuse(response.status, error, "/answer_by", { 409: "console.recruitment.letters.notDrawn" });
    });
  }

  async function download(job: LetterJob, part: number) {
    setFileError(false);
    const { data, response } = await api.notifications.GET("/v1/letter-jobs/{id}/files/{part}", {
      params: { path: { id: job.id, part } },
      parseAs: "blob",
    });
    if (!response.ok || !(data instanceof Blob)) return setFileError(true);
    setFiles((f) => ({ ...f, [`${job.id}/${part}`]: URL.createObjectURL(data) }));
  }

  async function erase(job: LetterJob) {
    const { data } = await api.notifications.DELETE("/v1/letter-jobs/{id}/files", { params: { path: { id: job.id } } });
    if (data) setJobs((js) => js.map((j) => (j.id === data.id ? data : j)));
    else setFileError(true);
  }

  return (
    <section className={fr.cx("fr-mb-4w")} aria-labelledby="letters-title">
      <h3 id="letters-title">{t("console.recruitment.letters.title")}</h3>
      <p className={fr.cx("fr-text--sm")}>{t("console.recruitment.letters.note")}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <Input
          label={t("console.recruitment.letters.answerBy")}
          state={stateOf(form.errors["/answer_by"])}
          stateRelatedMessage={message(form.errors["/answer_by"])}
          nativeInputProps={{ id: IDS["/answer_by"], type: "date", value: answerBy, onChange: (e) => setAnswerBy(e.target.value) }}
        />
        <Input
          label={t("console.recruitment.letters.batch")}
          hintText={t("console.recruitment.letters.batchHint")}
          state={stateOf(form.errors["/batch_size"])}
          stateRelatedMessage={message(form.errors["/batch_size"])}
          nativeInputProps={{ id: IDS["/batch_size"], type: "number", min: 50, max: 10000, value: batch, onChange: (e) => setBatch(e.target.value) }}
        />
        {form.general && <Alert severity="error" small description={t(form.general)} className={fr.cx("fr-mb-2w")} />}
        <Button type="submit" disabled={form.sending || !!running}>
          {t("console.recruitment.letters.start")}
        </Button>
      </form>
      {fileError && <Alert severity="error" small description={t("console.recruitment.error.server")} className={fr.cx("fr-mt-1w")} />}
      {jobs.map((j) => (
        <div key={j.id} className={fr.cx("fr-mt-2w")} data-letter-job={j.id}>
          <p role="status" className={fr.cx("fr-mb-1w")}>
            {t(`console.recruitment.letters.state.${j.state}`, {
              letters: j.letters,
              at: dateTime(new Date(j.created_at)),
              expires: j.expires_at ? dateTime(new Date(j.expires_at)) : "",
            })}
            {j.state === "failed" && j.error ? ` ${j.error}` : ""}
          </p>
          {(j.state === "queued" || j.state === "running") && (
            <progress max={100} value={j.progress_percent} aria-label={t("console.recruitment.letters.progress")} />
          )}
          {j.state === "done" && (
            <>
              <ul className={fr.cx("fr-raw-list")}>
                {j.files.map((f) => {
                  const url = files[`${j.id}/${f.part}`];
                  const label =
                    f.part === 0
                      ? t("console.recruitment.letters.fileAll", { letters: f.letters })
                      : t("console.recruitment.letters.fileBatch", { part: f.part, first: f.first_letter, last: f.first_letter + f.letters - 1 });
                  return (
                    <li key={f.part} className={fr.cx("fr-mb-1w")}>
                      {url ? (
                        <a className={fr.cx("fr-link", "fr-icon-download-line", "fr-link--icon-left")} href={url} download={`lettres-${j.draw_id.slice(0, 8)}-${f.part}.pdf`}>
                          {t("console.recruitment.letters.save", { file: label })}
                        </a>
                      ) : (
                        <Button priority="tertiary" size="small" iconId="fr-icon-download-line" onClick={() => void download(j, f.part)}>
                          {label}
                        </Button>
                      )}
                    </li>
                  );
                })}
              </ul>
              <Button priority="secondary" size="small" onClick={() => void erase(j)}>
                {t("console.recruitment.letters.erase")}
              </Button>
            </>
          )}
        </div>
      ))}
    </section>
  );
}

// A workshop's synthesis notebook (secretariat): its versions, and two of them side by side
// (GET /v1/workshops/{id}/notebook/diff): a table whose two columns are the versions, each row a
// line — kept, removed (left only), added (right only) or changed (both) — said in words for
// screen readers as well as in colour. The two versions chosen are kept in the address. Each
// version handed to the executive links its PDF, rendered by the service from that kept version
// (immutable once submitted), not a second copy stored beside it.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import { type FormEvent, useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { navigate } from "../../router";
import { hasRole } from "../model";
import type { ConsoleProps } from "../sections";
import { type DiffLine, sideBySide } from "./model";
import { sectionPath } from "./paths";

interface Version {
  version: number;
  author?: string;
  note?: string;
  created_at?: string;
  submitted_at?: string | null;
}

export function NotebookDiffPage({ assembly, staff, rest, workshopId }: ConsoleProps & { workshopId: string }) {
  const { t, dateTime } = useI18n();
  const [versions, setVersions] = useState<Version[] | undefined>();
  const [failed, setFailed] = useState<Key | undefined>();
  const [lines, setLines] = useState<DiffLine[] | undefined>();
  const wanted = (rest[2] ?? "").split("..").map(Number);
  const last = versions?.length ? Math.max(...versions.map((v) => v.version)) : 0;
  const to = wanted[1] > 0 ? wanted[1] : last;
  const from = wanted[0] > 0 ? wanted[0] : Math.max(1, to - 1);
  const [pick, setPick] = useState<{ from: number; to: number } | undefined>();

  const [submitted, setSubmitted] = useState<number | undefined>();
  const [submitError, setSubmitError] = useState<Key | undefined>();
  const loadVersions = useCallback(
    () =>
      api.workshops.GET("/v1/workshops/{id}/notebook/versions", { params: { path: { id: workshopId } } }).then(
        ({ data, response }) =>
          data
            ? setVersions([...(((data as { items?: Version[] }).items ?? []) as Version[])].sort((a, b) => a.version - b.version))
            : setFailed(response.status === 403 ? "console.workshops.error.forbidden" : "console.workshops.error.load"),
        () => setFailed("console.workshops.error.load"),
      ),
    [workshopId],
  );
  useEffect(() => {
    void loadVersions();
  }, [loadVersions]);
  async function submit(version: number) {
    setSubmitError(undefined);
    const { data, response } = await api.workshops.POST("/v1/workshops/{id}/notebook/versions/{version}/submit", {
      params: { path: { id: workshopId, version } },
      body: {},
    });
    if (!data) return setSubmitError(response.status === 403 ? "console.workshops.error.forbidden" : "console.workshops.error.server");
    setSubmitted(version);
    await loadVersions();
  }
  useEffect(() => {
    setPick({ from, to });
    if (!versions || versions.length < 2 || from === to) return setLines(undefined);
    api.workshops
      .GET("/v1/workshops/{id}/notebook/diff", { params: { path: { id: workshopId }, query: { from, to } } })
      .then(({ data }) => setLines(data ? ((data.lines ?? []) as DiffLine[]) : undefined), () => setLines(undefined));
  }, [versions, from, to, workshopId]);

  if (failed) return <Alert severity="error" small description={t(failed)} />;
  if (!versions) return <p role="status">{t("console.workshops.loading")}</p>;

  const describe = (v: Version | undefined) =>
    v ? t("console.workshops.notebook.version", { version: v.version, date: v.created_at ? dateTime(new Date(v.created_at)) : "" }) : "";
  const byNumber = new Map(versions.map((v) => [v.version, v]));
  function compare(ev: FormEvent) {
    ev.preventDefault();
    if (pick) navigate(sectionPath(assembly.id, "carnet", workshopId, `${pick.from}..${pick.to}`));
  }
  const mark = (op: string, side: "left" | "right") =>
    op === "~" ? (side === "left" ? "ws-removed" : "ws-added") : op === "-" ? "ws-removed" : op === "+" ? "ws-added" : undefined;
  const word = (op: string, side: "left" | "right", present: boolean): Key | undefined =>
    !present ? undefined : op === "-" || (op === "~" && side === "left") ? "console.workshops.notebook.removed" : op === "+" || (op === "~" && side === "right") ? "console.workshops.notebook.added" : undefined;

  return (
    <div>
      <h1>{t("console.workshops.notebook.title")}</h1>
      {versions.length === 0 ? (
        <p>{t("console.workshops.notebook.empty")}</p>
      ) : (
        <>
          <h2>{t("console.workshops.notebook.versions")}</h2>
          {submitted !== undefined && (
            <Alert severity="success" small role="status" description={t("console.workshops.notebook.submitDone", { version: submitted })} />
          )}
          {submitError && <Alert severity="error" small description={t(submitError)} />}
          <ul>
            {versions.map((v) => (
              <li key={v.version}>
                {describe(v)}
                {v.note ? ` — ${v.note}` : ""}
                {v.submitted_at ? ` — ${t("console.workshops.notebook.submitted")}` : ""}
                {v.submitted_at && (
                  <>
                    {" — "}
                    <a
                      className={fr.cx("fr-link", "fr-link--download")}
                      href={`/api/workshops/v1/workshops/${workshopId}/notebook/versions/${v.version}/pdf`}
                    >
                      {t("console.workshops.notebook.pdf", { version: v.version })}
                    </a>
                  </>
                )}
                {!v.submitted_at && hasRole(staff, ["secretariat"]) && (
                  <>
                    {" "}
                    <Button priority="tertiary" size="small" onClick={() => void submit(v.version)}>
                      {t("console.workshops.notebook.submit", { version: v.version })}
                    </Button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {versions.length >= 2 && pick && (
        <>
          <form onSubmit={compare} className={fr.cx("fr-mt-2w")}>
            <fieldset className={fr.cx("fr-fieldset")}>
              <legend className={fr.cx("fr-fieldset__legend")}>{t("console.workshops.notebook.compare")}</legend>
              {(["from", "to"] as const).map((side) => (
                <div key={side} className={fr.cx("fr-fieldset__element", "fr-select-group")}>
                  <label className={fr.cx("fr-label")} htmlFor={`ws-nb-${side}`}>
                    {t(side === "from" ? "console.workshops.notebook.from" : "console.workshops.notebook.to")}
                  </label>
                  <select
                    id={`ws-nb-${side}`}
                    className={fr.cx("fr-select")}
                    value={pick[side]}
                    onChange={(e) => setPick({ ...pick, [side]: Number(e.target.value) })}
                  >
                    {versions.map((v) => (
                      <option key={v.version} value={v.version}>
                        {describe(v)}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              <div className={fr.cx("fr-fieldset__element")}>
                <Button type="submit">{t("console.workshops.notebook.show")}</Button>
              </div>
            </fieldset>
          </form>
          {lines && (
            <table className="ws-diff">
              <caption>{t("console.workshops.notebook.diffCaption", { from, to })}</caption>
              <thead>
                <tr>
                  <th scope="col">{describe(byNumber.get(from))}</th>
                  <th scope="col">{describe(byNumber.get(to))}</th>
                </tr>
              </thead>
              <tbody>
                {sideBySide(lines).map((row, i) => (
                  <tr key={i}>
                    {(["left", "right"] as const).map((side) => {
                      const text = row[side];
                      const w = word(row.op, side, text !== undefined);
                      return (
                        <td key={side} className={text !== undefined ? mark(row.op, side) : undefined}>
                          {w && <span className={fr.cx("fr-sr-only")}>{t(w)} </span>}
                          {text ?? ""}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}

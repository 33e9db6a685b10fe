// The workshop's synthesis notebook, for a member of the workshop: the current version (its text,
// when and by whom: "you", "a member of the workshop" or "the secretariat", never another
// member's name), the earlier versions with what each changed (GET …/notebook/diff), and a new
// version proposed from the current text (POST /v1/workshops/{id}/notebook/versions).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import Input from "@codegouvfr/react-dsfr/Input";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { messageOf, stateOf, useFieldForm } from "../../forms/forms";
import type { FieldErrors } from "../model";
import { useMemberPlace } from "../memberWorkshop";
import "../member.css";

export const TEXT_MAX = 500000;
export const NOTE_MAX = 500;
const IDS = { "/text": "notebook-text", "/note": "notebook-note" };

interface Version {
  version: number;
  author?: string;
  note?: string;
  created_at?: string;
  text?: string;
}
interface DiffLine {
  op?: "=" | "-" | "+";
  text?: string;
}

// Who wrote a version, as a member may see it.
export function authorKey(author: string | undefined, memberId: string): Key {
  if (author && author.includes(memberId)) return "member.notebook.author.you";
  if (author && /secretariat/.test(author)) return "member.notebook.author.secretariat";
  return "member.notebook.author.member";
}

export function validateNotebook(text: string, note: string, current: string | undefined): FieldErrors {
  const errors: FieldErrors = {};
  if (!text.trim()) errors["/text"] = { key: "member.notebook.text.missing" };
  else if (text.length > TEXT_MAX) errors["/text"] = { key: "member.notebook.text.tooLong" };
  else if (current !== undefined && text === current) errors["/text"] = { key: "member.notebook.text.unchanged" };
  if (note.length > NOTE_MAX) errors["/note"] = { key: "member.notebook.note.tooLong" };
  return errors;
}

export function NotebookPage({ memberId }: { memberId: string }) {
  const { t, dateTime } = useI18n();
  const place = useMemberPlace(memberId);
  const workshopId = place.state === "ready" ? place.workshopId : undefined;
  const [versions, setVersions] = useState<Version[] | undefined>();
  const [current, setCurrent] = useState<Version | undefined>();
  const [failed, setFailed] = useState(false);
  const [diff, setDiff] = useState<{ to: number; lines: DiffLine[] } | undefined>();
  const [text, setText] = useState("");
  const [note, setNote] = useState("");
  const form = useFieldForm(IDS);
  const { errors, general, sending } = form;
  const [saved, setSaved] = useState<number | undefined>();
  const savedRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async (id: string) => {
    const { data } = await api.workshops.GET("/v1/workshops/{id}/notebook/versions", {
      params: { path: { id } },
    });
    if (!data) return setFailed(true);
    const items = [...((data.items ?? []) as Version[])].sort((a, b) => b.version - a.version);
    setVersions(items);
    if (items.length === 0) {
      setCurrent(undefined);
      return;
    }
    const { data: last } = await api.workshops.GET("/v1/workshops/{id}/notebook/versions/{version}", {
      params: { path: { id, version: items[0].version } },
    });
    setCurrent(last as Version | undefined);
    setText((last as Version | undefined)?.text ?? "");
  }, []);

  useEffect(() => {
    if (workshopId) load(workshopId).catch(() => setFailed(true));
  }, [workshopId, load]);
  useEffect(() => {
    if (saved !== undefined) savedRef.current?.focus();
  }, [saved]);

  async function showDiff(to: number) {
    if (!workshopId) return;
    const { data } = await api.workshops.GET("/v1/workshops/{id}/notebook/diff", {
      params: { path: { id: workshopId }, query: { from: to - 1, to } },
    });
    setDiff(data ? { to, lines: (data.lines ?? []) as DiffLine[] } : undefined);
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!workshopId) return;
    setSaved(undefined);
    if (!form.check(validateNotebook(text, note, current?.text))) return;
    await form.send(async () => {
      const { data, error, response } = await api.workshops.POST("/v1/workshops/{id}/notebook/versions", {
        params: { path: { id: workshopId } },
        body: note.trim() ? { text, note: note.trim() } : { text },
      });
      if (!data) return form.refuse(response.status, error, "/text");
      setNote("");
      await load(workshopId);
      setSaved((data as Version).version);
    });
  }

  if (place.state === "loading") return <p role="status">{t("forms.loading")}</p>;
  if (place.state === "failed" || failed)
    return <Alert severity="error" small description={t("forms.error.load")} />;

  return (
    <div className={fr.cx("fr-my-4w")}>
      <h1>{t("member.notebook.title")}</h1>
      {!workshopId ? (
        <p>{t("member.notebook.noWorkshop")}</p>
      ) : (
        <>
          <p>{t("member.notebook.intro", { workshop: place.state === "ready" ? place.workshopTitle ?? "" : "" })}</p>
          <div ref={savedRef} tabIndex={-1}>
            {saved !== undefined && (
              <Alert severity="success" small role="status" description={t("member.notebook.saved", { version: saved })} />
            )}
            {general && <Alert severity="error" small className={fr.cx("fr-mb-2w")} description={t(general)} />}
          </div>
          <h2 className={fr.cx("fr-mt-4w")}>{t("member.notebook.current")}</h2>
          {versions === undefined ? (
            <p role="status">{t("forms.loading")}</p>
          ) : current ? (
            <>
              <p className={fr.cx("fr-text--sm")}>
                {t("member.notebook.versionLine", {
                  version: current.version,
                  date: current.created_at ? dateTime(new Date(current.created_at)) : "",
                  author: t(authorKey(current.author, memberId)),
                })}
              </p>
              <pre className="member-text" id="notebook-current">
                {current.text}
              </pre>
            </>
          ) : (
            <p>{t("member.notebook.empty")}</p>
          )}
          {versions && versions.length > 1 && (
            <>
              <h2 className={fr.cx("fr-mt-4w")}>{t("member.notebook.history")}</h2>
              <ul>
                {versions.map((v) => (
                  <li key={v.version}>
                    {t("member.notebook.versionLine", {
                      version: v.version,
                      date: v.created_at ? dateTime(new Date(v.created_at)) : "",
                      author: t(authorKey(v.author, memberId)),
                    })}
                    {v.note ? ` — ${v.note}` : ""}{" "}
                    {v.version > 1 && (
                      <Button priority="tertiary no outline" size="small" onClick={() => void showDiff(v.version)}>
                        {t("member.notebook.showDiff", { version: v.version })}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
              {diff && (
                <section aria-labelledby="notebook-diff-title">
                  <h3 id="notebook-diff-title">{t("member.notebook.diffTitle", { from: diff.to - 1, to: diff.to })}</h3>
                  <ul className="member-diff">
                    {diff.lines.map((l, i) => (
                      <li key={i} className={l.op === "+" ? "member-diff--added" : l.op === "-" ? "member-diff--removed" : undefined}>
                        <span className={fr.cx("fr-sr-only")}>
                          {l.op === "+" ? t("member.notebook.diff.added") : l.op === "-" ? t("member.notebook.diff.removed") : ""}
                        </span>
                        <span aria-hidden="true">{l.op === "=" ? "  " : `${l.op} `}</span>
                        {l.text}
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </>
          )}
          <h2 className={fr.cx("fr-mt-4w")}>{t("member.notebook.propose")}</h2>
          <form noValidate onSubmit={submit}>
            <Input
              label={t("member.notebook.text.label")}
              hintText={t("member.notebook.text.hint")}
              textArea
              state={stateOf(errors["/text"])}
              stateRelatedMessage={messageOf(t, errors["/text"])}
              nativeTextAreaProps={{
                id: IDS["/text"],
                name: "text",
                rows: 12,
                value: text,
                onChange: (e) => setText(e.target.value),
              }}
            />
            <Input
              label={t("member.notebook.note.label")}
              hintText={t("member.notebook.note.hint")}
              state={stateOf(errors["/note"])}
              stateRelatedMessage={messageOf(t, errors["/note"])}
              nativeInputProps={{
                id: IDS["/note"],
                name: "note",
                value: note,
                onChange: (e) => setNote(e.target.value),
              }}
            />
            <Button type="submit" disabled={sending}>
              {sending ? t("forms.sending") : t("member.notebook.submit")}
            </Button>
          </form>
        </>
      )}
    </div>
  );
}

// One file sent to a service's upload route (docs/documents.md): chosen or dropped, its limits
// said before the choice, checked here first (size, declared type) and by the service anyway (by
// its bytes), sent with a progress bar, the service's refusal shown next to the field (a
// problem's `errors` naming /file, or any other of its fields). The area's screen says where it
// goes (`url`: the route through the gateway, with its query, e.g. `?label=...`) and what to do
// with the document kept (`onUploaded`, the service's answer).
import "./widgets.css";

import Button from "@codegouvfr/react-dsfr/Button";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { useEffect, useRef, useState } from "react";
import type { DragEvent } from "react";

import { currentAccessToken } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";

export type MediaType = "application/pdf" | "image/png" | "image/jpeg" | "image/webp";

// The route's policy, as the service documents it (libs/documents Policy).
export interface UploadLimits {
  maxBytes: number;
  types: MediaType[];
}

export interface Answer {
  status: number;
  body: unknown;
}
// Sends `file` as the request's body (its type as Content-Type), reporting the fraction sent.
export type Transport = (url: string, file: File, progress: (fraction: number) => void) => Promise<Answer>;

interface Problem {
  detail?: string;
  errors?: { pointer: string; detail: string }[];
}

// XMLHttpRequest: fetch reports no upload progress.
export const xhrTransport: Transport = (url, file, progress) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    const token = currentAccessToken();
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(file);
  });

interface Props {
  id: string;
  label: string;
  url: string;
  limits: UploadLimits;
  onUploaded: (answer: unknown) => void;
  transport?: Transport;
  // The screen's other fields of the upload (its label, in DocumentUploadForm): their checks
  // before sending (`before`: false when one is at fault, said and focused there by the screen;
  // nothing is sent), and each refusal of the service naming one of them (`onFieldRefused`: true
  // when the screen placed it next to its field; the others stay under the file's field).
  before?: () => boolean;
  onFieldRefused?: (pointer: string, detail: string) => boolean;
}

type Message = { key: Key; params?: Record<string, string | number> };
type Translate = (key: Key, params?: Record<string, string | number>) => string;

// A size said in the reader's language: "3 Mo", "1,5 Mo", "12 Ko", "300 octets".
export const formatSize = (t: Translate, bytes: number) =>
  bytes >= 1 << 20 && bytes % (1 << 20) === 0
    ? t("console.ui.upload.unit.mib", { n: bytes / (1 << 20) })
    : bytes >= 1 << 20
      ? t("console.ui.upload.unit.mib", { n: Math.round((bytes / (1 << 20)) * 10) / 10 })
      : bytes >= 1024
        ? t("console.ui.upload.unit.kib", { n: Math.round(bytes / 1024) })
        : t("console.ui.upload.unit.bytes", { n: bytes });

export function DocumentUpload({ id, label, url, limits, onUploaded, transport = xhrTransport, before, onFieldRefused }: Props) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | undefined>();
  const [error, setError] = useState<Message | undefined>();
  const [percent, setPercent] = useState<number | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const inputId = `${id}-input`;
  // Back to the field after a refusal, once it is enabled again (it is while sending).
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) input.current?.focus();
  }, [refusals]);

  const size = (bytes: number) => formatSize(t, bytes);
  const kinds = limits.types.map((m) => t(`console.ui.upload.kind.${m}` as Key)).join(t("console.ui.upload.or"));

  // What can be told before sending: the service checks the bytes anyway.
  const check = (f: File | undefined): Message | undefined => {
    if (!f) return { key: "console.ui.upload.none" };
    if (!limits.types.includes(f.type as MediaType)) return { key: "console.ui.upload.wrongType", params: { kinds } };
    if (f.size > limits.maxBytes)
      return { key: "console.ui.upload.tooBig", params: { size: size(f.size), max: size(limits.maxBytes) } };
    return undefined;
  };

  const choose = (f: File | undefined) => {
    setFile(f);
    setDone(undefined);
    setPercent(undefined);
    setError(f ? check(f) : undefined);
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    choose(e.dataTransfer.files[0]);
  };

  const send = async () => {
    const found = check(file);
    setError(found);
    // The screen's fields come first on the page: at fault, they take the focus.
    if (before && !before()) return;
    if (found || !file) {
      setRefusals((n) => n + 1);
      return;
    }
    setPercent(0);
    try {
      const answer = await transport(url, file, (f) => setPercent(Math.round(f * 100)));
      if (answer.status >= 200 && answer.status < 300) {
        setPercent(100);
        setDone(file.name);
        onUploaded(answer.body);
        return;
      }
      setPercent(undefined);
      const problem = answer.body as Problem | undefined;
      const all = problem?.errors ?? [];
      const mine = all.filter((e) => !(onFieldRefused && (answer.status === 422 || answer.status === 400) && onFieldRefused(e.pointer, e.detail)));
      if (all.length > 0 && mine.length === 0) return; // all placed by the screen, next to its fields
      const details = all.length ? mine.map((e) => e.detail) : problem?.detail ? [problem.detail] : [];
      setError(
        answer.status === 403
          ? { key: "console.ui.upload.forbidden" }
          : (answer.status === 422 || answer.status === 400 || answer.status === 413) && details.length
            ? { key: "console.ui.upload.refused", params: { detail: details.join(" ") } }
            : { key: "console.ui.upload.error" },
      );
    } catch {
      setPercent(undefined);
      setError({ key: "console.ui.upload.error" });
    }
    setRefusals((n) => n + 1);
  };

  const sending = percent !== undefined && done === undefined;
  return (
    <div
      className={over ? "document-upload document-upload--over" : "document-upload"}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid={`${id}-drop`}
    >
      <Upload
        id={id}
        label={label}
        hint={t("console.ui.upload.hint", { kinds, size: size(limits.maxBytes) })}
        state={error ? "error" : "default"}
        stateRelatedMessage={error ? t(error.key, error.params) : undefined}
        nativeInputProps={{
          id: inputId,
          ref: input,
          accept: limits.types.join(","),
          disabled: sending,
          onChange: (e) => choose(e.currentTarget.files?.[0]),
        }}
      />
      <p className="fr-hint-text" aria-hidden="true">
        {t("console.ui.upload.drop")}
      </p>
      {file && !error && (
        <p className="fr-text--sm">{t("console.ui.upload.chosen", { name: file.name, size: size(file.size) })}</p>
      )}
      {percent !== undefined && (
        <progress id={`${id}-progress`} max={100} value={percent} aria-label={t("console.ui.upload.progressLabel")} />
      )}
      <p role="status" className="fr-text--sm">
        {done
          ? t("console.ui.upload.done", { label: done })
          : percent !== undefined
            ? t("console.ui.upload.progress", { percent })
            : ""}
      </p>
      <Button type="button" onClick={send} disabled={sending}>
        {t("console.ui.upload.send")}
      </Button>
    </div>
  );
}

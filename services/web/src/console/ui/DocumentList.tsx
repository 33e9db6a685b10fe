// The documents a service keeps for one thing (docs/documents.md), as its list route gives them:
// a table (its caption naming what they belong to) of each one's label as its download link (the
// service's signed link, through the gateway: `/api/<service>` before it), its kind and size, the
// day it was kept and who kept it (`uploaded_by` when the service says it to this reader, else
// `who`). The links expire (15 minutes): the screen reads the list again each time it is shown.
import { fr } from "@codegouvfr/react-dsfr";
import { useEffect } from "react";

import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import { formatSize } from "./DocumentUpload";
import { Table } from "./Table";
import { useRead } from "./useRead";

export interface KeptDocument {
  id: string;
  label: string;
  media_type: string;
  size_bytes: number;
  uploaded_at: string;
  url: string;
  url_expires_at?: string;
  uploaded_by?: string;
}

interface Props {
  caption: string;
  service: "sortition" | "workshops" | "followup";
  documents: KeptDocument[];
  who?: string; // said when the service does not name the uploader to this reader
  empty: string;
}

// A list of documents read when the screen is shown, and again when the page comes back into view
// (another tab, a phone woken up) or its first link expires: never a link kept past its life.
export function useDocuments(read: () => Promise<KeptDocument[] | undefined>, deps: unknown[]) {
  const [documents, reload] = useRead(read, deps);
  useEffect(() => {
    const again = () => document.visibilityState === "visible" && void reload();
    document.addEventListener("visibilitychange", again);
    return () => document.removeEventListener("visibilitychange", again);
  }, [reload]);
  const first = documents?.map((d) => Date.parse(d.url_expires_at ?? "")).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b)[0];
  useEffect(() => {
    if (first === undefined) return;
    // A minute at least: a reader's clock ahead of the service's does not read it again and again.
    // A day at most (a timer's limit is under 25 days).
    const timer = setTimeout(() => void reload(), Math.min(Math.max(first - Date.now(), 60_000), 86_400_000));
    return () => clearTimeout(timer);
  }, [first, reload]);
  return [documents, reload] as const;
}

const KINDS = ["application/pdf", "image/png", "image/jpeg", "image/webp"];

export function DocumentList({ caption, service, documents, who, empty }: Props) {
  const { t, dateTime } = useI18n();
  if (documents.length === 0) return <p>{empty}</p>;
  const kind = (m: string) => (KINDS.includes(m) ? t(`console.ui.upload.kind.${m}` as Key) : m);
  return (
    <Table
      caption={caption}
      headers={[t("console.ui.documents.label"), t("console.ui.documents.kept"), t("console.ui.documents.who")]}
      keys={documents.map((d) => d.id)}
      rows={documents.map((d) => [
        <a key="link" className={fr.cx("fr-link", "fr-link--download")} href={`/api/${service}${d.url}`} download>
          {d.label}
          <span className={fr.cx("fr-link__detail")}>
            {kind(d.media_type)} – {formatSize(t, d.size_bytes)}
          </span>
        </a>,
        dateTime(new Date(d.uploaded_at)),
        d.uploaded_by ? <code key="who">{d.uploaded_by}</code> : (who ?? "—"),
      ])}
    />
  );
}

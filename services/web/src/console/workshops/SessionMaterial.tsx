// A session's material (hearing slides, a site visit's papers: docs/documents.md): its documents
// with their download links (GET /v1/sessions/{id}/documents/files: links that expire in 15
// minutes, so the list is read each time the page is shown, never kept), and the upload of another
// (label and file: PDF, PNG, JPEG or WebP, 3 MiB) for the secretariat and the facilitators of the
// session's workshop (the service refuses anyone else).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import { useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import { hasRole, type Staff } from "../model";
import { DocumentList, type KeptDocument, useDocuments } from "../ui/DocumentList";
import { DocumentUploadForm } from "../ui/DocumentUploadForm";
import { ReadFailed } from "../ui/ReadFailed";
import type { Session } from "./model";

// Who may add material: the secretariat, a facilitator of the session's workshop (not a plenary's).
export const mayAddMaterial = (staff: Staff, session: Session) =>
  hasRole(staff, ["secretariat"]) ||
  (hasRole(staff, ["facilitator"]) && !!session.workshop_id && staff.workshops.includes(session.workshop_id));

export function SessionMaterial({ session, staff }: { session: Session; staff: Staff }) {
  const { t } = useI18n();
  const [kept, setKept] = useState<string | undefined>();
  const [documents, reload] = useDocuments(
    async () =>
      (await api.workshops.GET("/v1/sessions/{id}/documents/files", { params: { path: { id: session.id } } })).data?.items as
        | KeptDocument[]
        | undefined,
    [session.id],
  );
  return (
    <section aria-labelledby="ws-material-h" className={fr.cx("fr-mt-4w")} id="material">
      <h2 id="ws-material-h">{t("console.workshops.material.title")}</h2>
      <p>{t("console.workshops.material.intro")}</p>
      {kept && <Alert severity="success" small role="status" description={t("console.workshops.material.done", { label: kept })} />}
      {documents === undefined ? (
        <p role="status">{t("console.workshops.loading")}</p>
      ) : documents === null ? (
        <ReadFailed retry={reload} />
      ) : (
        <DocumentList
          caption={t("console.workshops.material.caption", { title: session.title ?? "" })}
          service="workshops"
          documents={documents}
          empty={t("console.workshops.material.none")}
        />
      )}
      {mayAddMaterial(staff, session) && (
        <DocumentUploadForm
          id="ws-material-upload"
          title={t("console.workshops.material.upload")}
          route={`/api/workshops/v1/sessions/${session.id}/documents/file`}
          limits={{ maxBytes: 3 << 20, types: ["application/pdf", "image/png", "image/jpeg", "image/webp"] }}
          labelHint={t("console.workshops.material.labelHint")}
          fileLabel={t("console.workshops.material.file")}
          onUploaded={(answer) => {
            setKept((answer as KeptDocument | undefined)?.label);
            void reload();
          }}
        />
      )}
    </section>
  );
}

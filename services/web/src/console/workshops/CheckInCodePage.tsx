// The check-in code to show in the room (the session's `checkin_code`, read by the secretariat
// or the workshop's facilitator): large enough to read from the back, with the session and where
// members type it (their space's check-in page, from an hour before to an hour after).
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import { useEffect, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { ConsoleProps } from "../sections";
import type { Session } from "./model";
import { follow, sectionPath } from "./paths";

export function CheckInCodePage({ assembly, sessionId }: ConsoleProps & { sessionId: string }) {
  const { t, range } = useI18n();
  const [session, setSession] = useState<Session | undefined>();
  const [failed, setFailed] = useState<number | undefined>();
  useEffect(() => {
    api.workshops.GET("/v1/sessions/{id}/details", { params: { path: { id: sessionId } } }).then(
      ({ data, response }) => (data ? setSession(data as Session) : setFailed(response.status)),
      () => setFailed(500),
    );
  }, [sessionId]);

  if (failed) return <Alert severity="error" small description={t(failed === 403 ? "console.workshops.error.forbidden" : "console.workshops.error.load")} />;
  if (!session) return <p role="status">{t("console.workshops.loading")}</p>;
  const code = session.checkin_code ?? "";
  return (
    <div>
      <p>
        <a href={sectionPath(assembly.id, "seance", session.id)} onClick={follow}>
          {t("console.workshops.code.back")}
        </a>
      </p>
      <h1>{t("console.workshops.code.title", { session: session.title ?? "" })}</h1>
      <p>{session.starts_at && session.ends_at ? range(new Date(session.starts_at), new Date(session.ends_at)) : ""}</p>
      {code ? (
        <>
          <div className="ws-code-box">
            <p className="ws-code" id="ws-code">
              <span aria-hidden="true">{code}</span>
              <span className={fr.cx("fr-sr-only")}>{t("console.workshops.code.spelled", { letters: [...code].join(" ") })}</span>
            </p>
          </div>
          <p className={fr.cx("fr-text--lead")}>{t("console.workshops.code.where", { address: `${window.location.origin}/espace-membre/presence` })}</p>
        </>
      ) : (
        <p>{t("console.workshops.code.none")}</p>
      )}
    </div>
  );
}

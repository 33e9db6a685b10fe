// The assembly's motions (one per workshop): status, the versions of the text (who proposed each,
// when) and what each changed from the one before (the service's line diff), the debate recorded
// at the plenary, and, once the plenary adopted it, the sending to the Council of Paris.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Badge from "@codegouvfr/react-dsfr/Badge";
import Button from "@codegouvfr/react-dsfr/Button";
import { useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import "../../member/member.css";

interface Motion {
  id: string;
  theme?: string;
  title?: string;
  status?: string;
  version?: number;
}
interface Version {
  version?: number;
  title?: string;
  text?: string;
  proposed_by?: { kind?: string; organisation?: string | null };
  created_at?: string;
}
interface Debate {
  summary?: string;
  presentation?: { summary?: string };
  interventions?: { role?: string; summary?: string }[];
}

const STATUSES = ["drafting", "approved-by-workshop", "voted", "sent-to-council"];

export function MotionsPanel({ assemblyId }: { assemblyId: string }) {
  const { t } = useI18n();
  const [items, setItems] = useState<Motion[] | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    api.recommendations
      .GET("/v1/motions", { params: { query: { assembly_id: assemblyId } } })
      .then(({ data }) => (data ? setItems((data.items ?? []) as Motion[]) : setFailed(true)))
      .catch(() => setFailed(true));
  }, [assemblyId]);
  if (failed) return <Alert severity="error" small description={t("forms.error.load")} />;
  return (
    <section aria-labelledby="motions-title">
      <h2 id="motions-title">{t("console.motions.title")}</h2>
      {items === undefined ? (
        <p role="status">{t("forms.loading")}</p>
      ) : items.length === 0 ? (
        <p>{t("console.motions.none")}</p>
      ) : (
        items.map((m) => <MotionItem key={m.id} initial={m} />)
      )}
    </section>
  );
}

function MotionItem({ initial }: { initial: Motion }) {
  const { t, dateTime } = useI18n();
  const [m, setM] = useState(initial);
  const [versions, setVersions] = useState<Version[]>([]);
  const [debate, setDebate] = useState<Debate | null>(null);
  const [diffOf, setDiffOf] = useState<number | undefined>();
  const [diff, setDiff] = useState<string>("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    const v = await api.recommendations.GET("/v1/motions/{id}/versions", { params: { path: { id: m.id } } });
    setVersions(((v.data?.items ?? []) as Version[]).slice().reverse());
    const d = await api.recommendations.GET("/v1/motions/{id}/debate", { params: { path: { id: m.id } } });
    setDebate((d.data as Debate | undefined) ?? null);
  }, [m.id]);
  useEffect(() => {
    void load().catch(() => undefined);
  }, [load]);
  useEffect(() => {
    if (diffOf === undefined) return;
    api.recommendations
      .GET("/v1/motions/{id}/diff", { params: { path: { id: m.id }, query: { from: diffOf - 1, to: diffOf } } })
      .then(({ data }) => setDiff((data as { unified?: string } | undefined)?.unified ?? ""))
      .catch(() => setDiff(""));
  }, [diffOf, m.id]);

  async function send() {
    if (busy) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const { data, error, response } = await api.recommendations.POST("/v1/motions/{id}/send-to-council", {
        params: { path: { id: m.id } },
        body: {},
      });
      if (!data)
        return setMessage({
          ok: false,
          text:
            response.status === 403
              ? t("forms.error.forbidden")
              : t("console.recommendations.error.conflict", { detail: (error as { detail?: string } | undefined)?.detail ?? "" }),
        });
      setM((x) => ({ ...x, status: "sent-to-council" }));
      setMessage({ ok: true, text: t("console.motions.sent") });
    } catch {
      setMessage({ ok: false, text: t("forms.error.server") });
    } finally {
      setBusy(false);
    }
  }

  const status = m.status ?? "";
  return (
    <article className={fr.cx("fr-mb-6w")} aria-labelledby={`motion-${m.id}-title`}>
      <h3 id={`motion-${m.id}-title`} className={fr.cx("fr-h5", "fr-mb-1w")}>
        {m.title || t("console.motions.untitled", { theme: m.theme ?? "" })}
      </h3>
      <p>
        <Badge small as="span" severity={status === "sent-to-council" ? "success" : "info"}>
          {STATUSES.includes(status) ? t(`console.motions.status.${status}` as Key) : status}
        </Badge>
      </p>
      {versions[0]?.text && <pre className="member-text">{versions[0].text}</pre>}
      {versions.length > 0 && (
        <>
          <h4 className={fr.cx("fr-h6", "fr-mb-1w")}>{t("console.motions.versions")}</h4>
          <ul>
            {versions.map((v) => (
              <li key={v.version}>
                {t("console.motions.versionItem", {
                  version: v.version ?? 0,
                  by: v.proposed_by?.organisation || v.proposed_by?.kind || "",
                  at: v.created_at ? dateTime(new Date(v.created_at)) : "",
                })}
                {(v.version ?? 0) > 1 && (
                  <>
                    {" "}
                    <Button size="small" priority="tertiary" onClick={() => setDiffOf(v.version)}>
                      {t("console.motions.diff.show")}
                    </Button>
                  </>
                )}
              </li>
            ))}
          </ul>
          {diffOf !== undefined && diff && (
            <>
              <p className={fr.cx("fr-mb-1v")}>{t("console.motions.diff", { from: diffOf - 1, to: diffOf })}</p>
              <pre className="member-text">{diff}</pre>
            </>
          )}
        </>
      )}
      <h4 className={fr.cx("fr-h6", "fr-mb-1w")}>{t("console.motions.debate")}</h4>
      {debate?.summary ? <p>{debate.summary}</p> : <p>{t("console.motions.debate.none")}</p>}
      {status === "voted" && (
        <Button onClick={() => void send()} disabled={busy}>
          {t("console.motions.send")}
        </Button>
      )}
      <div aria-live="polite">{message && <Alert severity={message.ok ? "success" : "error"} small description={message.text} />}</div>
    </article>
  );
}

// The assembly's motions (one per workshop): status, the versions of the text (who proposed each,
// when) and what each changed from the one before (the service's line diff), a new version while
// it is drafted (MotionForms), its spokespersons (membership's live roles for the motion; set while
// it is drafted), the debate at the last plenary (recorded once the workshop approved the text,
// then shown as recorded), and, once the plenary adopted it, the sending to the Council of Paris.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Badge from "@codegouvfr/react-dsfr/Badge";
import Button from "@codegouvfr/react-dsfr/Button";
import { useCallback, useEffect, useState } from "react";

import { api } from "../../api/client";
import { useI18n } from "../../i18n/i18n";
import type { Key } from "../../i18n/messages";
import "../../member/member.css";
import { membersPath } from "../members/MembersSection";
import { shortId } from "../members/model";
import { link } from "../link";
import { DebateFormPanel, type MemberRef, type Session, SpokespersonsForm, VersionFormPanel } from "./MotionForms";
import { type Role, spokespersonsOf } from "./model";

interface Motion {
  id: string;
  workshop_id?: string;
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
interface Speaker {
  role?: string;
  name?: string | null;
  summary?: string;
}
interface Debate {
  plenary_session_id?: string;
  summary?: string;
  presentation?: { summary?: string; speakers?: Speaker[] };
  interventions?: Speaker[];
  recorded_at?: string;
}
// What the motions share, read once for the page: the assembly's sessions (workshops), its
// active members and roles (membership), its recommendations (which motion carries each).
interface Context {
  assemblyId: string;
  sessions: Session[];
  members: (MemberRef & { workshop_theme?: string | null })[];
  roles: Role[];
  recommendations: { id?: string; motion_id?: string | null }[];
}

const STATUSES = ["drafting", "approved-by-workshop", "voted", "sent-to-council"];

export function MotionsPanel({ assemblyId }: { assemblyId: string }) {
  const { t } = useI18n();
  const [items, setItems] = useState<Motion[] | undefined>();
  const [failed, setFailed] = useState(false);
  const [ctx, setCtx] = useState<Context | undefined>();
  useEffect(() => {
    api.recommendations
      .GET("/v1/motions", { params: { query: { assembly_id: assemblyId } } })
      .then(({ data }) => (data ? setItems((data.items ?? []) as Motion[]) : setFailed(true)))
      .catch(() => setFailed(true));
    const q = { params: { query: { assembly_id: assemblyId } } };
    Promise.all([
      api.workshops.GET("/v1/sessions", q),
      api.membership.GET("/v1/members", { params: { query: { assembly_id: assemblyId, status: "active" } } }),
      api.membership.GET("/v1/assemblies/{id}/roles", { params: { path: { id: assemblyId } } }),
      api.recommendations.GET("/v1/recommendations", q),
    ])
      .then(([s, m, r, rec]) =>
        setCtx({
          assemblyId,
          sessions: (s.data?.items ?? []) as Session[],
          members: (m.data?.items ?? []) as Context["members"],
          roles: (r.data?.items ?? []) as Role[],
          recommendations: (rec.data?.items ?? []) as Context["recommendations"],
        }),
      )
      .catch(() => setFailed(true));
  }, [assemblyId]);
  if (failed) return <Alert severity="error" small description={t("forms.error.load")} />;
  return (
    <section aria-labelledby="motions-title">
      <h2 id="motions-title">{t("console.motions.title")}</h2>
      {items === undefined || ctx === undefined ? (
        <p role="status">{t("forms.loading")}</p>
      ) : items.length === 0 ? (
        <p>{t("console.motions.none")}</p>
      ) : (
        items.map((m) => <MotionItem key={m.id} initial={m} ctx={ctx} />)
      )}
    </section>
  );
}

function MotionItem({ initial, ctx }: { initial: Motion; ctx: Context }) {
  const { t, dateTime } = useI18n();
  const [m, setM] = useState(initial);
  const [spokespersons, setSpokespersons] = useState<string[]>(() => spokespersonsOf(ctx.roles, initial.id));
  const workshopMembers = ctx.members.filter((x) => x.workshop_theme === m.theme);
  const workshopSessions = ctx.sessions.filter((s) => s.workshop_id && s.workshop_id === m.workshop_id);
  const plenaries = ctx.sessions.filter((s) => s.type === "plenary");
  const carried = ctx.recommendations.filter((r) => r.motion_id === m.id).map((r) => r.id ?? "");
  const [versions, setVersions] = useState<Version[]>([]);
  const [loaded, setLoaded] = useState(false);
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
    const one = await api.recommendations.GET("/v1/motions/{id}", { params: { path: { id: m.id } } });
    if (one.data) setM((x) => ({ ...x, ...(one.data as Motion) }));
    setLoaded(true);
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
    <article className={fr.cx("fr-mb-6w")} aria-labelledby={`motion-${m.id}-title`} data-motion={m.id}>
      <h3 id={`motion-${m.id}-title`} className={fr.cx("fr-h5", "fr-mb-1w")}>
        {m.title || t("console.motions.untitled", { theme: m.theme ?? "" })}
      </h3>
      <p>
        <Badge small as="span" severity={status === "sent-to-council" ? "success" : "info"}>
          {STATUSES.includes(status) ? t(`console.motions.status.${status}` as Key) : status}
        </Badge>
      </p>
      {versions[0]?.text && <pre className="member-text">{versions[0].text}</pre>}
      <h4 className={fr.cx("fr-h6", "fr-mb-1w")}>{t("console.motions.spokespersons.title")}</h4>
      {spokespersons.length === 0 ? (
        <p>{t("console.motions.spokespersons.none")}</p>
      ) : (
        <ul data-spokespersons>
          {spokespersons.map((id) => (
            <li key={id}>
              <a {...link(membersPath(ctx.assemblyId, "membre", id))}>{t("console.motions.memberLabel", { id: shortId(id) })}</a>
            </li>
          ))}
        </ul>
      )}
      {status === "drafting" && versions.length > 0 && (
        <SpokespersonsForm
          motionId={m.id}
          current={{ title: versions[0].title ?? "", text: versions[0].text ?? "" }}
          chosen={spokespersons}
          members={workshopMembers}
          recommendationIds={carried}
          onSet={setSpokespersons}
        />
      )}
      {versions.length > 0 && (
        <>
          <h4 className={fr.cx("fr-h6", "fr-mb-1w")}>{t("console.motions.versions")}</h4>
          <ul data-versions>
            {versions.map((v) => (
              <li key={v.version}>
                {t("console.motions.versionItem", {
                  version: v.version ?? 0,
                  by: v.proposed_by?.organisation || (v.proposed_by?.kind ? t(`console.motions.version.kind.${v.proposed_by.kind}` as Key) : ""),
                  at: v.created_at ? dateTime(new Date(v.created_at)) : "",
                })}
                {(v.version ?? 0) > 1 && (
                  <>
                    {" "}
                    <Button size="small" priority="tertiary" onClick={() => setDiffOf(v.version)}>
                      {t("console.motions.diff.show", { version: v.version ?? 0 })}
                    </Button>
                  </>
                )}
              </li>
            ))}
          </ul>
          {diffOf !== undefined && diff && (
            <div data-diff>
              <p className={fr.cx("fr-mb-1v")}>{t("console.motions.diff", { from: diffOf - 1, to: diffOf })}</p>
              <pre className="member-text">{diff}</pre>
            </div>
          )}
        </>
      )}
      {status === "drafting" && loaded && (
        <VersionFormPanel
          motionId={m.id}
          current={{ title: versions[0]?.title ?? m.title ?? "", text: versions[0]?.text ?? "" }}
          sessions={workshopSessions}
          members={workshopMembers}
          onProposed={(version) => {
            void load()
              .then(() => setDiffOf(version > 1 ? version : undefined))
              .catch(() => undefined);
          }}
        />
      )}
      <h4 className={fr.cx("fr-h6", "fr-mb-1w")}>{t("console.motions.debate")}</h4>
      {debate ? (
        <DebateRecord debate={debate} sessions={ctx.sessions} />
      ) : loaded && (status === "approved-by-workshop" || status === "voted") ? (
        <DebateFormPanel motionId={m.id} plenaries={plenaries} onRecorded={(d) => setDebate(d as Debate)} />
      ) : (
        <p>{t("console.motions.debate.none")}</p>
      )}
      {status === "voted" && (
        <Button onClick={() => void send()} disabled={busy}>
          {t("console.motions.send")}
        </Button>
      )}
      <div aria-live="polite">{message && <Alert severity={message.ok ? "success" : "error"} small description={message.text} />}</div>
    </article>
  );
}

// The debate as recorded: the plenary, the presentation and its speakers, the interventions, the
// summary (names only where the speaker agreed: the service keeps no other).
function DebateRecord({ debate, sessions }: { debate: Debate; sessions: Session[] }) {
  const { t, dateTime } = useI18n();
  const plenary = sessions.find((s) => s.id === debate.plenary_session_id);
  const who = (s: Speaker) =>
    s.name ? t("console.motions.debate.named", { role: t(`console.motions.debate.role.${s.role}` as Key), name: s.name }) : t(`console.motions.debate.role.${s.role}` as Key);
  return (
    <div data-debate>
      <p>
        {t("console.motions.debate.at", {
          plenary: plenary?.title ?? debate.plenary_session_id ?? "",
          at: debate.recorded_at ? dateTime(new Date(debate.recorded_at)) : "",
        })}
      </p>
      <p className={fr.cx("fr-mb-1v")}>
        <strong>{t("console.motions.debate.presentation")}</strong>
      </p>
      <p>{debate.presentation?.summary}</p>
      {(debate.presentation?.speakers ?? []).length > 0 && (
        <p>{t("console.motions.debate.speakersList", { list: (debate.presentation?.speakers ?? []).map(who).join(", ") })}</p>
      )}
      {(debate.interventions ?? []).length > 0 && (
        <>
          <p className={fr.cx("fr-mb-1v")}>
            <strong>{t("console.motions.debate.interventions")}</strong>
          </p>
          <ul>
            {(debate.interventions ?? []).map((i, n) => (
              <li key={n}>
                {t("console.motions.debate.said", { who: who(i), summary: i.summary ?? "" })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className={fr.cx("fr-mb-1v")}>
        <strong>{t("console.motions.debate.summary")}</strong>
      </p>
      <p>{debate.summary}</p>
    </div>
  );
}

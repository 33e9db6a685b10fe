// The members' space (/espace-membre, also /member-space): a side menu of the sections
// (sections.ts) and the section chosen (/espace-membre/<section>). Whose space: the `member_id`
// claim of the signed-in person's access token; their record comes from membership
// (GET /v1/members/{id}, which answers only for themself). Signed out: an invitation to sign in;
// signed in without being a member (no claim, or the record refused): a page saying so.
import { fr } from "@codegouvfr/react-dsfr";
import Alert from "@codegouvfr/react-dsfr/Alert";
import Button from "@codegouvfr/react-dsfr/Button";
import SideMenu from "@codegouvfr/react-dsfr/SideMenu";
import type { User } from "oidc-client-ts";
import { type MouseEvent, useCallback, useEffect, useRef, useState } from "react";

import { api } from "../api/client";
import { signIn } from "../auth/auth";
import { useI18n } from "../i18n/i18n";
import { navigate } from "../router";
import { type Member, memberIdOf, splitMemberPath } from "./model";
import { sections } from "./sections";

type Loaded =
  | { state: "loading" }
  | { state: "member"; member: Member }
  | { state: "not-member" }
  | { state: "failed" };

// `user`: undefined while the session is read, null when nobody is signed in.
export function MemberSpace({ path, user }: { path: string; user: User | null | undefined }) {
  const { t } = useI18n();
  const where = splitMemberPath(path) ?? { base: "/espace-membre", section: "" };
  const section = sections.find((s) => s.path === where.section) ?? (where.section ? undefined : sections[0]);
  const memberId = user ? memberIdOf(user.access_token) : undefined;
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });

  const load = useCallback(async () => {
    if (!memberId) return;
    try {
      const { data, response } = await api.membership.GET("/v1/members/{id}", {
        params: { path: { id: memberId } },
      });
      if (data) setLoaded({ state: "member", member: data });
      else setLoaded({ state: response.status === 403 || response.status === 404 ? "not-member" : "failed" });
    } catch {
      setLoaded({ state: "failed" });
    }
  }, [memberId]);
  // Read again at each section: the secretariat may have changed it meanwhile (the opening
  // plenary places the member in a workshop).
  useEffect(() => {
    void load();
  }, [load, where.section]);

  // Another section chosen: the focus goes to it (a screen reader reads it; on a phone the page
  // scrolls past the menu).
  const content = useRef<HTMLDivElement>(null);
  const shown = useRef(where.section);
  useEffect(() => {
    if (shown.current === where.section) return;
    shown.current = where.section;
    content.current?.focus();
  }, [where.section]);

  const title = section ? t(section.label) : t("notFound.title");
  useEffect(() => {
    document.title = `${title} — ${t("member.title")} — ${t("app.operator")}`;
  }, [title, t]);

  if (user === undefined) return <p role="status">{t("member.loading")}</p>;
  if (user === null)
    return (
      <div className={fr.cx("fr-my-6w", "fr-col-12", "fr-col-md-8")}>
        <h1>{t("member.title")}</h1>
        <p>{t("member.signedOut.text")}</p>
        <Button iconId="fr-icon-account-circle-line" onClick={() => void signIn(path)}>
          {t("member.signedOut.signIn")}
        </Button>
      </div>
    );
  if (!memberId || loaded.state === "not-member")
    return (
      <div className={fr.cx("fr-my-6w", "fr-col-12", "fr-col-md-8")}>
        <h1>{t("member.title")}</h1>
        <Alert severity="info" small description={t("member.notMember.text")} />
        <p className={fr.cx("fr-mt-4w")}>
          <a className={fr.cx("fr-link")} href="/">
            {t("notFound.home")}
          </a>
        </p>
      </div>
    );
  if (loaded.state === "loading") return <p role="status">{t("member.loading")}</p>;
  if (loaded.state === "failed")
    return (
      <div className={fr.cx("fr-my-6w")}>
        <h1>{t("member.title")}</h1>
        <Alert severity="error" small description={t("member.error.server")} />
        <Button className={fr.cx("fr-mt-2w")} priority="secondary" onClick={() => void load()}>
          {t("member.retry")}
        </Button>
      </div>
    );

  const Current = section?.component;
  return (
    <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-my-4w")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
        <SideMenu
          title={t("member.title")}
          burgerMenuButtonText={t("member.menu")}
          items={sections.map((s) => {
            const href = s === sections[0] ? where.base : `${where.base}/${s.path}`;
            return {
              text: t(s.label),
              isActive: s === section,
              linkProps: {
                href,
                onClick: (e: MouseEvent) => {
                  e.preventDefault();
                  navigate(href);
                },
              },
            };
          })}
        />
      </div>
      <div ref={content} tabIndex={-1} id="member-section" className={fr.cx("fr-col-12", "fr-col-md-8")}>
        <p className={fr.cx("fr-text--sm", "fr-mb-1w")}>{t("member.title")}</p>
        {Current ? (
          <Current member={loaded.member} memberId={memberId} update={(m) => setLoaded({ state: "member", member: m })} />
        ) : (
          <>
            <h1>{t("notFound.title")}</h1>
            <p>{t("notFound.text")}</p>
          </>
        )}
      </div>
    </div>
  );
}

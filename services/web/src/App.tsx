// The frame of every page (DSFR header with the language switch and sign-in, footer, skip
// links) and the routes: a path names a page; unknown paths get the not-found page.
import { fr } from "@codegouvfr/react-dsfr";
import Footer from "@codegouvfr/react-dsfr/Footer";
import Header from "@codegouvfr/react-dsfr/Header";
import SkipLinks from "@codegouvfr/react-dsfr/SkipLinks";
import type { User } from "oidc-client-ts";
import { lazy, type MouseEvent, Suspense, useEffect, useState } from "react";

import { AnswerPage } from "./answer/AnswerPage";
import { CONSOLE_BASE, splitConsolePath, staffOf } from "./console/model";
import { CALLBACK_PATH, completeSignIn, currentUser, signIn, signOut } from "./auth/auth";
import { useI18n } from "./i18n/i18n";
import type { Lang } from "./i18n/messages";
import { MEMBER_PATHS, splitMemberPath } from "./member/model";
import { HomePage } from "./pages/HomePage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { navigate, usePath } from "./router";

// The members' space and the console are loaded when first opened (their own script files): the
// answer form a resident opens from the letter carries neither.
const MemberSpace = lazy(() => import("./member/MemberSpace").then((m) => ({ default: m.MemberSpace })));
const ConsoleSpace = lazy(() => import("./console/ConsoleSpace").then((m) => ({ default: m.ConsoleSpace })));

// The letter prints this address (and its English twin leads to the same form).
export const ANSWER_PATHS = ["/repondre", "/answer"];

// `user`: undefined while the session is read, null when nobody is signed in.
function Page({ path, user }: { path: string; user: User | null | undefined }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (path !== CALLBACK_PATH) return;
    completeSignIn().then(
      (to) => navigate(to),
      () => setFailed(true),
    );
  }, [path]);
  if (path === "/") return <HomePage />;
  if (ANSWER_PATHS.includes(path.replace(/\/$/, ""))) return <AnswerPage />;
  const loading = <p role="status">{t("console.loading")}</p>;
  if (splitMemberPath(path))
    return (
      <Suspense fallback={loading}>
        <MemberSpace path={path} user={user} />
      </Suspense>
    );
  if (splitConsolePath(path))
    return (
      <Suspense fallback={loading}>
        <ConsoleSpace path={path} user={user} />
      </Suspense>
    );
  if (path === CALLBACK_PATH) return <p role="status">{t(failed ? "auth.failed" : "auth.returning")}</p>;
  return <NotFoundPage />;
}

export function App() {
  const { t, lang, setLang } = useI18n();
  const path = usePath();
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    currentUser().then(setUser, () => setUser(null));
  }, [path]);
  useEffect(() => {
    // The members' space and the console name their own pages.
    if (splitMemberPath(path) || splitConsolePath(path)) return;
    document.title = `${t(ANSWER_PATHS.includes(path) ? "answer.title" : "app.title")} — ${t("app.operator")}`;
  }, [path, t]);
  const other = t("lang.switchLang") as Lang;
  // A member's username is their member id: not a name to show (their name is in their sealed
  // contact, not in the token).
  const username = user?.profile.preferred_username ?? "";
  const name = user?.profile.name ?? (/^[0-9a-f-]{36}$/.test(username) ? "" : username);

  return (
    <>
      <SkipLinks links={[{ anchor: "#contenu", label: t("app.skipToContent") }]} />
      <Header
        brandTop={
          <>
            Ville
            <br />
            de Paris
          </>
        }
        serviceTitle={t("app.title")}
        serviceTagline={t("app.tagline")}
        homeLinkProps={{ href: "/", title: t("app.homeLinkTitle") }}
        quickAccessItems={[
          {
            iconId: "fr-icon-translate-2",
            buttonProps: {
              lang: other,
              title: t("lang.switchTitle"),
              onClick: () => setLang(other),
            },
            text: t("lang.switch"),
          },
          ...(user && staffOf(user.access_token)
            ? [
                {
                  iconId: "fr-icon-settings-5-line" as const,
                  linkProps: {
                    href: CONSOLE_BASE,
                    onClick: (e: MouseEvent) => {
                      e.preventDefault();
                      navigate(CONSOLE_BASE);
                    },
                  },
                  text: t("console.headerLink"),
                },
              ]
            : []),
          ...(user && !staffOf(user.access_token)
            ? [
                {
                  iconId: "fr-icon-user-line" as const,
                  // The space's address in the reader's language.
                  linkProps: {
                    href: MEMBER_PATHS[lang === "en" ? 1 : 0],
                    onClick: (e: MouseEvent) => {
                      e.preventDefault();
                      navigate(MEMBER_PATHS[lang === "en" ? 1 : 0]);
                    },
                  },
                  text: t("member.headerLink"),
                },
              ]
            : []),
          user
            ? {
                iconId: "fr-icon-logout-box-r-line",
                buttonProps: { onClick: () => void signOut() },
                text: name ? `${t("auth.signOut")} (${name})` : t("auth.signOut"),
              }
            : {
                iconId: "fr-icon-account-circle-line",
                buttonProps: { onClick: () => void signIn(window.location.pathname) },
                text: t("auth.signIn"),
              },
        ]}
      />
      <main id="contenu" tabIndex={-1} className={fr.cx("fr-container")}>
        <Page path={path} user={user} />
      </main>
      <Footer
        brandTop={
          <>
            Ville
            <br />
            de Paris
          </>
        }
        homeLinkProps={{ href: "/", title: t("app.homeLinkTitle") }}
        contentDescription={t("footer.description")}
        accessibility="non compliant"
      />
    </>
  );
}

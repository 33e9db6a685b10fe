// The frame of every page (DSFR header with the language switch and sign-in, footer, skip
// links) and the routes: a path names a page; unknown paths get the not-found page.
import { fr } from "@codegouvfr/react-dsfr";
import Footer from "@codegouvfr/react-dsfr/Footer";
import Header from "@codegouvfr/react-dsfr/Header";
import SkipLinks from "@codegouvfr/react-dsfr/SkipLinks";
import type { User } from "oidc-client-ts";
import { useEffect, useState } from "react";

import { AnswerPage } from "./answer/AnswerPage";
import { CALLBACK_PATH, completeSignIn, currentUser, signIn, signOut } from "./auth/auth";
import { useI18n } from "./i18n/i18n";
import type { Lang } from "./i18n/messages";
import { HomePage } from "./pages/HomePage";
import { MEMBER_PREFIX, MemberRoute } from "./member/MemberRoute";
import { NotFoundPage } from "./pages/NotFoundPage";

// The letter prints this address (and its English twin leads to the same form).
export const ANSWER_PATHS = ["/repondre", "/answer"];

export function navigate(path: string) {
  window.history.pushState({}, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const on = () => setPath(window.location.pathname);
    window.addEventListener("popstate", on);
    return () => window.removeEventListener("popstate", on);
  }, []);
  return path;
}

function Page({ path }: { path: string }) {
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
  if (path.startsWith(MEMBER_PREFIX)) return <MemberRoute path={path} />;
  if (path === CALLBACK_PATH) return <p role="status">{t(failed ? "auth.failed" : "auth.returning")}</p>;
  return <NotFoundPage />;
}

export function App() {
  const { t, setLang } = useI18n();
  const path = usePath();
  const [user, setUser] = useState<User | null>(null);
  useEffect(() => {
    currentUser().then(setUser, () => setUser(null));
  }, [path]);
  useEffect(() => {
    document.title = `${t(ANSWER_PATHS.includes(path) ? "answer.title" : "app.title")} — ${t("app.operator")}`;
  }, [path, t]);
  const other = t("lang.switchLang") as Lang;
  const name = user?.profile.name ?? user?.profile.preferred_username ?? "";

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
          user
            ? {
                iconId: "fr-icon-logout-box-r-line",
                buttonProps: { onClick: () => void signOut() },
                text: `${t("auth.signOut")} (${name})`,
              }
            : {
                iconId: "fr-icon-account-circle-line",
                buttonProps: { onClick: () => void signIn(window.location.pathname) },
                text: t("auth.signIn"),
              },
        ]}
      />
      <main id="contenu" tabIndex={-1} className={fr.cx("fr-container")}>
        <Page path={path} />
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
